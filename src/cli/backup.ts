/**
 * `npm run backup -- <file>`: a consistent copy of the database at DATABASE_PATH,
 * taken with SQLite's online backup while the server keeps serving (it is not stopped
 * or held up). The file must not exist yet. Exit 1 with the reason when no copy was made.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { DEFAULT_DATABASE_PATH } from '../lib/server/db';
import { backupDatabase } from '../lib/server/db/backup';

async function main(argv: string[]): Promise<number> {
	const file = argv[0];
	if (argv.length !== 1 || file.startsWith('--')) {
		console.error('usage: npm run backup -- <file>');
		return 2;
	}
	const path = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
	if (!existsSync(path)) {
		console.error(`${path}: no database there`);
		return 1;
	}
	const started = performance.now();
	// Not openDatabase: a copy never migrates the database it copies.
	const sqlite = new Database(path, { fileMustExist: true });
	try {
		sqlite.pragma('busy_timeout = 5000');
		await backupDatabase(sqlite, file, 'in one step');
	} catch (error) {
		console.error(`${path}: no backup made: ${(error as Error).message}`);
		return 1;
	} finally {
		sqlite.close();
	}
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`${path}: copied to ${file} in ${seconds} s`);
	return 0;
}

process.exitCode = await main(process.argv.slice(2));
