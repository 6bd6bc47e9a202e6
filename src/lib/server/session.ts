/**
 * Sessions as Lucia's current guide teaches them: a random token in the cookie, its
 * SHA-256 as the stored id, 30 days that slide forward when under 15 remain.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './db';
import { accounts, administrators, members, professionals, sessions } from './db/schema';
import type { Principal } from './policy/types';

export const SESSION_COOKIE = 'session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_UNDER_MS = 15 * DAY_MS;

export type Session = { id: string; accountId: string; expiresAt: Date };
export type SessionValidation =
	| { session: Session; principal: Principal; accountId: string; renewed: boolean; mustChangePassword: boolean; secondFactorVerified: boolean }
	| { session: null; principal: null; accountId: null; renewed: false; mustChangePassword: false; secondFactorVerified: false };
/** How often at most a session's "last used" is written: a request rarely writes. */
const LAST_USED_PRECISION_MS = 5 * 60 * 1000;

/** 20 random bytes, base32: 160 bits of entropy. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A new session. `secondFactorVerified` is true only when the sign-in itself passed the
 * second factor (a member needs none; a script may send the code with the password).
 */
export function createSession(
	db: Db, token: string, accountId: string, now = Date.now(),
	options: { secondFactorVerified?: boolean; device?: string | null } = {}
): Session {
	const session: Session = { id: sessionIdOf(token), accountId, expiresAt: new Date(now + SESSION_LIFETIME_MS) };
	db.insert(sessions).values({
		id: session.id, accountId, expiresAt: session.expiresAt.getTime(),
		secondFactorVerified: options.secondFactorVerified ?? false, device: options.device ?? null, lastUsedAt: now
	}).run();
	return session;
}

/** The session lookup runs on every request: its statement is built once per database. */
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/** Only the columns a principal needs: this runs on every signed-in request. */
function prepareLookup(db: Db) {
	return db
		.select({
			expiresAt: sessions.expiresAt, secondFactorVerified: sessions.secondFactorVerified, lastUsedAt: sessions.lastUsedAt, accountId: accounts.id, kind: accounts.kind, active: accounts.active, mustChangePassword: accounts.mustChangePassword,
			memberId: members.id, familyId: members.familyId, memberName: members.name,
			professionalId: professionals.id, organisationId: professionals.organisationId, authority: professionals.authority, manager: professionals.manager, professionalName: professionals.name,
			administratorId: administrators.id, administratorName: administrators.name
		})
		.from(sessions)
		.innerJoin(accounts, eq(accounts.id, sessions.accountId))
		.leftJoin(members, eq(members.id, accounts.memberId))
		.leftJoin(professionals, eq(professionals.id, accounts.professionalId))
		.leftJoin(administrators, eq(administrators.id, accounts.administratorId))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare();
}

type LookupRow = NonNullable<ReturnType<ReturnType<typeof prepareLookup>['get']>>;

function sessionRow(db: Db, id: string): LookupRow | undefined {
	let lookup = lookups.get(db);
	if (!lookup) lookups.set(db, (lookup = prepareLookup(db)));
	return lookup.get({ id });
}

/** Checks a token; expired sessions are deleted, sessions of deactivated accounts do not count. */
export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidation {
	const none = { session: null, principal: null, accountId: null, renewed: false, mustChangePassword: false, secondFactorVerified: false } as const;
	const id = sessionIdOf(token);
	const row = sessionRow(db, id);
	if (!row) return none;
	if (now >= row.expiresAt) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return none;
	}
	const principal = principalOf(row);
	if (!row.active || !principal) return none;
	const session: Session = { id, accountId: row.accountId, expiresAt: new Date(row.expiresAt) };
	const renewed = row.expiresAt - now < RENEW_WHEN_UNDER_MS;
	if (renewed) session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
	const lastUsedStale = row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_PRECISION_MS;
	if (renewed || lastUsedStale) {
		db.update(sessions).set({ expiresAt: session.expiresAt.getTime(), lastUsedAt: now }).where(eq(sessions.id, id)).run();
	}
	return { session, principal, accountId: row.accountId, renewed, mustChangePassword: row.mustChangePassword, secondFactorVerified: row.secondFactorVerified };
}

function principalOf(row: LookupRow): Principal | null {
	if (row.kind === 'member' && row.memberId && row.familyId && row.memberName !== null) {
		return { kind: 'member', memberId: row.memberId, familyId: row.familyId, name: row.memberName };
	}
	if (row.kind === 'professional' && row.professionalId && row.organisationId && row.professionalName !== null) {
		return {
			kind: 'professional', professionalId: row.professionalId, organisationId: row.organisationId, authority: row.authority ?? false,
			name: row.professionalName, manager: row.manager ?? false
		};
	}
	if (row.kind === 'administrator' && row.administratorId && row.administratorName !== null) {
		return { kind: 'administrator', administratorId: row.administratorId, name: row.administratorName };
	}
	return null;
}

/**
 * Whether the session is still open (not signed out, not expired, its account active).
 * Asked again where a request waited after it began: a form's body can take long to
 * arrive, and a sign-out everywhere meanwhile must stop its write.
 */
export function sessionStillOpen(db: Db, sessionId: string, now = Date.now()): boolean {
	const row = sessionRow(db, sessionId);
	return row !== undefined && now < row.expiresAt && row.active && principalOf(row) !== null;
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Sign out everywhere: every session of the account. */
export function invalidateAllSessions(db: Db, accountId: string): void {
	db.delete(sessions).where(eq(sessions.accountId, accountId)).run();
}

/** The account's sessions that have not expired, most recently used first (the account page). */
export function listSessions(db: Db, accountId: string, now = Date.now()) {
	return db.select({ id: sessions.id, device: sessions.device, lastUsedAt: sessions.lastUsedAt, secondFactorVerified: sessions.secondFactorVerified })
		.from(sessions).where(and(eq(sessions.accountId, accountId), gt(sessions.expiresAt, now)))
		.orderBy(desc(sessions.lastUsedAt)).all();
}

/** Ends one of the account's own sessions; false when it is not one of theirs. */
export function invalidateOwnSession(db: Db, accountId: string, sessionId: string): boolean {
	return db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.accountId, accountId))).run().changes === 1;
}
