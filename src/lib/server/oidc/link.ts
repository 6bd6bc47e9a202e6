/**
 * Linking an e-identification to a member's account (#17): the first sign-in gives the
 * single-use sign-in code from the coordinator (the same codes as `/welcome`), later
 * sign-ins go straight in. Only members' accounts are ever linked or signed in this way:
 * professionals and administrators sign in with their password and second factor.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import * as t from '../db/schema';
import { codeHash, usableCode } from '../family-start';
import { hashPassword } from '../password';
import { newId } from '../write-result';
import type { PendingLink } from './flows';

/** The kind of account an e-identification may sign in to. */
const LINKABLE_KIND = 'member';

export type LinkResult =
	| { ok: true; accountId: string }
	| { ok: false; status: 400; message: 'invalid'; issues: { code: 'required' | 'code-invalid' } };

const CODE_INVALID = { ok: false, status: 400, message: 'invalid', issues: { code: 'code-invalid' } } as const;
const WRITE_LOCK = { behavior: 'immediate' } as const;

/** The active member account linked to this identity, or null (never a professional's or administrator's). */
export function linkedAccount(db: Db, issuer: string, subjectHash: string): string | null {
	const row = db.select({ id: t.accounts.id, kind: t.accounts.kind, active: t.accounts.active })
		.from(t.oidcIdentities).innerJoin(t.accounts, eq(t.accounts.id, t.oidcIdentities.accountId))
		.where(and(eq(t.oidcIdentities.issuer, issuer), eq(t.oidcIdentities.subjectHash, subjectHash))).get();
	return row && row.kind === LINKABLE_KIND && row.active ? row.id : null;
}

/**
 * A username for a member who signs in only with e-identification: never typed, but
 * the column is required and unique.
 */
function generatedUsername(): string {
	return `eid-${randomBytes(8).toString('hex')}`;
}

/**
 * Uses up the member's sign-in code and links the identity to the member's account,
 * creating the account (with an unknown random password) when the member has none yet.
 * A wrong, used or expired code changes nothing.
 */
export async function linkWithCode(db: Db, link: PendingLink, code: string, now: Date = new Date()): Promise<LinkResult> {
	const trimmed = code.trim().slice(0, 40);
	if (!trimmed) return { ok: false, status: 400, message: 'invalid', issues: { code: 'required' } };
	const hash = codeHash(trimmed);
	if (!usableCode(db, hash, now)) return CODE_INVALID;
	// Hashed before the transaction (argon2 is slow); nobody ever learns this password.
	const passwordHash = await hashPassword(randomBytes(32).toString('hex'));
	return db.transaction((tx): LinkResult => {
		const found = usableCode(tx, hash, now);
		if (!found) return CODE_INVALID;
		const existing = tx.select({ id: t.accounts.id, kind: t.accounts.kind }).from(t.accounts).where(eq(t.accounts.memberId, found.memberId)).get();
		if (existing && existing.kind !== LINKABLE_KIND) return CODE_INVALID;
		const already = tx.select({ accountId: t.oidcIdentities.accountId }).from(t.oidcIdentities)
			.where(and(eq(t.oidcIdentities.issuer, link.issuer), eq(t.oidcIdentities.subjectHash, link.subjectHash))).get();
		// Linked meanwhile (e.g. in another tab): the code stays unused for whoever it was meant for.
		if (already) return already.accountId === existing?.id ? { ok: true, accountId: already.accountId } : CODE_INVALID;
		const used = tx.update(t.signInCodes).set({ usedAt: now.toISOString() })
			.where(and(eq(t.signInCodes.id, found.id), isNull(t.signInCodes.usedAt))).run();
		if (used.changes !== 1) return CODE_INVALID;
		const accountId = existing?.id ?? `mem:${found.memberId}`;
		if (!existing) tx.insert(t.accounts).values({ id: accountId, username: generatedUsername(), passwordHash, kind: 'member', memberId: found.memberId }).run();
		tx.insert(t.oidcIdentities).values({ id: newId('oidc'), ...link, accountId, linkedAt: now.toISOString() }).run();
		return { ok: true, accountId };
	}, WRITE_LOCK);
}

export type AccountLinkResult = { ok: true } | { ok: false; reason: 'not-a-member' | 'linked-to-another' };

/**
 * Links the identity to the signed-in member's own account (a member who already has a
 * password: their sign-in proved the account is theirs, so no code is needed). An
 * identity already linked to another account stays where it is.
 */
export function linkToOwnAccount(db: Db, link: PendingLink, accountId: string, now: Date = new Date()): AccountLinkResult {
	return db.transaction((tx): AccountLinkResult => {
		const account = tx.select({ kind: t.accounts.kind, active: t.accounts.active }).from(t.accounts).where(eq(t.accounts.id, accountId)).get();
		if (!account || account.kind !== LINKABLE_KIND || !account.active) return { ok: false, reason: 'not-a-member' };
		const already = tx.select({ accountId: t.oidcIdentities.accountId }).from(t.oidcIdentities)
			.where(and(eq(t.oidcIdentities.issuer, link.issuer), eq(t.oidcIdentities.subjectHash, link.subjectHash))).get();
		if (already) return already.accountId === accountId ? { ok: true } : { ok: false, reason: 'linked-to-another' };
		tx.insert(t.oidcIdentities).values({ id: newId('oidc'), ...link, accountId, linkedAt: now.toISOString() }).run();
		return { ok: true };
	}, WRITE_LOCK);
}

/** Whether the account has an e-identification linked (for its account page). */
export function hasLinkedIdentity(db: Db, accountId: string): boolean {
	return db.select({ id: t.oidcIdentities.id }).from(t.oidcIdentities).where(eq(t.oidcIdentities.accountId, accountId)).get() !== undefined;
}
