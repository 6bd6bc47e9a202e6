/**
 * Accounts that administrators manage and that people change themselves: organisations,
 * professional accounts, deactivation, password resets with a forced change, and the
 * person's own password change. No family data is read or written here (A1).
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db';
import { appendAdministrationLog } from './administration-log';
import { dropRightsForReset } from './rights';
import { accounts, organisations, professionals, sessions, ORGANISATION_KINDS, type GrantedRight } from './db/schema';
import { hashPassword, MAX_PASSWORD_LENGTH, verifyPassword } from './password';
import { invalid, newId } from './write-result';
import { nameField, usernameField } from './names';

export type AccountResult =
	| { ok: true; id?: string; temporaryPassword?: string; rightsRemoved?: GrantedRight[] }
	| { ok: false; status: 400 | 403 | 404; message: string; issues?: Record<string, string> };

/** Long enough that a guess is hopeless, short enough to say over the phone: 4 groups of 4. */
export const MIN_PASSWORD_LENGTH = 12;

export function temporaryPassword(): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes).slice(0, 16).match(/.{4}/g)!.join('-');
}

const optional = z.string().trim().max(200, 'too-long').optional().transform((v) => v || null);

const organisationInput = z.object({ name: nameField(), kind: z.enum(ORGANISATION_KINDS) });

export function createOrganisation(db: Db, input: unknown): AccountResult {
	const parsed = organisationInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const id = newId('org');
	db.insert(organisations).values({ id, ...parsed.data }).run();
	return { ok: true, id };
}

/** An unticked checkbox or nothing: a ticked one is refused rather than silently dropped. */
const noRightHere = z.literal('', { error: 'right-needs-two' }).optional();

const professionalInput = z.object({
	name: nameField(), organisation: z.string().min(1, 'required'), title: optional, phone: optional, email: optional,
	username: usernameField(),
	// D1: rights are proposed and confirmed by two administrators (rights.ts), never set here.
	authority: noRightHere,
	manager: noRightHere
});

/**
 * A professional and their account with a temporary password, to be changed at first
 * sign-in; `by`, the administrator, is logged. The account has no rights (D1).
 */
export async function createProfessional(db: Db, input: unknown, by: string): Promise<AccountResult> {
	const parsed = professionalInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const p = parsed.data;
	const id = newId('pro');
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	return db.transaction((tx): AccountResult => {
		if (!tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, p.organisation)).get()) {
			return { ok: false, status: 400, message: 'invalid', issues: { organisation: 'unknown' } };
		}
		if (tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, p.username)).get()) {
			return { ok: false, status: 400, message: 'invalid', issues: { username: 'taken' } };
		}
		tx.insert(professionals).values({ id, name: p.name, organisationId: p.organisation, title: p.title ?? '', phone: p.phone, email: p.email }).run();
		tx.insert(accounts).values({ id: `pro:${id}`, username: p.username, passwordHash, kind: 'professional', professionalId: id, mustChangePassword: true }).run();
		appendAdministrationLog(tx, { administratorId: by, action: 'create-professional', accountId: `pro:${id}` });
		return { ok: true, id, temporaryPassword: password };
	});
}

/** Deactivating ends every session of the account at once; its history stays. `by` is logged. */
export function setAccountActive(db: Db, accountId: string, active: boolean, by: string): AccountResult {
	return db.transaction((tx): AccountResult => {
		const found = tx.select({ id: accounts.id, kind: accounts.kind }).from(accounts).where(eq(accounts.id, accountId)).get();
		if (!found || found.kind !== 'professional') return { ok: false, status: 404, message: 'not-found' };
		tx.update(accounts).set({ active }).where(eq(accounts.id, accountId)).run();
		if (!active) tx.delete(sessions).where(eq(sessions.accountId, accountId)).run();
		appendAdministrationLog(tx, { administratorId: by, action: active ? 'activate' : 'deactivate', accountId });
		return { ok: true, id: accountId };
	});
}

/** A new temporary password, shown once to the administrator; the person must change it. `by` is logged. */
export async function resetPassword(db: Db, accountId: string, by: string): Promise<AccountResult> {
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	return db.transaction((tx): AccountResult => {
		const found = tx.select({ id: accounts.id, kind: accounts.kind }).from(accounts).where(eq(accounts.id, accountId)).get();
		if (!found || found.kind !== 'professional') return { ok: false, status: 404, message: 'not-found' };
		tx.update(accounts).set({ passwordHash, mustChangePassword: true }).where(eq(accounts.id, accountId)).run();
		tx.delete(sessions).where(eq(sessions.accountId, accountId)).run();
		appendAdministrationLog(tx, { administratorId: by, action: 'reset-password', accountId });
		const rightsRemoved = dropRightsForReset(tx, by, accountId);
		return { ok: true, id: accountId, temporaryPassword: password, rightsRemoved };
	});
}

const changeInput = z.object({
	current: z.string().min(1, 'required').max(MAX_PASSWORD_LENGTH),
	next: z.string().min(MIN_PASSWORD_LENGTH, 'password-short').max(MAX_PASSWORD_LENGTH, 'too-long'),
	repeat: z.string()
}).refine((v) => v.next === v.repeat, { message: 'password-mismatch', path: ['repeat'] })
	.refine((v) => v.next !== v.current, { message: 'password-same', path: ['next'] });

/**
 * The person's own change: the current password, then a new one twice. Other sessions
 * end (a reset password may have been seen); this one goes on.
 */
export async function changePassword(db: Db, accountId: string, keepSessionId: string, input: unknown): Promise<AccountResult> {
	const parsed = changeInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const found = db.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, accountId)).get();
	if (!found) return { ok: false, status: 404, message: 'not-found' };
	if (!(await verifyPassword(found.passwordHash, parsed.data.current))) return { ok: false, status: 400, message: 'invalid', issues: { current: 'password-wrong' } };
	const passwordHash = await hashPassword(parsed.data.next);
	return db.transaction((tx): AccountResult => {
		// The check above awaited argon2: write only if the password checked is still the one stored.
		const still = tx.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, accountId)).get();
		if (still?.passwordHash !== found.passwordHash) return { ok: false, status: 400, message: 'invalid', issues: { current: 'password-wrong' } };
		tx.update(accounts).set({ passwordHash, mustChangePassword: false }).where(eq(accounts.id, accountId)).run();
		tx.run(sql`DELETE FROM sessions WHERE account_id = ${accountId} AND id <> ${keepSessionId}`);
		return { ok: true };
	});
}

/** The professional accounts for the administrator's list: no family data. */
export function listAccounts(db: Db) {
	return db.select({ accountId: accounts.id, username: accounts.username, active: accounts.active, mustChangePassword: accounts.mustChangePassword,
		professionalId: professionals.id, name: professionals.name, organisationId: professionals.organisationId,
		authority: professionals.authority, manager: professionals.manager })
		.from(accounts).innerJoin(professionals, eq(professionals.id, accounts.professionalId))
		.where(and(eq(accounts.kind, 'professional'))).all();
}
