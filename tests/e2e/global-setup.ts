/**
 * One built server with the demo data for the whole run; its address and database
 * reach the tests through the environment.
 */
import { runClockShift } from '../support/run-clock';
import { startServer } from '../support/server';

export default async function globalSetup() {
	// The run's one clock, chosen here and inherited by the test workers through the environment.
	runClockShift();
	const server = await startServer();
	process.env.E2E_BASE_URL = server.url;
	process.env.E2E_DATABASE_PATH = server.databasePath;
	return async () => {
		await server.stop();
	};
}
