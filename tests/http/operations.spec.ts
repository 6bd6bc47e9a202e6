/**
 * Running the portal safely, against the built server (issue #11, findings 5, 7 and 9):
 * access-log anchors in the server's log and file, tools that refuse a live database,
 * backups while serving, a restore round trip, scheduled backups and a clean stop.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAccessLog } from '../../src/lib/server/access-log';
import { openDatabase } from '../../src/lib/server/db';
import { readAnchorFile } from '../../src/lib/server/log-anchor';
import { loadScenarioText } from '../../src/lib/server/scenario/load';
import { DEMO_PASSWORD, DEMO_PATH, demoScenarioText, login, ROOT, startServer, type RunningServer } from '../support/server';

let server: RunningServer | undefined;
let dir: string | undefined;
afterEach(async () => {
	await server?.stop();
	server = undefined;
	if (dir) rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** A demo database in a folder of the test's own, which outlives the server. */
async function demoDatabase(): Promise<string> {
	dir = mkdtempSync(join(tmpdir(), 'portal-ops-'));
	const path = join(dir, 'portal.db');
	const db = openDatabase(path);
	const loaded = await loadScenarioText(db, demoScenarioText());
	db.$client.close();
	expect(loaded.ok).toBe(true);
	return path;
}

/**
 * Runs a CLI without blocking this process: a blocked test process would miss the
 * server closing its idle keep-alive connections and reuse a closed one afterwards.
 */
const cli = (script: string, databasePath: string, ...args: string[]) =>
	new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
		execFile('npx', ['tsx', `src/cli/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' },
			(error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
	});

async function professionalRead(url: string, cookie: string, times = 1) {
	for (let i = 0; i < times; i++) {
		const response = await fetch(`${url}/api/v1/families/fam-haddad`, { headers: { cookie } });
		expect(response.status).toBe(200);
	}
}

function entries(path: string): number {
	const sqlite = new Database(path);
	try {
		return sqlite.prepare('SELECT count(*) FROM access_log').pluck().get() as number;
	} finally {
		sqlite.close();
	}
}

/** SQLite's integrity check and the access log's chain (and the live database's anchors up to its head). */
function checkCopy(copy: string, liveDatabase?: string) {
	const db = openDatabase(copy);
	try {
		expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
		const chain = verifyAccessLog(db);
		expect(chain.ok).toBe(true);
		if (liveDatabase) {
			const anchors = readAnchorFile(liveDatabase);
			expect(anchors.state).toBe('ok');
			if (anchors.state === 'ok') expect(verifyAccessLog(db, anchors.anchors.filter((a) => a.seq <= chain.entries)).ok).toBe(true);
		}
		return chain.entries;
	} finally {
		db.$client.close();
	}
}

describe('access-log anchors (L1)', () => {
	it('the server anchors the head in its log and the anchor file; audit:verify names the tail deleted afterwards', async () => {
		const path = await demoDatabase();
		server = await startServer({ databasePath: path, env: { ACCESS_LOG_ANCHOR_SECONDS: '0.3' } });
		const { cookie } = await login(server.url, 'anna', DEMO_PASSWORD);
		await professionalRead(server.url, cookie!, 12);
		await new Promise((r) => setTimeout(r, 800));
		const output = server.output();
		expect(await server.stop()).toBe(0);
		server = undefined;
		const file = readAnchorFile(path);
		expect(file.state).toBe('ok');
		const last = file.state === 'ok' ? file.anchors.at(-1)! : null;
		expect(last?.seq).toBe(12);
		expect(output).toContain(`access-log anchor ${JSON.stringify(last)}`);
		expect((await cli('audit-verify', path)).status).toBe(0);

		const sqlite = new Database(path);
		sqlite.prepare('DELETE FROM access_log WHERE seq >= 10').run();
		sqlite.close();
		const verify = await cli('audit-verify', path);
		expect(verify.status).toBe(1);
		expect(verify.stderr).toContain(`entries after 9 are missing: the anchor of ${last!.at} records 12 entries ending in ${last!.hash}`);
	}, 180_000);
});

describe('tools that must not run under a live server', () => {
	it('scenario:load (even with --replace) and restore refuse the database a running server holds, and change nothing', async () => {
		server = await startServer();
		const { cookie } = await login(server.url, 'anna', DEMO_PASSWORD);
		await professionalRead(server.url, cookie!);
		const load = await cli('scenario-load', server.databasePath, DEMO_PATH, '--replace');
		expect(load.status).toBe(1);
		expect(load.stderr).toContain(`${server.databasePath} is in use by a running server (process `);
		expect(load.stderr).toContain('nothing was written');
		const copy = join(tmpdir(), `portal-ops-copy-${process.pid}.db`);
		try {
			expect((await cli('backup', server.databasePath, copy)).status).toBe(0);
			const restore = await cli('restore', server.databasePath, copy);
			expect(restore.status).toBe(1);
			expect(restore.stderr).toContain('not restored: ');
			expect(restore.stderr).toContain('is in use by a running server');
		} finally {
			rmSync(copy, { force: true });
		}
		// The server still serves its data and its session.
		await professionalRead(server.url, cookie!);
		expect(entries(server.databasePath)).toBe(2);
	}, 180_000);
});

describe('backups and restore', () => {
	it('npm run backup copies the database consistently while the server serves reads and writes', async () => {
		const path = await demoDatabase();
		server = await startServer({ databasePath: path, env: { ACCESS_LOG_ANCHOR_SECONDS: '0.2' } });
		const { url } = server;
		const { cookie } = await login(url, 'anna', DEMO_PASSWORD);
		let stop = false;
		let requests = 0;
		const traffic = async () => {
			while (!stop) {
				await professionalRead(url, cookie!); // a read that appends to the access log
				// A write: a new session (half signed in: a code would sign mikko in once a step).
				expect((await login(url, 'mikko', DEMO_PASSWORD, { otp: null })).status).toBe(303);
				requests++;
			}
		};
		const loops = [traffic(), traffic(), traffic()];
		await new Promise((r) => setTimeout(r, 300));
		const before = entries(path);
		const copy = join(dir!, 'copy.db');
		const backup = await cli('backup', path, copy);
		const during = requests;
		await new Promise((r) => setTimeout(r, 300));
		stop = true;
		await Promise.all(loops);
		expect(backup.stdout).toContain(`copied to ${copy}`);
		expect(during).toBeGreaterThan(0);
		expect(requests).toBeGreaterThan(during); // the server kept serving
		const copied = checkCopy(copy, path);
		expect(copied).toBeGreaterThanOrEqual(before);
		expect(copied).toBeLessThan(entries(path));
		// The copy is a database of its own: no log beside it.
		expect(existsSync(`${copy}-wal`)).toBe(false);
		expect(readdirSync(dir!).some((name) => name.endsWith('.partial'))).toBe(false);
	}, 180_000);

	it('npm run restore puts a backup back with the server stopped: what came after is lost, sessions end, the log verifies', async () => {
		const path = await demoDatabase();
		server = await startServer({ databasePath: path });
		const { cookie } = await login(server.url, 'anna', DEMO_PASSWORD);
		await professionalRead(server.url, cookie!, 3);
		const copy = join(dir!, 'copy.db');
		expect((await cli('backup', path, copy)).status).toBe(0);
		await professionalRead(server.url, cookie!, 2); // lost by the restore
		expect(await server.stop()).toBe(0);
		server = undefined;

		const restore = await cli('restore', path, copy);
		expect(restore.status, restore.stderr).toBe(0);
		expect(restore.stdout).toContain('restored from');
		expect(restore.stdout).toContain('every session has ended');
		expect(restore.stdout).toMatch(/the access log goes back from at least 5 entries \(anchored [^)]+\) to 3/);
		expect(entries(path)).toBe(3);
		const names = readdirSync(dir!);
		expect(names.some((n) => /^portal\.db\..*\.before-restore$/.test(n))).toBe(true); // the replaced database, kept
		expect(names.some((n) => /^portal\.db\.log-anchor\..*\.before-restore$/.test(n))).toBe(true); // its anchors, kept
		expect(names.filter((n) => n.startsWith('portal.db.restoring'))).toEqual([]);
		const verify = await cli('audit-verify', path);
		expect(verify.status).toBe(0);
		expect(verify.stdout).toContain('intact, 3 entries');

		server = await startServer({ databasePath: path });
		expect((await fetch(`${server.url}/api/v1/families/fam-haddad`, { headers: { cookie: cookie! } })).status).toBe(401);
		const again = await login(server.url, 'anna', DEMO_PASSWORD);
		await professionalRead(server.url, again.cookie!);
		expect(entries(path)).toBe(4);
	}, 240_000);

	it('the server takes scheduled backups and keeps the newest BACKUP_KEEP', async () => {
		const path = await demoDatabase();
		const backups = join(dir!, 'backups');
		server = await startServer({ databasePath: path, env: { BACKUP_DIR: backups, BACKUP_INTERVAL_MINUTES: '0.01', BACKUP_KEEP: '2' } });
		const { cookie } = await login(server.url, 'anna', DEMO_PASSWORD);
		const started = Date.now();
		while (Date.now() - started < 3000) await professionalRead(server.url, cookie!);
		const output = server.output();
		expect(await server.stop()).toBe(0); // waits for a backup under way
		server = undefined;
		const names = readdirSync(backups);
		expect(names).toHaveLength(2);
		expect(names.every((n) => /^portal-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.db$/.test(n))).toBe(true);
		expect(output).toContain('backup written: ');
		for (const name of names) checkCopy(join(backups, name));
	}, 120_000);

	it('the server refuses to start with a backup setting it cannot use', async () => {
		const path = await demoDatabase();
		await expect(startServer({ databasePath: path, env: { BACKUP_DIR: join(dir!, 'b'), BACKUP_KEEP: 'none' } }))
			.rejects.toThrow('BACKUP_KEEP must be a whole number of at least 1, not "none"');
	}, 60_000);
});

describe('a clean stop', () => {
	it('on SIGTERM a request in flight completes, then the WAL is checkpointed, the last head anchored, the database closed and the mark removed', async () => {
		const path = await demoDatabase();
		server = await startServer({ databasePath: path });
		const { url } = server;
		const { cookie } = await login(url, 'anna', DEMO_PASSWORD);
		await professionalRead(url, cookie!, 4);
		expect(existsSync(`${path}.server`)).toBe(true);

		// A sign-in whose body is still coming when the server is told to stop.
		const body = new URLSearchParams({ username: 'mikko', password: DEMO_PASSWORD }).toString();
		let stopped: Promise<number | null> | undefined;
		const answer = new Promise<number>((resolve, reject) => {
			const req = request(`${url}/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: url, accept: 'text/html' }
			}, (res) => { res.resume(); resolve(res.statusCode!); });
			req.on('error', reject);
			req.write(body.slice(0, 10));
			setTimeout(() => {
				stopped = server!.stop();
				setTimeout(() => req.end(body.slice(10)), 500);
			}, 300);
		});
		expect(await answer).toBe(303);
		expect(await stopped).toBe(0);
		server = undefined;
		expect(existsSync(`${path}.server`)).toBe(false);
		expect(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0).toBe(true);
		const sqlite = new Database(path, { readonly: true });
		const head = sqlite.prepare('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1').get();
		sqlite.close();
		const file = readAnchorFile(path);
		expect(file.state === 'ok' && file.anchors.at(-1)).toMatchObject(head as object);
	}, 120_000);
});

describe('restore refuses a copy it cannot trust', () => {
	it('a file that is not a database, and a copy whose access log is broken, change nothing', async () => {
		const path = await demoDatabase();
		const bad = join(dir!, 'bad.db');
		writeFileSync(bad, 'SQLite format 3\0'.padEnd(8192, 'x'));
		const garbage = await cli('restore', path, bad);
		expect(garbage.status).toBe(1);
		expect(garbage.stderr).toMatch(/not restored: .*bad\.db: (cannot be read as a database|fails SQLite's integrity check)/);

		const broken = join(dir!, 'broken.db');
		const copy = new Database(path);
		await copy.backup(broken);
		copy.close();
		const tampered = openDatabase(broken);
		tampered.$client.prepare("INSERT INTO access_log (at, professional_id, organisation_id, family_id, outcome, reads, prev_hash, hash) VALUES ('x', 'p', 'o', 'f', 'allowed', '[]', 'nope', 'nope')").run();
		tampered.$client.close();
		const refused = await cli('restore', path, broken);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('its access log is broken at entry 1');
		expect(entries(path)).toBe(0);
		expect(readdirSync(dir!).filter((n) => n.includes('before-restore') || n.includes('restoring'))).toEqual([]);
	}, 120_000);
});
