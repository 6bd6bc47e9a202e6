/**
 * Opening the embedded SQLite database: WAL, foreign keys, a busy timeout, and the
 * committed migrations applied before first use.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { openServedDatabase } from './serving';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = 'data/portal.db';

/** Opens (creating if needed) the database file and brings it to the newest migration. */
export function openDatabase(path: string = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('busy_timeout = 5000');
	// Off while migrating: a table rebuild inside the migrator's transaction would
	// otherwise cascade deletes into child tables (STACK-NOTES).
	sqlite.pragma('foreign_keys = OFF');
	const db = drizzle({ client: sqlite, schema, casing: 'snake_case' }) as Db;
	const applied = appliedMigrations(sqlite);
	migrate(db, { migrationsFolder: process.env.MIGRATIONS_PATH || resolve('drizzle') });
	// The check reads every table: only worth it when a migration actually ran.
	if (appliedMigrations(sqlite) !== applied) {
		const broken = sqlite.pragma('foreign_key_check') as unknown[];
		if (broken.length > 0) throw new Error(`database has ${broken.length} broken foreign keys after migration`);
	}
	sqlite.pragma('foreign_keys = ON');
	return db;
}

function appliedMigrations(sqlite: Database.Database): number {
	const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
	return table ? (sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
}

let shared: Db | undefined;

/**
 * The server's one database connection, opened on first use, marked as served by this
 * process, checkpointed off its thread, anchored, backed up and closed at a clean stop
 * (see serving.ts).
 */
export function getDb(): Db {
	shared ??= openServedDatabase(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
	return shared;
}
