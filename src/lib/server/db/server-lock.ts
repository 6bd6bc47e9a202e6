/**
 * Which server process serves a database file. The server writes its process id to a
 * file beside the database when it opens it and removes it when it stops, so that the
 * tools that must never run under a live server (the scenario loader, a restore) can
 * refuse with a clear message. A file left by a process that no longer runs is stale and
 * ignored.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type ServerHolder = { pid: number; started: string };

/** The lock file of a database file: `data/portal.db` → `data/portal.db.server`. */
export function serverLockPath(databasePath: string): string {
	return `${databasePath}.server`;
}

/** The live server process holding the database, or null when none does. */
export function serverHolding(databasePath: string): ServerHolder | null {
	if (databasePath === ':memory:') return null;
	let holder: ServerHolder;
	try {
		holder = JSON.parse(readFileSync(serverLockPath(databasePath), 'utf8')) as ServerHolder;
	} catch {
		return null; // no file, or not ours
	}
	if (!Number.isInteger(holder.pid) || !processRuns(holder.pid)) return null;
	return holder;
}

/**
 * Marks the database as served by this process; refuses when another live server holds
 * it. The mark is removed when the process exits.
 */
export function claimServerLock(databasePath: string): void {
	if (databasePath === ':memory:') return;
	const holder = serverHolding(databasePath);
	if (holder && holder.pid !== process.pid) {
		throw new Error(`${databasePath} is already served by process ${holder.pid} (since ${holder.started}); stop it first`);
	}
	// The mark may come before the database itself (the loader on a fresh machine): its folder too.
	mkdirSync(dirname(resolve(databasePath)), { recursive: true });
	writeFileSync(serverLockPath(databasePath), JSON.stringify({ pid: process.pid, started: new Date().toISOString() } satisfies ServerHolder));
	process.once('exit', () => releaseServerLock(databasePath));
}

/** Removes this process's mark (a mark of another live process is left alone). */
export function releaseServerLock(databasePath: string): void {
	const holder = serverHolding(databasePath);
	if (holder && holder.pid !== process.pid) return;
	rmSync(serverLockPath(databasePath), { force: true });
}

function processRuns(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs under another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
