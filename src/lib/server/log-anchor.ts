/**
 * Anchors of the access log (L1) outside the database. The hash chain shows a changed or
 * removed entry, but not removed newest entries: whoever can write the database can cut
 * the chain's end. So the server appends the chain's head (its last seq and hash) to an
 * append-only file beside the database, `<db>.log-anchor` (JSON lines), and prints it to
 * its log, every few seconds while the head moves and at a clean stop. audit:verify then
 * requires the chain to contain every anchored head and to reach the last one.
 *
 * Nothing here runs per request: one indexed read of the head per interval, and the
 * file writes are asynchronous (off the event loop).
 */
import type Database from 'better-sqlite3';
import { appendFileSync, existsSync, openSync, closeSync, fsyncSync, readFileSync, renameSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { GENESIS_HASH } from './access-log';

/** One line of the anchor file: at `at`, the log held entries 1..`seq`, the last with `hash`. */
export type Anchor = { at: string; seq: number; hash: string; note?: string };

export type AnchorFile =
	| { state: 'missing'; path: string }
	| { state: 'damaged'; path: string; problem: string }
	| { state: 'ok'; path: string; anchors: Anchor[] };

/** The anchor file of a database file: `data/portal.db` → `data/portal.db.log-anchor`. */
export function anchorPath(databasePath: string): string {
	return `${databasePath}.log-anchor`;
}

/** The committed head of the chain, or null inside an open transaction (its head may yet roll back). */
export function committedHead(sqlite: Database.Database): { seq: number; hash: string } | null {
	if (sqlite.inTransaction) return null;
	const row = sqlite.prepare('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
	return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** Reads and checks the anchor file: every line whole, seqs never going back. */
export function readAnchorFile(databasePath: string): AnchorFile {
	const path = anchorPath(databasePath);
	if (!existsSync(path)) return { state: 'missing', path };
	const text = readFileSync(path, 'utf8');
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	else if (lines.length > 0) return { state: 'damaged', path, problem: `its last line (${lines.length}) is cut short: the file was truncated or a write did not finish` };
	if (lines.length === 0) return { state: 'damaged', path, problem: 'it is empty: the file was truncated' };
	const anchors: Anchor[] = [];
	for (const [i, line] of lines.entries()) {
		const anchor = parseAnchor(line);
		if (!anchor) return { state: 'damaged', path, problem: `line ${i + 1} is not an anchor` };
		const previous = anchors.at(-1);
		if (previous && anchor.seq < previous.seq) return { state: 'damaged', path, problem: `line ${i + 1} records fewer entries (${anchor.seq}) than the line before (${previous.seq})` };
		anchors.push(anchor);
	}
	return { state: 'ok', path, anchors };
}

function parseAnchor(line: string): Anchor | null {
	try {
		const value = JSON.parse(line) as Anchor;
		const ok = typeof value.at === 'string' && Number.isInteger(value.seq) && value.seq >= 0 && typeof value.hash === 'string' && /^[0-9a-f]{64}$/.test(value.hash);
		return ok ? value : null;
	} catch {
		return null;
	}
}

function anchorLine(anchor: Anchor): string {
	return `${JSON.stringify(anchor)}\n`;
}

/** The last anchor in the file, or null when there is none that can be read. */
function lastAnchor(databasePath: string): Anchor | null {
	const file = readAnchorFile(databasePath);
	return file.state === 'ok' ? file.anchors.at(-1)! : null;
}

/**
 * Moves the anchor file aside (`<db>.log-anchor.<time>.<reason>`) and starts a new one
 * at the database's current head: used when the log is replaced on purpose (scenario
 * load, restore), after which the old anchors no longer describe it. Returns the
 * archive's path, or null when there was no anchor file. Synchronous: CLI tools only.
 */
export function restartAnchors(databasePath: string, sqlite: Database.Database, reason: string, note: string): string | null {
	const path = anchorPath(databasePath);
	let archived: string | null = null;
	if (existsSync(path)) {
		archived = `${path}.${new Date().toISOString().replace(/[:.]/g, '-')}.${reason}`;
		renameSync(path, archived);
	}
	const head = committedHead(sqlite) ?? { seq: 0, hash: GENESIS_HASH };
	syncDatabaseFiles(databasePath);
	appendFileSync(path, anchorLine({ at: new Date().toISOString(), ...head, note }));
	const fd = openSync(path, 'r+');
	try { fsyncSync(fd); } finally { closeSync(fd); }
	return archived;
}

/** The database and its WAL flushed to disk, so that what is anchored survives a power cut. */
function syncDatabaseFiles(databasePath: string) {
	for (const file of [databasePath, `${databasePath}-wal`]) {
		if (!existsSync(file)) continue;
		const fd = openSync(file, 'r');
		try { fsyncSync(fd); } finally { closeSync(fd); }
	}
}

async function syncFile(path: string, flags: 'r' | 'a', line?: string) {
	let handle;
	try {
		handle = await open(path, flags);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // no WAL at this moment
		throw error;
	}
	try {
		if (line) await handle.write(line);
		await handle.sync();
	} finally {
		await handle.close();
	}
}

export type Anchoring = { anchorNow: () => Promise<Anchor | null>; stop: () => void };

/**
 * The server's anchoring: every `intervalMs` (and on `anchorNow`), when the committed
 * head moved since the last anchor, the database files are synced (with
 * `synchronous = NORMAL` a commit is durable only after that) and then the head is
 * appended to the anchor file and printed. An anchor never names a head before it is
 * committed and on disk.
 */
export function startAnchoring(sqlite: Database.Database, databasePath: string, intervalMs: number): Anchoring {
	let last = lastAnchor(databasePath);
	let running: Promise<Anchor | null> | null = null;
	let warned = false;
	const anchorOnce = async (): Promise<Anchor | null> => {
		const head = committedHead(sqlite);
		if (!head || (last && last.seq === head.seq && last.hash === head.hash)) return null;
		if (last && head.seq < last.seq) {
			// Never anchor a shorter log over a longer one: that would bless the removal.
			if (!warned) console.error(`access log: ${head.seq} entries, but the anchor of ${last.at} records ${last.seq}: entries were removed; run npm run audit:verify`);
			warned = true;
			return null;
		}
		for (const file of [databasePath, `${databasePath}-wal`]) await syncFile(file, 'r');
		const anchor: Anchor = { at: new Date().toISOString(), ...head };
		const line = anchorLine(anchor);
		await syncFile(anchorPath(databasePath), 'a', line);
		console.log(`access-log anchor ${line.trimEnd()}`);
		last = anchor;
		return anchor;
	};
	const anchorNow = async () => {
		while (running) await running.catch(() => null);
		running = anchorOnce();
		try {
			return await running;
		} finally {
			running = null;
		}
	};
	const timer = setInterval(() => {
		if (!running) anchorNow().catch((error) => console.error('access-log anchor could not be written:', error));
	}, intervalMs);
	timer.unref();
	return { anchorNow, stop: () => clearInterval(timer) };
}
