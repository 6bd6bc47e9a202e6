/** Login throttling per username and per client address, against the built server. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer | undefined;
afterEach(async () => { await server?.stop(); server = undefined; });

describe('login throttling', () => {
	it('after four failures for a username even the right password waits; other usernames are unaffected', async () => {
		server = await startServer();
		for (let i = 0; i < 4; i++) expect((await login(server.url, 'amal', 'wrong password')).status).toBe(400);
		const blocked = await login(server.url, 'amal', DEMO_PASSWORD);
		expect(blocked.status).toBe(429);
		expect(blocked.cookie).toBeNull();
		// The key is the username, whatever its case.
		expect((await login(server.url, 'AMAL', DEMO_PASSWORD)).status).toBe(429);
		expect((await login(server.url, 'anna', DEMO_PASSWORD)).status).toBe(303);
	});

	it('a client address gets a limited burst of attempts, whatever the usernames', async () => {
		server = await startServer({ env: { LOGIN_ADDRESS_BURST: '3' } });
		// Sent together, so that the bucket (one attempt back every 2 s) cannot refill between them on a busy machine.
		const tries = [['nobody1', 'x-password', 400], ['nobody2', 'x-password', 400], ['anna', DEMO_PASSWORD, 303], ['mikko', DEMO_PASSWORD, 303]] as const;
		const attempts = await Promise.all(tries.map(([username, password]) => login(server!.url, username, password)));
		const refused = attempts.filter((a) => a.status === 429);
		expect(refused).toHaveLength(1);
		expect(refused[0].cookie).toBeNull();
		// The other three were judged on their merits.
		tries.forEach(([, , status], i) => {
			if (attempts[i].status !== 429) expect(attempts[i].status).toBe(status);
		});
	});
});
