/**
 * The built server (`node build`) on a fresh SQLite file with a scenario loaded: the
 * real thing that HTTP and end-to-end tests talk to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/lib/server/db';
import { loadScenarioText } from '../../src/lib/server/scenario/load';
import { daysBetween, shiftScenario } from '../../src/lib/server/scenario/shift';
import { addDays } from '../../src/lib/server/time';
import { decodeTotpSecret } from '../../src/lib/server/second-factor/totp';
import { runClockShift, serverClockOptions, testToday } from './run-clock';
import { withUnusedCode } from './totp-steps';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_PATH = join(ROOT, 'src/lib/server/demo/demo-scenario.json');
/** The day the demo's dates were written for; tests move them to today. */
export const DEMO_AS_OF = '2026-11-23';

export type RunningServer = {
	url: string; databasePath: string;
	/** What the server printed (stdout and stderr) so far. */
	output: () => string;
	/** SIGTERM, then resolves with the exit code once the process has exited. */
	stop: () => Promise<number | null>;
	/**
	 * SIGKILL (a crash: no clean shutdown, the WAL and the server mark left as they are);
	 * resolves once the process is gone. The database stays, so that `startServer({
	 * databasePath })` can start a second server on it; `stop()` afterwards removes it.
	 */
	kill: () => Promise<void>;
};

/**
 * The node options that `npm start` gives the built server (package.json's `start` is
 * `node <options> build`): the tests and the bench start it as deployments do.
 */
export function startOptions(): string[] {
	const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
	const words = start.trim().split(/\s+/);
	if (words[0] !== 'node' || words.at(-1) !== 'build') throw new Error(`package.json's start script is not "node [options] build": ${start}`);
	return words.slice(1, -1);
}

/** A fresh database in a temporary folder with the demo (or `scenario`) loaded; `remove()` deletes the folder. */
export async function createScenarioDatabase(scenario?: string): Promise<{ databasePath: string; remove: () => void }> {
	const dir = mkdtempSync(join(tmpdir(), 'portal-server-'));
	const databasePath = join(dir, 'portal.db');
	const db = openDatabase(databasePath);
	const loaded = await loadScenarioText(db, scenario ?? demoScenarioText());
	db.$client.close();
	if (!loaded.ok) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(`scenario rejected: ${JSON.stringify(loaded.problems)}`);
	}
	return { databasePath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const port = (probe.address() as { port: number }).port;
			probe.close(() => ok(port));
		});
	});
}

/** The demo scenario's text with its dates moved to the test run's day. */
export function demoScenarioText(): string {
	return JSON.stringify(shiftScenario(JSON.parse(readFileSync(DEMO_PATH, 'utf8')), daysBetween(DEMO_AS_OF, testToday())));
}

/** A date of the demo file as the loaded data has it: moved to the test run's day. */
export function demoDate(date: string): string {
	return addDays(date, daysBetween(DEMO_AS_OF, testToday()));
}

/**
 * Starts the built server. By default on a fresh database in a temporary folder with the
 * demo (or `scenario`) loaded, removed when it stops; with `databasePath`, on that
 * database as it is, which is left in place. `clockAheadMs` runs the server that much
 * ahead of the run's clock (an escalation due after half an hour, without waiting).
 */
export async function startServer(options: { scenario?: string; env?: Record<string, string>; databasePath?: string; clockAheadMs?: number } = {}): Promise<RunningServer> {
	const fresh = options.databasePath ? null : await createScenarioDatabase(options.scenario);
	const databasePath = options.databasePath ?? fresh!.databasePath;
	const port = await freePort();
	const url = `http://localhost:${port}`;
	// The server runs on the test run's clock, like the data it serves and the tests' expectations
	// (or that clock moved on by `clockAheadMs`: a server started later on the same database).
	const clock = serverClockOptions(options.clockAheadMs ?? 0);
	const child: ChildProcess = spawn(process.execPath, [...startOptions(), ...clock.execArgv, join(ROOT, 'build')], {
		cwd: ROOT,
		// The notification worker only where a test asks for it (NOTIFY_WORKER: 'on'): its passes would write to tests' databases.
		env: { ...process.env, ...clock.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATABASE_PATH: databasePath, LOGIN_ADDRESS_BURST: '1000', NOTIFY_WORKER: 'off', ...options.env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	await waitForHealth(url, () => output);
	registerServer(url, databasePath, runClockShift() + (options.clockAheadMs ?? 0));
	return {
		url,
		databasePath,
		output: () => output,
		stop: () => new Promise((done) => {
			const finish = (code: number | null) => { fresh?.remove(); done(code); };
			if (child.exitCode !== null || child.signalCode !== null) return finish(child.exitCode);
			child.once('exit', finish);
			child.kill('SIGTERM');
		}),
		kill: () => new Promise((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			child.once('exit', () => done());
			child.kill('SIGKILL');
		})
	};
}

async function waitForHealth(url: string, stderr: () => string) {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return;
		} catch { /* not up yet */ }
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not start: ${stderr()}`);
}

/** The servers this process signs in to: their database (where a code's step is recorded) and clock. */
const servers = new Map<string, { databasePath: string; clockShiftMs: number }>();

/**
 * Makes a server known to `login` and the end-to-end sign-in: startServer does it; a
 * Playwright worker does it for the run's server that global setup started.
 */
export function registerServer(url: string, databasePath: string, clockShiftMs = runClockShift()): void {
	servers.set(new URL(url).origin, { databasePath, clockShiftMs });
}

/**
 * Runs `use` with an app code the account has not used on the server at `url` (a code
 * signs in once: tests/support/totp-steps.ts), waiting for the next 30-second step when
 * the server's window is used up.
 */
export function withServerCode<T>(url: string, username: string, key: Uint8Array, use: (code: string) => Promise<T>): Promise<T> {
	const server = servers.get(new URL(url).origin);
	if (!server) throw new Error(`no server started or registered at ${url}: its database is needed to choose an unused code`);
	return withUnusedCode(server.databasePath, username, key, use, () => Date.now() + server.clockShiftMs);
}

/**
 * FORMAT.md's login contract; returns the session cookie. A demo professional or
 * administrator also sends a code of the demo's app key (`otp`, #17), one the account
 * has not used yet, and is signed in fully; `otp: null` sends none (a half signed-in
 * session), a string sends that.
 */
export async function login(url: string, username: string, password: string, options: { otp?: string | null } = {}): Promise<{ status: number; location: string | null; cookie: string | null }> {
	if (options.otp !== undefined) return postLogin(url, username, password, options.otp);
	const key = demoFactorKey(username);
	return key ? withServerCode(url, username, key, (otp) => postLogin(url, username, password, otp)) : postLogin(url, username, password, null);
}

async function postLogin(url: string, username: string, password: string, otp: string | null) {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
		body: new URLSearchParams({ username, password, ...(otp ? { otp } : {}) })
	});
	const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
	return { status: response.status, location: response.headers.get('location'), cookie: setCookie ? setCookie.split(';')[0] : null };
}

export const DEMO_PASSWORD = 'demo-salasana-2026';

/** The demo scenario's one app key (`totpSecret` of its professionals and administrators). */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
let demoFactorUsernames: Set<string> | null = null;

/** The usernames of the demo's accounts enrolled with DEMO_TOTP_SECRET. */
export function demoFactorAccounts(): Set<string> {
	if (!demoFactorUsernames) {
		const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { professionals: { username?: string; totpSecret?: string }[]; administrators: { username: string; totpSecret?: string }[] };
		demoFactorUsernames = new Set([...demo.professionals, ...demo.administrators].filter((p) => p.username && p.totpSecret === DEMO_TOTP_SECRET).map((p) => p.username!.toLowerCase()));
	}
	return demoFactorUsernames;
}

/** The demo's app key for a demo professional or administrator; null for other accounts. */
export function demoFactorKey(username: string): Uint8Array | null {
	return demoFactorAccounts().has(username.toLowerCase()) ? decodeTotpSecret(DEMO_TOTP_SECRET) : null;
}
