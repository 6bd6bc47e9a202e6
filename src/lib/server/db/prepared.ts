import type { Db } from './index';

const statements = new WeakMap<Db, Map<(db: Db) => unknown, unknown>>();

/**
 * The statement `build` makes, built once per database and kept: preparing costs more than
 * running a small query, and these run on every request of a busy page. `build` must be a
 * module-level function (it is the key).
 */
export function preparedOnce<T>(db: Db, build: (db: Db) => T): T {
	let ofDb = statements.get(db);
	if (!ofDb) statements.set(db, (ofDb = new Map()));
	if (!ofDb.has(build)) ofDb.set(build, build(db));
	return ofDb.get(build) as T;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Sqlite = Db['$client'];

/**
 * The better-sqlite3 connection under a database or a transaction, for statements prepared
 * once (a query builder call costs ~0.1 ms, a prepared statement a few microseconds). A
 * statement run on it inside `db.transaction` is part of that transaction: one connection,
 * one transaction at a time. Drizzle's transaction keeps the connection as `session.client`
 * (not a public name: tests/unit/db/prepared.spec.ts fails if that changes).
 */
export function sqliteOf(db: Db | Tx): Sqlite {
	if ('$client' in db) return db.$client;
	const client = (db as unknown as { session?: { client?: Sqlite } }).session?.client;
	if (!client) throw new Error('no SQLite connection under this transaction (drizzle changed?)');
	return client;
}

const onConnection = new WeakMap<Sqlite, Map<(sqlite: Sqlite) => unknown, unknown>>();

/**
 * `preparedOnce` for code that runs inside a write's transaction: the statements `build`
 * prepares on the connection under `db` (a database or a transaction), built once per
 * connection and kept. `build` must be a module-level function (it is the key).
 */
export function preparedOnConnection<T>(db: Db | Tx, build: (sqlite: Sqlite) => T): T {
	const sqlite = sqliteOf(db);
	let ofConnection = onConnection.get(sqlite);
	if (!ofConnection) onConnection.set(sqlite, (ofConnection = new Map()));
	if (!ofConnection.has(build)) ofConnection.set(build, build(sqlite));
	return ofConnection.get(build) as T;
}
