/**
 * Authenticator-app codes for the test harness, each used once, as the portal requires:
 * a step's code signs an account in once (RFC 6238 §5.2; factors.ts). A sign-in takes
 * the code of the first step that the account has not used on that server's database
 * (its `last_step`) and that the server takes now: the step before its current one, the
 * current one or the next. When those are used up it waits for the next step, as a
 * person would. A lock per database and account keeps two processes (Playwright's
 * workers) or two requests of one test from taking the same step.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../../src/lib/server/second-factor/totp';
import { testNow } from './run-clock';

const PERIOD_MS = TOTP_PERIOD_SECONDS * 1000;
/** The previous step's code is taken only early in a step: late in it, a slow request could arrive after the server's step moved on. */
const PREVIOUS_STEP_UNTIL_MS = 15_000;
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 120_000;

/**
 * The step to use after `lastStep` at `now` (both on the server's clock), and when the
 * server starts taking it: its window reaches one step ahead of its current one.
 */
function nextUnusedStep(lastStep: number | null, now: number): { step: number; takenFrom: number } {
	const current = Math.floor(now / PERIOD_MS);
	const earliest = now - current * PERIOD_MS < PREVIOUS_STEP_UNTIL_MS ? current - 1 : current;
	const step = lastStep === null ? earliest : Math.max(earliest, lastStep + 1);
	return { step, takenFrom: (step - 1) * PERIOD_MS };
}

/**
 * Runs `use` with a code of `key` that the account `username` has not used on the
 * database at `databasePath`, holding the account's lock until `use` has finished (the
 * server records the step before it answers). `serverNow`: the clock of the server that
 * checks the code (by default the run's; startServer's `clockAheadMs` moves it).
 */
export async function withUnusedCode<T>(databasePath: string, username: string, key: Uint8Array, use: (code: string) => Promise<T>, serverNow = () => testNow().getTime()): Promise<T> {
	const unlock = await lock(`${databasePath}.totp-${username.toLowerCase()}.lock`);
	try {
		const { step, takenFrom } = nextUnusedStep(lastStepOf(databasePath, username), serverNow());
		// A little past the boundary, so that the server is surely in the step before it.
		const wait = takenFrom + 250 - serverNow();
		if (wait > 0) {
			console.warn(`[totp-steps] ${username}: waiting ${(wait / 1000).toFixed(1)} s for an unused step`);
			await new Promise((resolve) => setTimeout(resolve, wait));
		}
		return await use(totpCodeAt(key, step * PERIOD_MS));
	} finally {
		unlock();
	}
}

/** The step of the account's last accepted code, as the server recorded it; null before any. */
function lastStepOf(databasePath: string, username: string): number | null {
	const db = new Database(databasePath, { fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const row = db.prepare('SELECT t.last_step AS step FROM totp_credentials t JOIN accounts a ON a.id = t.account_id WHERE a.username = ?')
			.get(username.toLowerCase()) as { step: number | null } | undefined;
		return row?.step ?? null;
	} finally {
		db.close();
	}
}

/** A directory made exclusively is the lock: mkdir either creates it or fails, in any process. */
async function lock(path: string): Promise<() => void> {
	for (;;) {
		try {
			mkdirSync(path);
			return () => rmSync(path, { recursive: true, force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		if (lockAge(path) > STALE_LOCK_MS) rmSync(path, { recursive: true, force: true });
		else await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

function lockAge(path: string): number {
	try {
		return Date.now() - statSync(path).mtimeMs;
	} catch {
		return 0; // released meanwhile
	}
}
