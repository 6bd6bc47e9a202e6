/**
 * D1, separation of duties: the rights `authority` (P8 emergency access) and `manager`
 * (O1 outcome figures) are given to a professional by two administrators. One proposes,
 * another confirms or rejects, the proposer may withdraw; a proposal lapses after
 * PROPOSAL_DAYS. Revoking takes one administrator and is immediate: it only narrows
 * access, and the session lookup reads the rights on every request.
 *
 * Every step reads and writes in one synchronous transaction and leaves one entry in the
 * administration log. No family data is read here (A1).
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db';
import { accounts, administrators, GRANTED_RIGHTS, professionals, rightProposals, type GrantedRight } from './db/schema';
import { appendAdministrationLog, type DbWriter } from './administration-log';
import { decideProposalStep, proposalExpiry, type ProposalStep } from './policy/duties';
import { invalid, newId, type WriteResult } from './write-result';

const rightInput = z.object({
	account: z.string('required').trim().min(1, 'required'),
	right: z.enum(GRANTED_RIGHTS, 'required')
});

type Target = { accountId: string; professionalId: string; holds: Record<GrantedRight, boolean> };

/** The professional account a form names, with the rights it holds; null for any other account. */
function professionalAccount(db: DbWriter, accountId: string): Target | null {
	const row = db.select({ accountId: accounts.id, professionalId: professionals.id, authority: professionals.authority, manager: professionals.manager })
		.from(accounts).innerJoin(professionals, eq(professionals.id, accounts.professionalId))
		.where(and(eq(accounts.id, accountId), eq(accounts.kind, 'professional'))).get();
	return row ? { accountId: row.accountId, professionalId: row.professionalId, holds: { authority: row.authority, manager: row.manager } } : null;
}

function setRight(db: DbWriter, professionalId: string, right: GrantedRight, value: boolean) {
	db.update(professionals).set(right === 'authority' ? { authority: value } : { manager: value }).where(eq(professionals.id, professionalId)).run();
}

const unknownAccount: WriteResult = { ok: false, status: 400, message: 'invalid', issues: { account: 'unknown' } };

/**
 * The part proposing and revoking share: the form's account and right, then, in one
 * transaction, the account's professional (an unknown one is a field error) for `body`.
 */
function onRightOf(db: Db, input: unknown, body: (tx: DbWriter, target: Target, right: GrantedRight) => WriteResult): WriteResult {
	const parsed = rightInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { account, right } = parsed.data;
	return db.transaction((tx) => {
		const target = professionalAccount(tx, account);
		return target ? body(tx, target, right) : unknownAccount;
	});
}

/**
 * D1, first step: `by` proposes giving the account's professional a right. Refused when
 * the professional already holds it or a proposal for it is already waiting.
 */
export function proposeRight(db: Db, by: string, input: unknown, now = new Date()): WriteResult {
	return onRightOf(db, input, (tx, target, right) => {
		if (target.holds[right]) return { ok: false, status: 400, message: 'invalid', issues: { right: 'right-held' } };
		const waiting = tx.select({ id: rightProposals.id }).from(rightProposals)
			.where(and(eq(rightProposals.professionalId, target.professionalId), eq(rightProposals.right, right),
				eq(rightProposals.state, 'open'), gt(rightProposals.expiresAt, now.toISOString()))).get();
		if (waiting) return { ok: false, status: 400, message: 'invalid', issues: { right: 'right-proposed' } };
		const id = newId('prop');
		tx.insert(rightProposals).values({
			id, professionalId: target.professionalId, right, proposedBy: by,
			proposedAt: now.toISOString(), expiresAt: proposalExpiry(now).toISOString()
		}).run();
		appendAdministrationLog(tx, { administratorId: by, action: 'propose', accountId: target.accountId, right, proposalId: id }, now);
		return { ok: true, id } satisfies WriteResult;
	});
}

const CLOSING_STATE = { confirm: 'confirmed', reject: 'rejected', withdraw: 'withdrawn' } as const;

/**
 * D1, second step: another administrator confirms (the right is given at once) or
 * rejects; the proposer withdraws. The policy decides who may take which step.
 */
export function decideProposal(db: Db, by: string, proposalId: string, step: ProposalStep, now = new Date()): WriteResult {
	return db.transaction((tx) => {
		const proposal = tx.select().from(rightProposals).where(eq(rightProposals.id, proposalId)).get();
		if (!proposal) return { ok: false, status: 404, message: 'not-found' } satisfies WriteResult;
		const decision = decideProposalStep(proposal, by, step, now);
		if (!decision.allow) return { ok: false, status: decision.reason === 'own-proposal' || decision.reason === 'not-proposer' ? 403 : 400, message: decision.reason };
		const account = tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.professionalId, proposal.professionalId)).get();
		if (!account) return { ok: false, status: 404, message: 'not-found' };
		if (step === 'confirm') setRight(tx, proposal.professionalId, proposal.right, true);
		tx.update(rightProposals).set({ state: CLOSING_STATE[step], decidedBy: by, decidedAt: now.toISOString() }).where(eq(rightProposals.id, proposalId)).run();
		appendAdministrationLog(tx, { administratorId: by, action: step, accountId: account.id, right: proposal.right, proposalId }, now);
		return { ok: true, id: proposalId };
	});
}

/** D1: one administrator takes a right away at once (it only narrows access). */
export function revokeRight(db: Db, by: string, input: unknown, now = new Date()): WriteResult {
	return onRightOf(db, input, (tx, target, right) => {
		if (!target.holds[right]) return { ok: false, status: 400, message: 'invalid', issues: { right: 'right-not-held' } } satisfies WriteResult;
		setRight(tx, target.professionalId, right, false);
		appendAdministrationLog(tx, { administratorId: by, action: 'revoke', accountId: target.accountId, right }, now);
		return { ok: true, id: target.accountId };
	});
}

/**
 * D1 and a password reset: the administrator who resets a password learns the new one
 * and could sign in as the professional, so the rights the account holds are taken away
 * in the same transaction (each logged); giving them back takes two administrators again.
 */
export function dropRightsForReset(tx: DbWriter, by: string, accountId: string, now = new Date()): GrantedRight[] {
	const target = professionalAccount(tx, accountId);
	if (!target) return [];
	const held = GRANTED_RIGHTS.filter((right) => target.holds[right]);
	for (const right of held) {
		setRight(tx, target.professionalId, right, false);
		appendAdministrationLog(tx, { administratorId: by, action: 'revoke', accountId, right }, now);
	}
	return held;
}

/** The proposals waiting for another administrator, oldest first: names and usernames only. */
export function listPendingProposals(db: Db, now = new Date()) {
	return db.select({
		id: rightProposals.id, right: rightProposals.right, proposedBy: rightProposals.proposedBy, proposedByName: administrators.name,
		proposedAt: rightProposals.proposedAt, expiresAt: rightProposals.expiresAt, state: rightProposals.state,
		accountId: accounts.id, username: accounts.username, professionalName: professionals.name
	})
		.from(rightProposals)
		.innerJoin(professionals, eq(professionals.id, rightProposals.professionalId))
		.innerJoin(accounts, eq(accounts.professionalId, rightProposals.professionalId))
		.leftJoin(administrators, eq(administrators.id, rightProposals.proposedBy))
		.where(and(eq(rightProposals.state, 'open'), gt(rightProposals.expiresAt, now.toISOString())))
		.orderBy(asc(rightProposals.proposedAt))
		.all();
}
