/**
 * An administrator removes a lost second factor: the app key, passkeys and recovery codes
 * go, every session of the account ends, and the person is told at the next sign-in and
 * enrols again. Logged in the administration log.
 */
import { eq } from 'drizzle-orm';
import type { AccountResult } from '../accounts';
import { appendAdministrationLog } from '../administration-log';
import type { Db } from '../db';
import { accounts, factorResets, recoveryCodes, sessions, totpCredentials, webauthnCredentials } from '../db/schema';
import { needsSecondFactor } from './factors';

/** Resets the factor of a professional's or another administrator's account (never one's own: a second person decides). */
export function resetSecondFactor(db: Db, accountId: string, administratorId: string, now = new Date()): AccountResult {
	return db.transaction((tx): AccountResult => {
		const found = tx.select({ kind: accounts.kind, administratorId: accounts.administratorId }).from(accounts).where(eq(accounts.id, accountId)).get();
		if (!found || !needsSecondFactor(found.kind)) return { ok: false, status: 404, message: 'not-found' };
		if (found.administratorId === administratorId) return { ok: false, status: 403, message: 'forbidden' };
		tx.delete(totpCredentials).where(eq(totpCredentials.accountId, accountId)).run();
		tx.delete(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).run();
		tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId)).run();
		tx.delete(sessions).where(eq(sessions.accountId, accountId)).run();
		tx.insert(factorResets).values({ accountId, administratorId, at: now.toISOString() }).run();
		appendAdministrationLog(tx, { administratorId, action: 'reset-factor', accountId }, now);
		return { ok: true, id: accountId };
	});
}
