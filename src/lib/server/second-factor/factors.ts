/**
 * The second factor of professionals and administrators (#17): who needs one, what an
 * account has enrolled, checking a code (throttled like passwords), enrolling an
 * authenticator app, and marking a session as having passed.
 */
import { and, eq, isNull, lt, or, sql, TransactionRollbackError } from 'drizzle-orm';
import type { DbWriter } from '../administration-log';
import type { Db } from '../db';
import { factorResets, sessions, totpCredentials, webauthnCredentials, type AccountKind } from '../db/schema';
import { Throttler } from '../rate-limit';
import { recoveryCodesLeft, replaceRecoveryCodes, useRecoveryCode } from './recovery-codes';
import { matchedTotpStep } from './totp';

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

/**
 * The one check of an authenticator-app code, wherever one is typed (the login's `otp`,
 * the factor page, enrolment): a code of the window (totp.ts) whose step is later than
 * the last step this key accepted, which it then becomes. A code seen over a shoulder or
 * passed on by a phishing page would otherwise work again for its whole minute and a
 * half (RFC 6238 §5.2). One conditional UPDATE: of two requests with the same code,
 * only one changes the row.
 */
export function useTotpCode(db: DbWriter, accountId: string, code: string, now = Date.now()): boolean {
	const row = db.select({ key: totpCredentials.key }).from(totpCredentials).where(eq(totpCredentials.accountId, accountId)).get();
	const step = row ? matchedTotpStep(new Uint8Array(row.key), code, now) : null;
	if (!row || step === null) return false;
	const laterStep = or(isNull(totpCredentials.lastStep), lt(totpCredentials.lastStep, step));
	const used = db.update(totpCredentials).set({ lastStep: step })
		.where(and(eq(totpCredentials.accountId, accountId), eq(totpCredentials.key, row.key), laterStep)).run();
	return used.changes === 1;
}

/** An authenticator-app code or a recovery code, under the throttle. */
export function verifyFactorCode(db: DbWriter, accountId: string, method: 'totp' | 'recovery', code: string, now = Date.now()): FactorAttempt {
	return throttledAttempt(accountId, () => method === 'totp' ? useTotpCode(db, accountId, code, now) : useRecoveryCode(db, accountId, code, new Date(now)), now);
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
 * for it (proof that the app holds the key). Replaces an earlier app key. The code goes
 * through the one check (useTotpCode), so it is used up like any other.
 */
export function enrolTotp(db: Db, accountId: string, sessionId: string, key: Uint8Array, code: string, now = Date.now()): EnrolResult {
	let recoveryCodes: string[] = [];
	const attempt = throttledAttempt(accountId, () => {
		try {
			recoveryCodes = db.transaction((tx) => {
				storeTotpKey(tx, accountId, key, now);
				if (!useTotpCode(tx, accountId, code, now)) tx.rollback();
				return finishEnrolment(tx, accountId, sessionId, new Date(now));
			});
			return true;
		} catch (refused) {
			if (refused instanceof TransactionRollbackError) return false;
			throw refused;
		}
	}, now);
	return attempt.ok ? { ok: true, recoveryCodes } : attempt;
}

/**
 * Stores the account's app key. A new key starts with no step used; the same key again
 * (someone enrolling the key they already have) keeps its last step, or enrolling would
 * be a way to use a code twice.
 */
function storeTotpKey(db: DbWriter, accountId: string, key: Uint8Array, now: number): void {
	const enrolledAt = new Date(now).toISOString();
	db.insert(totpCredentials).values({ accountId, key: Buffer.from(key), enrolledAt })
		.onConflictDoUpdate({
			target: totpCredentials.accountId,
			set: { key: Buffer.from(key), enrolledAt, lastStep: sql`CASE WHEN ${totpCredentials.key} = excluded.key THEN ${totpCredentials.lastStep} END` }
		}).run();
}
