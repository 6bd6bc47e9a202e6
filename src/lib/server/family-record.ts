/**
 * Loading one family's raw record from the database. Only `family-access.ts`,
 * `writes/` and `outcomes.ts` use this: routes never see a record, only a
 * policy-built view. The statement and its mapping are in `family-record-rows.ts`.
 *
 * Records are cached in the process, frozen, each only while its family's version
 * (`family_version`) and the global version (`record_version`) are unchanged: triggers
 * raise a family's version on every change to that family's data and the global one on
 * every change to professionals or organisations (which appear in many records), from any
 * connection or process, so a cached record is never stale and a write to one family
 * leaves the others cached. The policy still decides on every request with that
 * request's clock.
 */
import type { Db } from './db';
import type { FamilyRecord } from './policy/types';
import { parseRecordRow, RECORD_SQL, toFamilyRecord, type RawRecordRow } from './family-record-rows';

type Statement = ReturnType<Db['$client']['prepare']>;
type Entry = { record: FamilyRecord; version: number };
type Cache = { record: Statement; versions: Statement; global: number; entries: Map<string, Entry> };

/**
 * The global version and the family's in one cheap statement per load. A family without
 * a row has never been written since the versions began: version 0.
 */
const VERSIONS_SQL = `SELECT (SELECT version FROM record_version WHERE id = 1),
 coalesce((SELECT version FROM family_version WHERE family_id = ?), 0)`;

/**
 * Enough for every family a busy server's professionals have open (the bench reads
 * 3,000 in turn: an LRU smaller than the round would miss every time); the least
 * recently read go first. A bench family's record is about 7 KB of heap, so a full
 * cache stays under 40 MB.
 */
const CACHED_RECORDS = 5_000;
const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
	let cache = caches.get(db);
	if (!cache) {
		cache = {
			record: db.$client.prepare(RECORD_SQL),
			versions: db.$client.prepare(VERSIONS_SQL).raw(),
			global: -1,
			entries: new Map()
		};
		caches.set(db, cache);
	}
	return cache;
}

/** The whole stored record of one family (frozen), or null when there is no such family. */
export function loadFamilyRecord(db: Db, familyId: string): FamilyRecord | null {
	const cache = cacheOf(db);
	// Versions first, record second: a record read after its version is never older than it.
	const [global, version] = cache.versions.get(familyId) as [number, number];
	if (global !== cache.global) {
		// A professional or organisation changed: every record may name it.
		cache.entries.clear();
		cache.global = global;
	}
	const cached = cache.entries.get(familyId);
	// Refresh its place: Map keeps insertion order, so the first key is the least recent.
	if (cached) cache.entries.delete(familyId);
	if (cached?.version === version) {
		cache.entries.set(familyId, cached);
		return cached.record;
	}
	const read = readRecord(cache, familyId);
	if (!read) return null;
	const record = deepFreeze(read);
	if (cache.entries.size >= CACHED_RECORDS) cache.entries.delete(cache.entries.keys().next().value as string);
	cache.entries.set(familyId, { record, version });
	return record;
}

/**
 * The record read past the cache, for a pass over many families (the notification
 * scheduler): it neither fills the cache with families nobody has open nor pushes out
 * the ones professionals are reading.
 */
export function loadFamilyRecordUncached(db: Db, familyId: string): FamilyRecord | null {
	return readRecord(cacheOf(db), familyId);
}

/** One record as the statement returns it, mapped; null when there is no such family. */
function readRecord(cache: Cache, familyId: string): FamilyRecord | null {
	const rows = parseRecordRow(cache.record.get({ familyId }) as RawRecordRow);
	return rows ? toFamilyRecord(rows) : null;
}

/** Frozen, so that no caller can change what the next request reads. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
