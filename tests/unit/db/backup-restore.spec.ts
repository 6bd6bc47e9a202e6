/**
 * Backups and restore as functions on real SQLite files (issue #11, finding 9); the same
 * against the built server: tests/http/operations.spec.ts.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import { backupDatabase, backupScheduleFromEnv, scheduledBackupName, scheduledBackups } from '../../../src/lib/server/db/backup';
import { restoreDatabase } from '../../../src/lib/server/db/restore';
import { currentClock, readFamilyView } from '../../../src/lib/server/family-access';
import { readAnchorFile, restartAnchors } from '../../../src/lib/server/log-anchor';
import type { Principal } from '../../../src/lib/server/policy/types';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { DEMO_SCENARIO } from './test-db';

let dir: string;
let path: string;
let db: Db;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'portal-backup-'));
	path = join(dir, 'portal.db');
	db = openDatabase(path);
	await loadScenarioText(db, readFileSync(DEMO_SCENARIO, 'utf8'));
	restartAnchors(path, db.$client, 'test', 'loaded the demo');
});
afterEach(() => {
	if (db.$client.open) db.$client.close();
	rmSync(dir, { recursive: true, force: true });
});

const anna: Principal = { kind: 'professional', professionalId: 'pro-anna', organisationId: 'org-cw', authority: false, name: 'Anna' };
const read = (times: number) => { for (let i = 0; i < times; i++) readFamilyView(db, anna, 'fam-haddad', currentClock(new Date('2026-11-23T10:00:00Z')), 'family-page'); };
const count = (file: string, table: string) => {
	const sqlite = new Database(file, { readonly: true });
	try { return sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number; } finally { sqlite.close(); }
};
const addSession = () => {
	const account = db.$client.prepare('SELECT id FROM accounts LIMIT 1').pluck().get();
	db.$client.prepare('INSERT INTO sessions (id, account_id, expires_at) VALUES (?, ?, ?)').run(`s-${Math.random()}`, account, Date.now() + 3_600_000);
};

describe('backups', () => {
	it('copies the database whole, never over an existing file', async () => {
		read(3);
		const copy = join(dir, 'copy.db');
		await backupDatabase(db.$client, copy, 'in steps');
		expect(count(copy, 'access_log')).toBe(3);
		writeFileSync(join(dir, 'taken.db'), 'keep me');
		await expect(backupDatabase(db.$client, join(dir, 'taken.db'), 'in one step')).rejects.toThrow('already exists; choose another name');
		expect(readFileSync(join(dir, 'taken.db'), 'utf8')).toBe('keep me');
	});

	it('reads the schedule from the environment: off without BACKUP_DIR, defaults, clear errors', () => {
		expect(backupScheduleFromEnv({})).toBeNull();
		expect(backupScheduleFromEnv({ BACKUP_DIR: '/b' })).toEqual({ dir: '/b', intervalMinutes: 60, keep: 24 });
		expect(backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_INTERVAL_MINUTES: '15', BACKUP_KEEP: '3' })).toEqual({ dir: '/b', intervalMinutes: 15, keep: 3 });
		expect(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_INTERVAL_MINUTES: '0' })).toThrow('BACKUP_INTERVAL_MINUTES must be');
		expect(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_INTERVAL_MINUTES: '99999999' })).toThrow('at most 34560');
		expect(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_KEEP: '0' })).toThrow('BACKUP_KEEP must be');
		expect(() => backupScheduleFromEnv({ BACKUP_DIR: '/b', BACKUP_KEEP: '2.5' })).toThrow('BACKUP_KEEP must be');
	});

	it('names scheduled backups by time, so that the oldest sort first', () => {
		const names = [new Date('2026-11-23T10:00:00.500Z'), new Date('2026-11-23T09:59:59.999Z')].map((at) => scheduledBackupName(path, at));
		expect(names).toEqual(['portal-2026-11-23T10-00-00-500Z.db', 'portal-2026-11-23T09-59-59-999Z.db']);
		const backups = join(dir, 'backups');
		mkdirSync(backups);
		for (const name of [...names, 'portal-2026-11-23T08-00-00-000Z.db.partial', 'other-2026-11-23T08-00-00-000Z.db', 'portal.db']) writeFileSync(join(backups, name), '');
		expect(scheduledBackups(backups, path)).toEqual(['portal-2026-11-23T09-59-59-999Z.db', 'portal-2026-11-23T10-00-00-500Z.db']);
	});
});

describe('restore', () => {
	it('ends every calendar link, so that one renewed or removed after the copy does not come back (K1)', async () => {
		const account = db.$client.prepare('SELECT id FROM accounts LIMIT 1').pluck().get();
		db.$client.prepare('INSERT INTO calendar_feeds (id, account_id, created) VALUES (?, ?, ?)').run('f'.repeat(64), account, '2026-11-23T10:00:00Z');
		const copy = join(dir, 'copy-feeds.db');
		await backupDatabase(db.$client, copy, 'in one step');
		db.$client.close();
		expect(restoreDatabase(copy, path)).toMatchObject({ ok: true });
		expect(count(path, 'calendar_feeds')).toBe(0);
		expect(count(copy, 'calendar_feeds')).toBe(1);
	});

	it('puts the copy back: later writes are lost, sessions end, the old database and anchors are kept aside', async () => {
		read(3);
		addSession();
		const copy = join(dir, 'copy.db');
		await backupDatabase(db.$client, copy, 'in one step');
		read(2);
		db.$client.close();
		const result = restoreDatabase(copy, path);
		expect(result).toMatchObject({ ok: true, entries: 3, sessionsEnded: 1 });
		expect(count(path, 'access_log')).toBe(3);
		expect(count(path, 'sessions')).toBe(0);
		expect(count(copy, 'sessions')).toBe(1); // the backup itself is left as it was
		if (!result.ok) return;
		expect(count(result.replacedKeptAt!, 'access_log')).toBe(5);
		expect(existsSync(result.anchorsKeptAt!)).toBe(true);
		expect(readAnchorFile(path)).toMatchObject({ state: 'ok', anchors: [{ seq: 3, note: `restored from ${copy}` }] });
		expect(readdirSync(dir).filter((n) => n.includes('restoring'))).toEqual([]);
	});

	it('refuses a copy with a damaged page and leaves the database as it was', async () => {
		read(3);
		const copy = join(dir, 'copy.db');
		await backupDatabase(db.$client, copy, 'in one step');
		db.$client.close();
		const fd = openSync(copy, 'r+');
		// Garbage over a page in the middle, its header included: garbage only in a page's free space
		// (as the tables' empty root pages now are at page 4) is no damage SQLite could see.
		writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 4096 * 3);
		closeSync(fd);
		const before = readFileSync(path);
		const result = restoreDatabase(copy, path);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatch(/copy\.db: (fails SQLite's integrity check|cannot be read as a database).*; nothing was restored$/s);
		expect(readFileSync(path).equals(before)).toBe(true);
		expect(readdirSync(dir).filter((n) => n.includes('restoring') || n.includes('before-restore'))).toEqual([]);
	});

	it('refuses a missing file and a copy with its write-ahead log beside it', () => {
		db.$client.close();
		expect(restoreDatabase(join(dir, 'nothing.db'), path)).toEqual({ ok: false, problem: `${join(dir, 'nothing.db')}: no such file` });
		const live = new Database(join(dir, 'live.db'));
		live.pragma('journal_mode = WAL');
		live.pragma('wal_autocheckpoint = 0');
		live.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
		const result = restoreDatabase(join(dir, 'live.db'), path);
		live.close();
		expect(result).toMatchObject({ ok: false, problem: expect.stringContaining('has a write-ahead log beside it') });
	});
});
