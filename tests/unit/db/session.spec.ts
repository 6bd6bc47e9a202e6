import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts } from '../../../src/lib/server/db/schema';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import {
	createSession, generateSessionToken, invalidateAllSessions, invalidateSession, sessionIdOf,
	SESSION_LIFETIME_MS, validateSessionToken
} from '../../../src/lib/server/session';
import { RefillingTokenBucket, Throttler } from '../../../src/lib/server/rate-limit';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
});
afterEach(() => test.close());

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 10, 23, 10);

describe('sessions (Lucia guide)', () => {
	it('stores only the SHA-256 of the token and resolves the principal', () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		createSession(test.db, token, 'mem:amal', T0);
		const stored = test.db.$client.prepare('SELECT id FROM sessions').pluck().all();
		expect(stored).toEqual([sessionIdOf(token)]);
		expect(stored[0]).not.toBe(token);
		const result = validateSessionToken(test.db, token, T0 + 1000);
		expect(result.principal).toEqual({ kind: 'member', memberId: 'amal', familyId: 'fam-haddad', name: 'Amal' });
	});

	it('expires after 30 days and deletes the expired session', () => {
		const token = generateSessionToken();
		createSession(test.db, token, 'pro:pro-anna', T0);
		expect(validateSessionToken(test.db, token, T0 + SESSION_LIFETIME_MS - 1).session).not.toBeNull();
		const token2 = generateSessionToken();
		createSession(test.db, token2, 'pro:pro-anna', T0);
		expect(validateSessionToken(test.db, token2, T0 + SESSION_LIFETIME_MS).session).toBeNull();
		expect(test.db.$client.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(sessionIdOf(token2))).toBe(0);
	});

	it('slides forward when under 15 days remain', () => {
		const token = generateSessionToken();
		createSession(test.db, token, 'pro:pro-anna', T0);
		const at14 = validateSessionToken(test.db, token, T0 + 14 * DAY);
		expect(at14.session!.expiresAt.getTime()).toBe(T0 + SESSION_LIFETIME_MS);
		const at16 = validateSessionToken(test.db, token, T0 + 16 * DAY);
		expect(at16.session!.expiresAt.getTime()).toBe(T0 + 16 * DAY + SESSION_LIFETIME_MS);
	});

	it('signs out one session, or every session of the account', () => {
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		createSession(test.db, a, 'pro:pro-anna', T0);
		createSession(test.db, b, 'pro:pro-anna', T0);
		createSession(test.db, c, 'mem:amal', T0);
		invalidateSession(test.db, sessionIdOf(a));
		expect(validateSessionToken(test.db, a, T0).session).toBeNull();
		expect(validateSessionToken(test.db, b, T0).session).not.toBeNull();
		invalidateAllSessions(test.db, 'pro:pro-anna');
		expect(validateSessionToken(test.db, b, T0).session).toBeNull();
		expect(validateSessionToken(test.db, c, T0).session).not.toBeNull();
	});

	it('a deactivated account has no valid session', () => {
		const token = generateSessionToken();
		createSession(test.db, token, 'pro:pro-anna', T0);
		test.db.update(accounts).set({ active: false }).where(eq(accounts.id, 'pro:pro-anna')).run();
		expect(validateSessionToken(test.db, token, T0).principal).toBeNull();
	});

	it('an unknown token is no session', () => {
		expect(validateSessionToken(test.db, generateSessionToken(), T0).session).toBeNull();
	});
});

describe('rate limiting', () => {
	it('a token bucket refuses when empty and refills over time', () => {
		const bucket = new RefillingTokenBucket<string>(3, 1000);
		expect([1, 2, 3, 4].map(() => bucket.consume('ip', 1, T0))).toEqual([true, true, true, false]);
		expect(bucket.consume('other', 1, T0)).toBe(true);
		expect(bucket.consume('ip', 1, T0 + 999)).toBe(false);
		expect(bucket.consume('ip', 1, T0 + 1000)).toBe(true);
		expect(bucket.consume('ip', 1, T0 + 1000)).toBe(false);
	});

	it('a throttler waits longer after each failure and resets on success', () => {
		const throttler = new Throttler<string>([0, 10, 60]);
		expect(throttler.check('u', T0)).toBe(true);
		throttler.fail('u', T0);
		expect(throttler.check('u', T0)).toBe(true);
		throttler.fail('u', T0);
		expect(throttler.check('u', T0 + 9_999)).toBe(false);
		expect(throttler.check('u', T0 + 10_000)).toBe(true);
		throttler.fail('u', T0 + 10_000);
		expect(throttler.check('u', T0 + 69_999)).toBe(false);
		throttler.reset('u');
		expect(throttler.check('u', T0 + 10_001)).toBe(true);
	});
});
