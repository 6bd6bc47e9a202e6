/**
 * A family comes into the portal: a child-welfare professional starts it and becomes its
 * coordinator, adds its members, and gives each a single-use, expiring sign-in code with
 * which the member creates their own sign-in. No password is ever sent around; only
 * the SHA-256 of a code is kept.
 */
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db';
import { preparedOnce } from './db/prepared';
import type { OrganisationKind } from '../domain';
import type { Tx } from './writes/skeleton';
import * as t from './db/schema';
import { familyFacts, currentClock } from './family-access';
import { invalid, newId, type WriteResult } from './write-result';
import { decide } from './policy/decide';
import type { Clock, ProfessionalPrincipal } from './policy/types';
import { hashPassword, MAX_PASSWORD_LENGTH } from './password';
import { isIsoDate } from './time';
import { MIN_PASSWORD_LENGTH } from './accounts';
import { nameField, usernameField } from './names';

export const CODE_VALID_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whole-family and member names: readable, NFC, no control or direction characters (names.ts). */
const name = nameField();
/** Read-then-write transactions take the write lock first, so that no other connection writes between the read and the write. */
const WRITE_LOCK = { behavior: 'immediate' } as const;
const FORBIDDEN = { ok: false, status: 403, message: 'forbidden' } as const;

/** The kind of the professional's organisation, the one fact `family.start` is decided on. */
function organisationKindOf(db: Db | Tx, who: ProfessionalPrincipal): OrganisationKind | null {
	return db.select({ kind: t.organisations.kind }).from(t.organisations).where(eq(t.organisations.id, who.organisationId)).get()?.kind ?? null;
}

/** Whether the professional may start a family (the /pro page offers the form only then). */
export function mayStartFamily(db: Db, who: ProfessionalPrincipal): boolean {
	return decide(null, who, { type: 'family.start', organisationKind: organisationKindOf(db, who) }).allow;
}

/** Only child welfare starts a family: it holds the statutory client relationship (P3); `decide` says so. */
export function startFamily(db: Db, who: ProfessionalPrincipal, input: unknown, clock: Clock = currentClock()): WriteResult {
	const parsed = z.object({ name }).safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const id = newId('fam');
	return db.transaction((tx): WriteResult => {
		if (!decide(null, who, { type: 'family.start', organisationKind: organisationKindOf(tx, who) }).allow) return FORBIDDEN;
		tx.insert(t.families).values({ id, name: parsed.data.name, stage: 'referral', path: [{ stage: 'referral', from: clock.today }] }).run();
		tx.insert(t.teamMemberships).values({ familyId: id, professionalId: who.professionalId, role: 'coordinator', from: clock.today }).run();
		return { ok: true, id };
	}, WRITE_LOCK);
}

const checkbox = z.union([z.literal('on'), z.literal('')]).optional().transform((v) => v === 'on');
const memberInput = z.object({
	name,
	birthDate: z.string().refine(isIsoDate, 'date'),
	language: z.string().trim().max(20).optional().transform((v) => v || null)
		.refine((v) => v === null || /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v), 'language'),
	interpreter: checkbox,
	protectedIdentity: checkbox,
	custodians: z.array(z.string().max(64)).default([])
});

/** The coordinator adds a member (W5); custodians are adult members of the same family. */
export function addMember(db: Db, who: ProfessionalPrincipal, familyId: string, input: unknown, clock: Clock = currentClock()): WriteResult {
	const parsed = memberInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const m = parsed.data;
	if (m.birthDate > clock.today) return { ok: false, status: 400, message: 'invalid', issues: { birthDate: 'future' } };
	const id = newId('m');
	// The family is read on this connection inside the transaction: the decision and the write see the same family.
	return db.transaction((tx): WriteResult => {
		const facts = familyFacts(db, who, familyId, clock);
		if (!facts) return { ok: false, status: 404, message: 'not-found' };
		if (!decide(facts, who, { type: 'member.add' }).allow) return FORBIDDEN;
		if (m.custodians.some((c) => !facts.member(c) || !facts.isAdult(c))) return { ok: false, status: 400, message: 'invalid', issues: { custodians: 'unknown' } };
		tx.insert(t.members).values({
			id, familyId, name: m.name, birthDate: m.birthDate, language: m.language, interpreter: m.interpreter, protectedIdentity: m.protectedIdentity
		}).run();
		for (const custodianId of new Set(m.custodians)) tx.insert(t.custody).values({ childId: id, custodianId }).run();
		return { ok: true, id };
	}, WRITE_LOCK);
}

/** Twelve letters and digits in three groups: easy to read out, 60 bits to guess. */
function newCode(): string {
	const bytes = new Uint8Array(8);
	crypto.getRandomValues(bytes);
	return encodeBase32UpperCaseNoPadding(bytes).slice(0, 12).match(/.{4}/g)!.join('-');
}

/** The stored form of a sign-in code: SHA-256 of its letters and digits, upper case (also read by oidc/link.ts). */
export const codeHash = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(code.toUpperCase().replace(/[^A-Z2-7]/g, ''))));

export type CodeResult = { ok: true; code: string; expiresAt: string } | Extract<WriteResult, { ok: false }>;

/**
 * A new sign-in code for a member without a sign-in (W5): shown once to the coordinator,
 * valid for seven days, single use; an earlier unused code of the member stops working.
 */
export function createSignInCode(db: Db, who: ProfessionalPrincipal, familyId: string, memberId: string, clock: Clock = currentClock()): CodeResult {
	const code = newCode();
	const expiresAt = new Date(clock.now.getTime() + CODE_VALID_DAYS * DAY_MS).toISOString();
	return db.transaction((tx): CodeResult => {
		const facts = familyFacts(db, who, familyId, clock);
		if (!facts) return { ok: false, status: 404, message: 'not-found' };
		// Decided before the member id is looked up: whoever may not give codes learns nothing of which ids exist.
		if (!decide(facts, who, { type: 'write.attempt', write: 'member.signInCode' }).allow) return FORBIDDEN;
		if (!facts.member(memberId)) return { ok: false, status: 404, message: 'not-found' };
		if (!decide(facts, who, { type: 'member.signInCode', member: memberId }).allow) return FORBIDDEN;
		if (tx.select({ id: t.accounts.id }).from(t.accounts).where(eq(t.accounts.memberId, memberId)).get()) {
			return { ok: false, status: 400, message: 'invalid', issues: { member: 'has-sign-in' } };
		}
		tx.delete(t.signInCodes).where(and(eq(t.signInCodes.memberId, memberId), isNull(t.signInCodes.usedAt))).run();
		tx.insert(t.signInCodes).values({ id: newId('code'), memberId, codeHash: codeHash(code), createdBy: who.professionalId, expiresAt }).run();
		return { ok: true, code, expiresAt };
	}, WRITE_LOCK);
}

/**
 * The members of a family who have a sign-in, told only to whom the policy lets give
 * sign-in codes (W5: the coordinator); anyone else gets an empty list.
 */
/** The coordinator's summary asks this on every view: built once. */
function membersWithAccountStatement(db: Db) {
	return db.select({ id: t.members.id }).from(t.members).innerJoin(t.accounts, eq(t.accounts.memberId, t.members.id))
		.where(eq(t.members.familyId, sql.placeholder('familyId'))).prepare();
}

export function membersWithSignIn(db: Db, who: ProfessionalPrincipal, familyId: string, clock: Clock = currentClock()): string[] {
	const facts = familyFacts(db, who, familyId, clock);
	if (!facts) return [];
	return preparedOnce(db, membersWithAccountStatement).all({ familyId }).map((r) => r.id)
		.filter((member) => decide(facts, who, { type: 'member.signInCode', member }).allow);
}

const redeemInput = z.object({
	code: z.string().trim().min(1, 'required').max(40),
	username: usernameField(),
	password: z.string().min(MIN_PASSWORD_LENGTH, 'password-short').max(MAX_PASSWORD_LENGTH, 'too-long'),
	repeat: z.string()
}).refine((v) => v.password === v.repeat, { message: 'password-mismatch', path: ['repeat'] });

export type RedeemResult = { ok: true; accountId: string } | { ok: false; status: 400; message: string; issues: Record<string, string> };

const CODE_INVALID = { ok: false, status: 400, message: 'invalid', issues: { code: 'code-invalid' } } as const;
const USERNAME_TAKEN = { ok: false, status: 400, message: 'invalid', issues: { username: 'taken' } } as const;

/** The code with this hash if it is unused and unexpired, else undefined. */
export function usableCode(db: Db | Tx, hash: string, now: Date) {
	const found = db.select().from(t.signInCodes).where(eq(t.signInCodes.codeHash, hash)).get();
	return found && found.usedAt === null && Date.parse(found.expiresAt) > now.getTime() ? found : undefined;
}

/**
 * SQLite's answer when the unique index on `accounts.username` refused a row: the only
 * failure that means "taken". Anything else (a full disk, another constraint) is a fault
 * of ours, not the member's, and must not be dressed up as one.
 */
export function isUsernameClash(error: unknown): boolean {
	return error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
		&& error.message.includes('accounts.username');
}

/**
 * The member creates their sign-in with a code: the code must be unused and unexpired,
 * and is used up in the same transaction that creates the account.
 */
export async function redeemSignInCode(db: Db, input: unknown, now: Date = new Date()): Promise<RedeemResult> {
	const parsed = redeemInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const r = parsed.data;
	const hash = codeHash(r.code);
	// Refused before the costly hashing where the answer is already clear; asked again below.
	if (!usableCode(db, hash, now)) return CODE_INVALID;
	if (db.select({ id: t.accounts.id }).from(t.accounts).where(eq(t.accounts.username, r.username)).get()) return USERNAME_TAKEN;
	const passwordHash = await hashPassword(r.password);
	try {
		return db.transaction((tx): RedeemResult => {
			// Read again with the write lock held: another request may have used the code while we hashed.
			const found = usableCode(db, hash, now);
			if (!found) return CODE_INVALID;
			const used = tx.update(t.signInCodes).set({ usedAt: now.toISOString() })
				.where(and(eq(t.signInCodes.id, found.id), isNull(t.signInCodes.usedAt))).run();
			if (used.changes !== 1) return CODE_INVALID;
			// The username was free before hashing; the unique index decides a race, and the throw rolls the code back to unused.
			const accountId = `mem:${found.memberId}`;
			tx.insert(t.accounts).values({ id: accountId, username: r.username, passwordHash, kind: 'member', memberId: found.memberId }).run();
			return { ok: true, accountId };
		}, WRITE_LOCK);
	} catch (error) {
		if (isUsernameClash(error)) return USERNAME_TAKEN;
		throw error;
	}
}
