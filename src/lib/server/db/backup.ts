/**
 * Copies of the live database: SQLite's online backup API (better-sqlite3's `backup`)
 * copies a consistent state while the server reads and writes, and the server can take
 * such copies on a schedule (BACKUP_DIR, BACKUP_INTERVAL_MINUTES, BACKUP_KEEP).
 */
import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * How many pages one backup step copies. The server copies in small steps between
 * requests: its own writes meanwhile are carried into the copy by SQLite. Another
 * process copies in one step instead: a write by another connection (the server) between
 * two steps would make SQLite start the copy over, again and again under load. One step
 * reads one snapshot, which in WAL mode does not hold up the server's writes.
 */
const SERVER_STEP_PAGES = 256;
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database open on `sqlite` to `file`, which must not exist yet. The copy is
 * written under `<file>.partial` and renamed when whole, so that a crash never leaves a
 * half copy under the final name.
 */
export async function backupDatabase(sqlite: Database.Database, file: string, how: 'in steps' | 'in one step'): Promise<void> {
	if (existsSync(file)) throw new Error(`${file} already exists; choose another name`);
	const partial = `${file}.partial`;
	rmSync(partial, { force: true });
	const pages = how === 'in steps' ? SERVER_STEP_PAGES : ALL_PAGES;
	try {
		await sqlite.backup(partial, { progress: () => pages });
		renameSync(partial, file);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
}

const MAX_INTERVAL_MINUTES = 24 * 24 * 60; // 24 days: under 2^31 ms, the longest a timer waits

export type BackupSchedule = { dir: string; intervalMinutes: number; keep: number };

/**
 * The scheduled backups asked for in the environment, or null when BACKUP_DIR is unset.
 * Throws with a clear message on a value that is not usable.
 */
export function backupScheduleFromEnv(env: Record<string, string | undefined> = process.env): BackupSchedule | null {
	const dir = env.BACKUP_DIR?.trim();
	if (!dir) return null;
	const intervalMinutes = Number(env.BACKUP_INTERVAL_MINUTES ?? '60');
	if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0 || intervalMinutes > MAX_INTERVAL_MINUTES) {
		throw new Error(`BACKUP_INTERVAL_MINUTES must be a number of minutes above 0 and at most ${MAX_INTERVAL_MINUTES}, not "${env.BACKUP_INTERVAL_MINUTES}"`);
	}
	const keep = Number(env.BACKUP_KEEP ?? '24');
	if (!Number.isInteger(keep) || keep < 1) throw new Error(`BACKUP_KEEP must be a whole number of at least 1, not "${env.BACKUP_KEEP}"`);
	return { dir, intervalMinutes, keep };
}

/** `portal.db` → `portal-2026-11-23T10-00-00-000Z.db`: names sort by time. */
export function scheduledBackupName(databasePath: string, at: Date): string {
	return `${basename(databasePath).replace(/\.db$/, '')}-${at.toISOString().replace(/[:.]/g, '-')}.db`;
}

/** The scheduled backups of a database in `dir`, oldest first. */
export function scheduledBackups(dir: string, databasePath: string): string[] {
	const prefix = `${basename(databasePath).replace(/\.db$/, '')}-`;
	const stamped = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/;
	return readdirSync(dir).filter((name) => name.startsWith(prefix) && stamped.test(name.slice(prefix.length))).sort();
}

export type ScheduledBackups = { stop: () => Promise<void> };

/**
 * The server's own backups: every interval a copy in steps (requests are served between
 * them), then the oldest beyond `keep` removed. A failed backup is logged and the next
 * one is tried at the next interval.
 */
export function startScheduledBackups(sqlite: Database.Database, databasePath: string, schedule: BackupSchedule): ScheduledBackups {
	mkdirSync(schedule.dir, { recursive: true });
	let running: Promise<void> | null = null;
	const takeOne = async () => {
		const file = join(schedule.dir, scheduledBackupName(databasePath, new Date()));
		await backupDatabase(sqlite, file, 'in steps');
		for (const old of scheduledBackups(schedule.dir, databasePath).slice(0, -schedule.keep)) rmSync(join(schedule.dir, old), { force: true });
		console.log(`backup written: ${file}`);
	};
	const timer = setInterval(() => {
		if (running) return;
		running = takeOne()
			.catch((error) => console.error('scheduled backup failed:', error))
			.finally(() => { running = null; });
	}, schedule.intervalMinutes * 60_000);
	timer.unref();
	return {
		stop: async () => {
			clearInterval(timer);
			await running;
		}
	};
}
