/**
 * D1, separation of duties (the portal's own rule, issue #11 finding 8): the rights that
 * open family data to a professional without a team (P8 `authority`) or show outcome
 * figures (O1 `manager`) are given by two administrators: one proposes, another
 * confirms, never the same one. A proposal lapses after PROPOSAL_DAYS. Taking a right
 * away only narrows access, so one administrator does it at once. An administrator
 * account is never a professional's (a CHECK on `accounts`), so no administrator holds
 * these rights and A1 holds.
 *
 * Pure decisions on facts the caller read; the writes are in rights.ts.
 */

/** How long a proposal waits for another administrator. */
export const PROPOSAL_DAYS = 7;

export type ProposalFacts = { proposedBy: string; state: 'open' | 'confirmed' | 'rejected' | 'withdrawn'; expiresAt: string };

/** What may be done to a proposal: confirm or reject it (another administrator), withdraw it (the proposer). */
export type ProposalStep = 'confirm' | 'reject' | 'withdraw';

export type DutyRefusal = 'closed' | 'expired' | 'own-proposal' | 'not-proposer';
export type DutyDecision = { allow: true } | { allow: false; reason: DutyRefusal };

const allowed: DutyDecision = { allow: true };
const refuse = (reason: DutyRefusal): DutyDecision => ({ allow: false, reason });

/** When a proposal made at `proposedAt` lapses. */
export function proposalExpiry(proposedAt: Date): Date {
	return new Date(proposedAt.getTime() + PROPOSAL_DAYS * 24 * 60 * 60 * 1000);
}

/** Open and not yet lapsed. */
export function proposalPending(proposal: ProposalFacts, now: Date): boolean {
	return proposal.state === 'open' && now.getTime() < Date.parse(proposal.expiresAt);
}

/**
 * D1: whether `administratorId` may take `step` on the proposal now. The proposer may
 * only withdraw; everyone else may only confirm or reject; nothing is done to a proposal
 * that is closed or has lapsed.
 */
export function decideProposalStep(proposal: ProposalFacts, administratorId: string, step: ProposalStep, now: Date): DutyDecision {
	if (proposal.state !== 'open') return refuse('closed');
	if (!proposalPending(proposal, now)) return refuse('expired');
	const own = proposal.proposedBy === administratorId;
	if (step === 'withdraw') return own ? allowed : refuse('not-proposer');
	return own ? refuse('own-proposal') : allowed;
}
