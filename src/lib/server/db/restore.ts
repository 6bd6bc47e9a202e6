/**
 * Putting a backup back in place of the database, with no server running: the copy is
 * checked first (SQLite's integrity check, the access log's chain), then swapped in
 * whole. The replaced database is kept aside, its access-log anchors are archived and a
 * new anchor file starts at the restored head, and every session ends.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { verifyAccessLog } from '../access-log';
import { readAnchorFile, restartAnchors } from '../log-anchor';
import { openDatabase } from './index';
import { claimServerLock, releaseServerLock, serverHolding } from './server-lock';

export type RestoreResult =
	| { ok: true; entries: number; sessionsEnded: number; replacedKeptAt: string | null; anchorsKeptAt: string | null; notes: string[] }
	| { ok: false; problem: string };

/** Replaces the database at `target` with the copy at `copy`; nothing changes when it refuses. */
export function restoreDatabase(copy: string, target: string): RestoreResult {
	const holder = serverHolding(target);
	if (holder) return { ok: false, problem: `${target} is in use by a running server (process ${holder.pid}, since ${holder.started}); stop it first` };
	if (!existsSync(copy)) return { ok: false, problem: `${copy}: no such file` };
	if (existsSync(`${copy}-wal`) && statSync(`${copy}-wal`).size > 0) {
		return { ok: false, problem: `${copy} has a write-ahead log beside it (${copy}-wal): it is in use or was not closed; take copies with npm run backup` };
	}
	claimServerLock(target); // a server started meanwhile refuses the database
	const staging = `${target}.restoring`;
	try {
		removeWithSidecars(staging);
		copyFileSync(copy, staging);
		const checked = checkStagedCopy(staging, copy, target);
		if (!checked.ok) {
			removeWithSidecars(staging);
			return checked;
		}
		const replacedKeptAt = setAside(target);
		renameSync(staging, target);
		const sqlite = new Database(target);
		let anchorsKeptAt: string | null;
		try {
			anchorsKeptAt = restartAnchors(target, sqlite, 'before-restore', `restored from ${copy}`);
		} finally {
			sqlite.close();
		}
		return { ...checked, replacedKeptAt, anchorsKeptAt };
	} finally {
		removeWithSidecars(staging);
		releaseServerLock(target);
	}
}

/**
 * Checks the staged copy (integrity, a portal database, the access log's chain), brings
 * it to the current migrations and ends its sessions. Notes what the restore loses.
 */
function checkStagedCopy(staging: string, copy: string, target: string): Extract<RestoreResult, { ok: false }> | { ok: true; entries: number; sessionsEnded: number; notes: string[] } {
	const integrity = integrityProblem(staging);
	if (integrity) return { ok: false, problem: `${copy}: ${integrity}; nothing was restored` };
	const db = openDatabase(staging);
	try {
		const chain = verifyAccessLog(db);
		if (!chain.ok) return { ok: false, problem: `${copy}: its access log is broken at entry ${chain.firstBroken}: ${chain.problem}; nothing was restored` };
		const notes: string[] = [];
		const anchors = readAnchorFile(target);
		if (anchors.state === 'ok') {
			const last = anchors.anchors.at(-1)!;
			if (last.seq > chain.entries) notes.push(`the access log goes back from at least ${last.seq} entries (anchored ${last.at}) to ${chain.entries}`);
			const earlier = verifyAccessLog(db, anchors.anchors.filter((a) => a.seq <= chain.entries));
			if (!earlier.ok) notes.push(`the copy is not an earlier state of this database's access log (entry ${earlier.firstBroken}: ${earlier.problem})`);
		}
		const { changes: sessionsEnded } = db.$client.prepare('DELETE FROM sessions').run();
		// A calendar link renewed or removed after the copy was taken must not come back (K1).
		db.$client.prepare('DELETE FROM calendar_feeds').run();
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		return { ok: true, entries: chain.entries, sessionsEnded, notes };
	} finally {
		db.$client.close();
	}
}

/** SQLite's integrity check, and that the file is a portal database at all. */
function integrityProblem(file: string): string | null {
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file, { fileMustExist: true });
		const result = sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
		if (result.length !== 1 || result[0].integrity_check !== 'ok') {
			return `fails SQLite's integrity check: ${result.slice(0, 5).map((r) => r.integrity_check).join('; ')}`;
		}
		const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('access_log', '__drizzle_migrations')").all();
		if (tables.length !== 2) return 'is not a portal database (no access log or migrations table)';
		return null;
	} catch (error) {
		return `cannot be read as a database (${(error as Error).message})`;
	} finally {
		sqlite?.close();
	}
}

/** Moves the database being replaced (with its log, checkpointed first when possible) aside. */
function setAside(target: string): string | null {
	if (!existsSync(target)) {
		removeWithSidecars(target);
		return null;
	}
	try {
		const sqlite = new Database(target, { fileMustExist: true });
		try { sqlite.pragma('wal_checkpoint(TRUNCATE)'); } finally { sqlite.close(); }
	} catch {
		// A database that cannot be opened is kept as it is, its log beside it.
	}
	const aside = `${target}.${new Date().toISOString().replace(/[:.]/g, '-')}.before-restore`;
	renameSync(target, aside);
	for (const suffix of ['-wal', '-shm']) {
		if (existsSync(`${target}${suffix}`)) renameSync(`${target}${suffix}`, `${aside}${suffix}`);
	}
	return aside;
}

function removeWithSidecars(file: string) {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
