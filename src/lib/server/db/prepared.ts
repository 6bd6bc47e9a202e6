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
