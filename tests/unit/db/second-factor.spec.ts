/**
 * The second factor (#17) on a real SQLite file with the real migrations and the demo
 * data: the TOTP window, each step's code used once, recovery codes once each, the factor
 * throttle, an administrator's reset (the gate: tests/unit/second-factor-gate.spec.ts).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../../../src/lib/server/auth';
import { openDatabase } from '../../../src/lib/server/db';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { validateScenarioText } from '../../../src/lib/server/scenario/validate';
import { enrolTotp, factorStatus, factorThrottler, hasSecondFactor, verifyFactorCode } from '../../../src/lib/server/second-factor/factors';
import { replaceRecoveryCodes, useRecoveryCode } from '../../../src/lib/server/second-factor/recovery-codes';
import { resetSecondFactor } from '../../../src/lib/server/second-factor/reset';
import { decodeTotpSecret, matchedTotpStep, newTotpKey, totpCodeAt, totpStepAt } from '../../../src/lib/server/second-factor/totp';
import { createSession, generateSessionToken, validateSessionToken } from '../../../src/lib/server/session';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	expect((await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'))).ok).toBe(true);
});
afterEach(() => test.close());

const DEMO_KEY = decodeTotpSecret('JBSWY3DPEHPK3PXP')!;
const T = Date.parse('2026-12-02T10:00:10Z'); // 10 s into a 30-second step

describe('TOTP', () => {
	it('takes the code of this step and of the steps either side, nothing further', () => {
		const key = newTotpKey();
		const step = totpStepAt(T);
		expect(matchedTotpStep(key, totpCodeAt(key, T), T)).toBe(step);
		expect(matchedTotpStep(key, totpCodeAt(key, T - 30_000), T)).toBe(step - 1);
		expect(matchedTotpStep(key, totpCodeAt(key, T + 30_000), T)).toBe(step + 1);
		expect(matchedTotpStep(key, totpCodeAt(key, T - 60_000), T)).toBeNull();
		expect(matchedTotpStep(key, totpCodeAt(key, T + 60_000), T)).toBeNull();
		expect(matchedTotpStep(key, 'abcdef', T)).toBeNull();
	});

	it('matches the RFC 6238 reference (SHA-1, 59 s → 287082 of the 8-digit code)', () => {
		const rfcKey = new TextEncoder().encode('12345678901234567890');
		expect(totpCodeAt(rfcKey, 59_000)).toBe('287082');
	});

	it('refuses a secret that is not base32 of at least 80 bits', () => {
		expect(decodeTotpSecret('JBSWY3DPEHPK3PXP')).toHaveLength(10);
		expect(decodeTotpSecret('JBSWY3DP')).toBeNull();
		expect(decodeTotpSecret('not base32 at all!')).toBeNull();
	});

	it('the demo scenario enrols its professionals and administrators with the known key', () => {
		expect(hasSecondFactor(test.db, 'pro:pro-anna')).toBe(true);
		expect(hasSecondFactor(test.db, 'adm:adm-1')).toBe(true);
		expect(verifyFactorCode(test.db, 'pro:pro-anna', 'totp', totpCodeAt(DEMO_KEY, T), T)).toEqual({ ok: true });
	});
});

describe('each step\'s code is used once (RFC 6238 §5.2)', () => {
	const lastStep = (accountId: string) => test.db.$client.prepare('SELECT last_step FROM totp_credentials WHERE account_id = ?').pluck().get(accountId);

	it('the same code again, 20 s later and still in the window, is refused like a wrong code and counted by the throttle', () => {
		factorThrottler.reset('pro:pro-sanna');
		const code = totpCodeAt(DEMO_KEY, T);
		expect(verifyFactorCode(test.db, 'pro:pro-sanna', 'totp', code, T)).toEqual({ ok: true });
		expect(lastStep('pro:pro-sanna')).toBe(totpStepAt(T));
		const wrong = verifyFactorCode(test.db, 'pro:pro-sanna', 'totp', '000000', T + 20_000);
		expect(verifyFactorCode(test.db, 'pro:pro-sanna', 'totp', code, T + 20_000)).toEqual(wrong);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		// Two failures so far: two more, then even a new code waits.
		for (let i = 0; i < 2; i++) verifyFactorCode(test.db, 'pro:pro-sanna', 'totp', '000000', T + 20_000);
		expect(verifyFactorCode(test.db, 'pro:pro-sanna', 'totp', totpCodeAt(DEMO_KEY, T + 30_000), T + 20_000)).toEqual({ ok: false, reason: 'throttled' });
	});

	it('a later step is taken; a step older than the last one is refused, though still in the window', () => {
		factorThrottler.reset('pro:pro-maria');
		const step = totpStepAt(T);
		expect(verifyFactorCode(test.db, 'pro:pro-maria', 'totp', totpCodeAt(DEMO_KEY, T + 30_000), T)).toEqual({ ok: true });
		expect(lastStep('pro:pro-maria')).toBe(step + 1);
		expect(verifyFactorCode(test.db, 'pro:pro-maria', 'totp', totpCodeAt(DEMO_KEY, T), T)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(verifyFactorCode(test.db, 'pro:pro-maria', 'totp', totpCodeAt(DEMO_KEY, T - 30_000), T)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(lastStep('pro:pro-maria')).toBe(step + 1);
		const later = T + 60_000;
		expect(verifyFactorCode(test.db, 'pro:pro-maria', 'totp', totpCodeAt(DEMO_KEY, later), later)).toEqual({ ok: true });
		expect(lastStep('pro:pro-maria')).toBe(step + 2);
	});

	it('each account has its own last step: the demo\'s shared key signs in each of them once', () => {
		const code = totpCodeAt(DEMO_KEY, T);
		for (const account of ['pro:pro-anna', 'pro:pro-mikko', 'adm:adm-1']) expect(verifyFactorCode(test.db, account, 'totp', code, T)).toEqual({ ok: true });
		expect(verifyFactorCode(test.db, 'pro:pro-anna', 'totp', code, T)).toMatchObject({ ok: false });
	});

	it('two sign-ins with the same code at once (password hashed in parallel, then the code): exactly one passes', async () => {
		factorThrottler.reset('pro:pro-elina');
		const code = totpCodeAt(DEMO_KEY, T);
		const signInWithCode = async (address: string) => {
			const password = await signIn(test.db, 'elina', 'demo-salasana-2026', address);
			return password.ok && verifyFactorCode(test.db, password.accountId, 'totp', code, T).ok;
		};
		const passed = await Promise.all([signInWithCode('10.12.0.1'), signInWithCode('10.12.0.2')]);
		expect(passed.filter(Boolean)).toHaveLength(1);
	});

	it('the step is kept in the database: another connection (another server process) refuses the code too', () => {
		const other = openDatabase(test.path);
		try {
			const code = totpCodeAt(DEMO_KEY, T);
			expect(verifyFactorCode(test.db, 'pro:pro-ville', 'totp', code, T)).toEqual({ ok: true });
			expect(verifyFactorCode(other, 'pro:pro-ville', 'totp', code, T)).toMatchObject({ ok: false, reason: 'invalid' });
		} finally {
			other.$client.close();
		}
	});

	it('the code that enrols a key is used up; enrolling the same key again needs a later code, a new key starts afresh', () => {
		const session = createSession(test.db, generateSessionToken(), 'pro:pro-pekka');
		const key = newTotpKey();
		factorThrottler.reset('pro:pro-pekka');
		expect(enrolTotp(test.db, 'pro:pro-pekka', session.id, key, totpCodeAt(key, T), T)).toMatchObject({ ok: true });
		expect(verifyFactorCode(test.db, 'pro:pro-pekka', 'totp', totpCodeAt(key, T), T + 5_000)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(enrolTotp(test.db, 'pro:pro-pekka', session.id, key, totpCodeAt(key, T), T + 5_000)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(verifyFactorCode(test.db, 'pro:pro-pekka', 'totp', totpCodeAt(key, T + 30_000), T + 5_000)).toEqual({ ok: true });
		expect(enrolTotp(test.db, 'pro:pro-pekka', session.id, key, totpCodeAt(key, T + 30_000), T + 5_000)).toMatchObject({ ok: false, reason: 'invalid' });
		const newKey = newTotpKey();
		factorThrottler.reset('pro:pro-pekka');
		expect(enrolTotp(test.db, 'pro:pro-pekka', session.id, newKey, totpCodeAt(newKey, T + 5_000), T + 5_000)).toMatchObject({ ok: true });
		expect(lastStep('pro:pro-pekka')).toBe(totpStepAt(T));
		// A refused enrolment changed nothing: the key is the one enrolled last.
		expect(test.db.$client.prepare("SELECT key FROM totp_credentials WHERE account_id = 'pro:pro-pekka'").pluck().get()).toEqual(Buffer.from(newKey));
	});
});

describe('recovery codes', () => {
	it('ten, each works once, only for its own account; only hashes are stored', () => {
		const codes = replaceRecoveryCodes(test.db, 'pro:pro-anna');
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		const stored = test.db.$client.prepare("SELECT code_hash FROM recovery_codes WHERE account_id = 'pro:pro-anna'").pluck().all() as string[];
		expect(stored.some((hash) => codes.includes(hash))).toBe(false);
		expect(useRecoveryCode(test.db, 'pro:pro-mikko', codes[0])).toBe(false);
		expect(useRecoveryCode(test.db, 'pro:pro-anna', codes[0].toLowerCase().replace(/-/g, ' '))).toBe(true);
		expect(useRecoveryCode(test.db, 'pro:pro-anna', codes[0])).toBe(false);
		expect(factorStatus(test.db, 'pro:pro-anna').recoveryLeft).toBe(9);
	});
});

describe('throttle', () => {
	it('four wrong codes, then even the right code waits; after the wait it works and the count clears', () => {
		factorThrottler.reset('pro:pro-liisa');
		for (let i = 0; i < 4; i++) expect(verifyFactorCode(test.db, 'pro:pro-liisa', 'totp', '000000', T)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(verifyFactorCode(test.db, 'pro:pro-liisa', 'totp', totpCodeAt(DEMO_KEY, T), T)).toEqual({ ok: false, reason: 'throttled' });
		const later = T + 31_000;
		expect(verifyFactorCode(test.db, 'pro:pro-liisa', 'totp', totpCodeAt(DEMO_KEY, later), later)).toEqual({ ok: true });
		expect(verifyFactorCode(test.db, 'pro:pro-liisa', 'totp', '000000', later)).toMatchObject({ reason: 'invalid' });
	});
});

describe('enrolment and reset', () => {
	it('an administrator reset removes every factor, ends the sessions, is logged, and the person is told until they enrol again', () => {
		const token = generateSessionToken();
		createSession(test.db, token, 'pro:pro-mikko', Date.now(), { secondFactorVerified: true });
		replaceRecoveryCodes(test.db, 'pro:pro-mikko');
		expect(resetSecondFactor(test.db, 'pro:pro-mikko', 'adm-1')).toEqual({ ok: true, id: 'pro:pro-mikko' });
		expect(hasSecondFactor(test.db, 'pro:pro-mikko')).toBe(false);
		expect(factorStatus(test.db, 'pro:pro-mikko')).toMatchObject({ totp: false, passkeys: 0, recoveryLeft: 0 });
		expect(factorStatus(test.db, 'pro:pro-mikko').resetAt).not.toBeNull();
		expect(validateSessionToken(test.db, token).session).toBeNull();
		const log = test.db.$client.prepare("SELECT administrator_id, action, account_id FROM administration_log").all();
		expect(log).toContainEqual({ administrator_id: 'adm-1', action: 'reset-factor', account_id: 'pro:pro-mikko' });

		// Enrolling again: the code must be the new key's; then the notice is done.
		const fresh = generateSessionToken();
		const session = createSession(test.db, fresh, 'pro:pro-mikko');
		const key = newTotpKey();
		factorThrottler.reset('pro:pro-mikko');
		expect(enrolTotp(test.db, 'pro:pro-mikko', session.id, key, totpCodeAt(DEMO_KEY, T), T)).toMatchObject({ ok: false });
		const enrolled = enrolTotp(test.db, 'pro:pro-mikko', session.id, key, totpCodeAt(key, T), T);
		expect(enrolled.ok && enrolled.recoveryCodes).toHaveLength(10);
		expect(factorStatus(test.db, 'pro:pro-mikko').resetAt).toBeNull();
		expect(validateSessionToken(test.db, fresh).secondFactorVerified).toBe(true);
	});

	it('an administrator cannot reset their own factor, nor a member\'s (who has none)', () => {
		expect(resetSecondFactor(test.db, 'adm:adm-1', 'adm-1')).toMatchObject({ ok: false, status: 403 });
		expect(resetSecondFactor(test.db, 'mem:amal', 'adm-1')).toMatchObject({ ok: false, status: 404 });
		expect(resetSecondFactor(test.db, 'adm:adm-2', 'adm-1')).toMatchObject({ ok: true });
	});

	it('a new session starts without the second factor unless the sign-in passed it', () => {
		const token = generateSessionToken();
		createSession(test.db, token, 'pro:pro-anna');
		expect(validateSessionToken(test.db, token).secondFactorVerified).toBe(false);
	});
});

describe('scenario totpSecret', () => {
	const demo = () => JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8'));
	const problemPaths = (scenario: unknown) => {
		const result = validateScenarioText(JSON.stringify(scenario));
		return result.ok ? [] : result.problems.map((p) => p.path);
	};
	it('refuses a secret that is not base32 of at least 80 bits, by its path', () => {
		const bad = demo();
		bad.professionals[0].totpSecret = 'not-base32!';
		bad.administrators[0].totpSecret = 'ABC';
		expect(problemPaths(bad)).toEqual(expect.arrayContaining(['professionals[0].totpSecret', 'administrators[0].totpSecret']));
	});
	it('refuses a secret for a professional without a sign-in', () => {
		const bad = demo();
		bad.professionals.push({ id: 'pro-nosign', name: 'Ei Tunnusta', organisation: bad.professionals[0].organisation, totpSecret: 'JBSWY3DPEHPK3PXP' });
		expect(problemPaths(bad)).toEqual([`professionals[${bad.professionals.length - 1}].totpSecret`]);
	});
});
