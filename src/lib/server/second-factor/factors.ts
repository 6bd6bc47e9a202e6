/**
 * The second factor of professionals and administrators (#17): who needs one, what an
 * account has enrolled, checking a code (throttled like passwords), enrolling an
 * authenticator app, and marking a session as having passed.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbWriter } from '../administration-log';
import type { Db } from '../db';
import { factorResets, sessions, totpCredentials, webauthnCredentials, type AccountKind } from '../db/schema';
import { Throttler } from '../rate-limit';
import { recoveryCodesLeft, replaceRecoveryCodes, useRecoveryCode } from './recovery-codes';
import { verifyTotpCode } from './totp';

/** Professionals read family data and administrators manage the accounts that do: both need a second factor. */
export function needsSecondFactor(kind: AccountKind): boolean {
	return kind === 'professional' || kind === 'administrator';
}

/**
 * Failed factor attempts per account, with the waits of the password throttle: four
 * tries, then 30 s, 60 s ... A six-digit code has a million values; this keeps guessing
 * far out of reach.
 */
export const factorThrottler = new Throttler<string>([0, 0, 0, 30, 60, 120, 300, 600]);

export type FactorAttempt = { ok: true } | { ok: false; reason: 'invalid' | 'throttled' };

/** Runs one check under the account's throttle: a failure counts, a success clears the count. */
export function throttledAttempt(accountId: string, check: () => boolean, now = Date.now()): FactorAttempt {
	if (!factorThrottler.check(accountId, now)) return { ok: false, reason: 'throttled' };
	if (!check()) {
		factorThrottler.fail(accountId, now);
		return { ok: false, reason: 'invalid' };
	}
	factorThrottler.reset(accountId);
	return { ok: true };
}

/** True when the account has an app key or a passkey: it verifies rather than enrols. */
export function hasSecondFactor(db: DbWriter, accountId: string): boolean {
	const totp = db.select({ one: sql`1` }).from(totpCredentials).where(eq(totpCredentials.accountId, accountId)).get();
	if (totp) return true;
	return !!db.select({ one: sql`1` }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).limit(1).get();
}

export type FactorStatus = { totp: boolean; passkeys: number; recoveryLeft: number; resetAt: string | null };

/** What the account has enrolled, and when an administrator last reset it if the person has not been told yet. */
export function factorStatus(db: Db, accountId: string): FactorStatus {
	const totp = !!db.select({ one: sql`1` }).from(totpCredentials).where(eq(totpCredentials.accountId, accountId)).get();
	const passkeys = db.select({ n: sql<number>`count(*)` }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).get()?.n ?? 0;
	const reset = db.select({ at: factorResets.at }).from(factorResets)
		.where(and(eq(factorResets.accountId, accountId), isNull(factorResets.noticedAt)))
		.orderBy(sql`${factorResets.id} DESC`).limit(1).get();
	return { totp, passkeys, recoveryLeft: recoveryCodesLeft(db, accountId), resetAt: reset?.at ?? null };
}

/** The authenticator-app code of an enrolled account (false when none is enrolled). */
export function checkTotp(db: DbWriter, accountId: string, code: string, now = Date.now()): boolean {
	const row = db.select({ key: totpCredentials.key }).from(totpCredentials).where(eq(totpCredentials.accountId, accountId)).get();
	return !!row && verifyTotpCode(new Uint8Array(row.key), code, now);
}

/** An authenticator-app code or a recovery code, under the throttle. */
export function verifyFactorCode(db: DbWriter, accountId: string, method: 'totp' | 'recovery', code: string, now = Date.now()): FactorAttempt {
	return throttledAttempt(accountId, () => method === 'totp' ? checkTotp(db, accountId, code, now) : useRecoveryCode(db, accountId, code, new Date(now)), now);
}

/** The session has passed the second factor: the gate opens for it (and for no other session). */
export function markSecondFactorVerified(db: DbWriter, sessionId: string): void {
	db.update(sessions).set({ secondFactorVerified: true }).where(eq(sessions.id, sessionId)).run();
}

/**
 * After any enrolment: ten new recovery codes (returned, shown once), the person counted
 * as told of an administrator's reset, and this session verified.
 */
export function finishEnrolment(db: DbWriter, accountId: string, sessionId: string, now = new Date()): string[] {
	db.update(factorResets).set({ noticedAt: now.toISOString() }).where(and(eq(factorResets.accountId, accountId), isNull(factorResets.noticedAt))).run();
	markSecondFactorVerified(db, sessionId);
	return replaceRecoveryCodes(db, accountId);
}

export type EnrolResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Enrols an authenticator app: the key shown on the page and the code the app now shows
 * for it (proof that the app holds the key). Replaces an earlier app key.
 */
export function enrolTotp(db: Db, accountId: string, sessionId: string, key: Uint8Array, code: string, now = Date.now()): EnrolResult {
	const attempt = throttledAttempt(accountId, () => verifyTotpCode(key, code, now), now);
	if (!attempt.ok) return attempt;
	const recoveryCodes = db.transaction((tx) => {
		const enrolledAt = new Date(now).toISOString();
		tx.insert(totpCredentials).values({ accountId, key: Buffer.from(key), enrolledAt })
			.onConflictDoUpdate({ target: totpCredentials.accountId, set: { key: Buffer.from(key), enrolledAt } }).run();
		return finishEnrolment(tx, accountId, sessionId, new Date(now));
	});
	return { ok: true, recoveryCodes };
}
