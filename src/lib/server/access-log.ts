/**
 * L1 and L2: the append-only, hash-chained log of professionals' reads of family data,
 * and the entries a reader may see (L2, decided in policy/log-visibility.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { accessLog, professionals, organisations, type AccessLogRow } from './db/schema';
import type { FamilyFacts } from './policy/facts';
import { readsAccessLog, visibleLogEntry } from './policy/log-visibility';
import type { Principal, ProfessionalPrincipal } from './policy/types';
import type { LogRead } from './policy/view';
import type { Anchor } from './log-anchor';
import type { ReadSurface } from '../domain';

export const GENESIS_HASH = '0'.repeat(64);

type EntryContent = Omit<AccessLogRow, 'seq' | 'hash'>;

/**
 * The hash of an entry covers its content and the previous entry's hash. The surface is
 * covered when set: entries written before it was recorded keep their hashes.
 */
export function entryHash(entry: EntryContent): string {
	const fields: unknown[] = [
		entry.prevHash, entry.at, entry.professionalId, entry.organisationId, entry.familyId,
		entry.outcome, entry.emergency, entry.reads
	];
	if (entry.surface != null) fields.push(entry.surface);
	const canonical = JSON.stringify(fields);
	// node:crypto, not a JavaScript SHA-256: this runs on every professional read.
	return createHash('sha256').update(canonical).digest('hex');
}

type Appender = (content: Omit<EntryContent, 'prevHash'>) => void;
const appenders = new WeakMap<Db, Appender>();

/**
 * The appender remembers the chain's end, and inserts with one statement that succeeds
 * only while that is still the end; if another connection appended meanwhile, it falls
 * back to reading the end inside an immediate transaction. Statements are built once.
 */
function appenderFor(db: Db): Appender {
	let append = appenders.get(db);
	if (append) return append;
	const sqlite = db.$client;
	const readEnd = sqlite.prepare('SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1').pluck();
	const insertIfEnd = sqlite.prepare(`INSERT INTO access_log (at, professional_id, organisation_id, family_id, outcome, emergency, reads, surface, prev_hash, hash)
		SELECT @at, @professionalId, @organisationId, @familyId, @outcome, @emergency, @reads, @surface, @prevHash, @hash
		WHERE coalesce((SELECT hash FROM access_log ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}') = @prevHash`);
	let end: string | undefined;
	const tryInsert = (content: Omit<EntryContent, 'prevHash'>, prevHash: string) => {
		const chained: EntryContent = { ...content, prevHash };
		const hash = entryHash(chained);
		const { changes } = insertIfEnd.run({ ...chained, emergency: chained.emergency ? 1 : 0, hash });
		if (changes === 1) end = hash;
		return changes === 1;
	};
	const slowPath = sqlite.transaction((content: Omit<EntryContent, 'prevHash'>) => {
		if (!tryInsert(content, (readEnd.get() as string | undefined) ?? GENESIS_HASH)) throw new Error('access log append failed');
	});
	append = (content) => {
		if (end === undefined || !tryInsert(content, end)) slowPath.immediate(content);
	};
	appenders.set(db, append);
	return append;
}

/**
 * Appends one entry for one request (L1). Inside a request held by
 * `holdResponsesUntilLogged` (the server's outermost hook) the entry joins the group
 * commit below and the response waits until it is written; anywhere else (scripts, tests, the
 * notification worker) and inside a transaction (the entry must share its fate) it is
 * written at once.
 */
export function appendAccessLog(
	db: Db,
	entry: { professional: ProfessionalPrincipal; familyId: string; reads: LogRead[]; emergency: boolean; surface: ReadSurface; at?: Date }
): void {
	const content: Omit<EntryContent, 'prevHash'> = {
		at: (entry.at ?? new Date()).toISOString(),
		professionalId: entry.professional.professionalId,
		organisationId: entry.professional.organisationId,
		familyId: entry.familyId,
		outcome: entry.reads.some((r) => r.allowed) ? 'allowed' : 'denied',
		emergency: entry.emergency,
		reads: JSON.stringify(entry.reads),
		surface: entry.surface
	};
	const barrier = barriers.getStore();
	if (barrier && !db.$client.inTransaction) barrier.add(queueForGroupCommit(db, content));
	else appenderFor(db)(content);
}

/**
 * Group commit: one write transaction per turn of the event loop for all the entries
 * the requests of that turn appended, instead of one commit per entry (a commit writes
 * the table's, the index's and the sequence's pages to the WAL: about 0.1 ms a read on
 * the 2-core machine, the largest single cost of `GET /api/v1/families/{id}`).
 */
type Batch = { entries: Omit<EntryContent, 'prevHash'>[]; written: Promise<void>; settle: (error?: unknown) => void };
const batches = new WeakMap<Db, Batch>();

function queueForGroupCommit(db: Db, content: Omit<EntryContent, 'prevHash'>): Promise<void> {
	let batch = batches.get(db);
	if (!batch) {
		let settle!: Batch['settle'];
		const written = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
		// Handled here as well: a request that failed before awaiting its barrier must not crash the server.
		written.catch(() => {});
		const created: Batch = { entries: [], written, settle };
		batches.set(db, (batch = created));
		setImmediate(() => commitBatch(db, created));
	}
	batch.entries.push(content);
	return batch.written;
}

/** Writes the pending entries of `db` now: a reader of the log (pages, the chain's check, the N3 scheduler) sees every read made before it. */
export function commitPendingAccessLog(db: Db): void {
	const batch = batches.get(db);
	// Never inside a caller's transaction: its rollback would take other requests' entries with it.
	if (batch && !db.$client.inTransaction) commitBatch(db, batch);
}

function commitBatch(db: Db, batch: Batch): void {
	if (batches.get(db) !== batch) return; // already written
	batches.delete(db);
	try {
		const append = appenderFor(db);
		db.$client.transaction(() => batch.entries.forEach(append)).immediate();
		batch.settle();
	} catch (error) {
		batch.settle(error ?? new Error('access log group commit failed'));
	}
}

/** The entries' commits a response waits for: one per request, found through the async context. */
type Barrier = Set<Promise<void>>;
const barriers = new AsyncLocalStorage<Barrier>();

/**
 * Runs one request's handling (the server's outermost hook) and returns its result only
 * once every entry it appended is written; if the write fails, this throws and nothing
 * leaves (L1).
 */
export async function holdResponsesUntilLogged<T>(handle: () => T | Promise<T>): Promise<T> {
	const barrier: Barrier = new Set();
	const result = await barriers.run(barrier, handle);
	await Promise.all(barrier);
	return result;
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; firstBroken: number; problem: string };

/**
 * Recomputes the chain from the start; names the first entry whose hash or link does not
 * hold. Given the anchors kept outside the database (log-anchor.ts), the chain must also
 * hold every anchored head and reach the last one: removed newest entries are named.
 */
export function verifyAccessLog(db: Db, anchors: readonly Anchor[] = []): ChainCheck {
	commitPendingAccessLog(db);
	const pending = anchors.filter((a) => a.seq > 0).sort((a, b) => a.seq - b.seq);
	let next = 0; // the first anchor not yet met in the walk
	let prevHash = GENESIS_HASH;
	let count = 0;
	let lastSeq = 0;
	// Streamed row by row: the log grows without bound.
	const rows = db.$client.prepare(`SELECT seq, at, professional_id AS professionalId, organisation_id AS organisationId,
		family_id AS familyId, outcome, emergency, reads, surface, prev_hash AS prevHash, hash FROM access_log ORDER BY seq`);
	for (const raw of rows.iterate() as IterableIterator<AccessLogRow & { emergency: number | boolean }>) {
		const row: AccessLogRow = { ...raw, emergency: Boolean(raw.emergency) };
		count++;
		if (row.prevHash !== prevHash) return broken(count, row.seq, 'its link to the previous entry does not match (an entry was removed or changed before it)');
		if (entryHash(row) !== row.hash) return broken(count, row.seq, 'its content does not match its hash (the entry was changed)');
		for (; next < pending.length && pending[next].seq <= row.seq; next++) {
			const anchor = pending[next];
			if (anchor.seq < row.seq) return broken(count, anchor.seq, `it is missing, but the anchor of ${anchor.at} records it (hash ${anchor.hash}): entries were removed and the chain rewritten`);
			if (anchor.hash !== row.hash) return broken(count, row.seq, `it differs from the anchor of ${anchor.at} (hash ${anchor.hash} there): the chain was rewritten up to here`);
		}
		prevHash = row.hash;
		lastSeq = row.seq;
	}
	const last = pending.at(-1);
	if (last && last.seq > lastSeq) {
		return { ok: false, entries: count, firstBroken: lastSeq + 1, problem: `entries after ${lastSeq} are missing: the anchor of ${last.at} records ${last.seq} entries ending in ${last.hash}` };
	}
	return { ok: true, entries: count };
}

function broken(entries: number, firstBroken: number, problem: string): ChainCheck {
	return { ok: false, entries, firstBroken, problem };
}

export type LogEntryView = {
	seq: number; at: string;
	/** Null: the reader is not told who (M6: a member with any active block is named the coordinator only). */
	professional: { id: string; name: string; organisation: string } | null;
	outcome: 'allowed' | 'denied'; emergency: boolean; reads: LogRead[];
};

/**
 * L2: the entries of the family that the principal may see, emergency accesses first,
 * then newest first; what of each, the policy decides (policy/log-visibility.ts).
 */
export function visibleAccessLog(db: Db, facts: FamilyFacts, who: Principal): LogEntryView[] {
	if (!readsAccessLog(facts, who)) return [];
	commitPendingAccessLog(db);
	const rows = db
		.select({ row: accessLog, name: professionals.name, organisation: organisations.name })
		.from(accessLog)
		.leftJoin(professionals, eq(professionals.id, accessLog.professionalId))
		.leftJoin(organisations, eq(organisations.id, accessLog.organisationId))
		.where(and(eq(accessLog.familyId, facts.record.id)))
		.orderBy(desc(accessLog.seq))
		.all();
	const entries: LogEntryView[] = [];
	for (const { row, name, organisation } of rows) {
		const seen = visibleLogEntry(facts, who, { ...row, reads: JSON.parse(row.reads) as LogRead[] });
		if (!seen) continue;
		entries.push({
			seq: row.seq, at: row.at, outcome: row.outcome, emergency: row.emergency, reads: seen.reads,
			professional: seen.named ? { id: row.professionalId, name: name ?? row.professionalId, organisation: organisation ?? row.organisationId } : null
		});
	}
	return entries.sort((a, b) => Number(b.emergency) - Number(a.emergency) || b.seq - a.seq);
}
