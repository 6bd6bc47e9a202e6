/**
 * The server's database for its whole life: opened and marked as served (server-lock.ts),
 * checkpointed off the request path (checkpointer.ts), its access log anchored
 * (log-anchor.ts), copied on a schedule when asked (backup.ts), and closed cleanly when
 * the server stops.
 */
import { startAnchoring } from '../log-anchor';
import { backupScheduleFromEnv, startScheduledBackups } from './backup';
import { startCheckpointer } from './checkpointer';
import { openDatabase, type Db } from './index';
import { claimServerLock, releaseServerLock } from './server-lock';

/** How often the access log's head is anchored while it moves; the most a deleted tail can hide. */
function anchorIntervalMs(env: Record<string, string | undefined> = process.env): number {
	const seconds = Number(env.ACCESS_LOG_ANCHOR_SECONDS ?? '10');
	if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
		throw new Error(`ACCESS_LOG_ANCHOR_SECONDS must be a number of seconds above 0 and at most 86400, not "${env.ACCESS_LOG_ANCHOR_SECONDS}"`);
	}
	return seconds * 1000;
}

/** What must stop while the database is still open, at a clean stop; each bounds its own wait. */
const beforeClose: (() => Promise<unknown>)[] = [];

/**
 * Has a clean stop run `stop`, and wait for it, before the database is checkpointed and
 * closed: the notification worker's, whose send in flight must still be recorded.
 */
export function stopBeforeClose(stop: () => Promise<unknown>): void {
	beforeClose.push(stop);
}

let stopsBegun: Promise<unknown> | null = null;

/**
 * Begins the registered stops once: at SIGTERM or SIGINT, since adapter-node emits its
 * shutdown event only after the requests in flight have drained (up to its
 * SHUTDOWN_TIMEOUT), and the worker must take no new row meanwhile; the shutdown event
 * then waits for them.
 */
function beginStops(): Promise<unknown> {
	return (stopsBegun ??= Promise.allSettled(beforeClose.map((stop) => stop())));
}

/**
 * Opens the database the server serves and starts what keeps it safe. At SIGTERM or
 * SIGINT what registered with `stopBeforeClose` begins to stop. On adapter-node's
 * `sveltekit:shutdown` (after the requests in flight have finished) it has stopped, the
 * WAL is checkpointed into the database, the final anchor written, the database closed
 * and the server mark removed.
 */
export function openServedDatabase(path: string): Db {
	const db = openDatabase(path);
	if (path === ':memory:') return db;
	const sqlite = db.$client;
	const schedule = backupScheduleFromEnv();
	const intervalMs = anchorIntervalMs();
	claimServerLock(path);
	const checkpointer = startCheckpointer(sqlite, path);
	const anchoring = startAnchoring(sqlite, path, intervalMs);
	// The head at start: after an upgrade there is no anchor file yet.
	anchoring.anchorNow().catch((error) => console.error('access-log anchor could not be written:', error));
	const backups = schedule ? startScheduledBackups(sqlite, path, schedule) : null;
	for (const signal of ['SIGTERM', 'SIGINT'] as const) {
		process.once(signal, () => {
			void beginStops();
			// Alone (no adapter-node to stop the process: `vite dev`, a script), the signal
			// again, now without listeners, does what it does by default: ends the process.
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		});
	}
	process.once('sveltekit:shutdown', async () => {
		try {
			// First, so that their last writes are in the final checkpoint. A failed stop still closes the database.
			await beginStops();
			anchoring.stop();
			await backups?.stop();
			await checkpointer.stop();
			sqlite.pragma('wal_checkpoint(TRUNCATE)');
			await anchoring.anchorNow();
			sqlite.close();
			console.log(`${path}: closed cleanly`);
		} catch (error) {
			console.error(`${path}: clean stop failed:`, error);
			process.exitCode = 1;
		} finally {
			releaseServerLock(path);
		}
	});
	return db;
}
