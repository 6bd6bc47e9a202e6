/**
 * P4 and P6: who is entitled to decide for a subject, and whether consent is effective.
 */
import { periodCovers } from '../time';
import type { FamilyFacts } from './facts';
import type { ConsentRecord, ProfessionalPrincipal } from './types';

/**
 * P6: the family members whose decisions count for `subject` today (null = family-level
 * items). Custodians decide together, so every one of them is needed.
 */
export function entitledFor(facts: FamilyFacts, subject: string | null): string[] {
	if (subject === null) {
		return facts.record.members
			.filter((m) => facts.isAdult(m.id) && !facts.blockedForFamily(m.id))
			.map((m) => m.id);
	}
	if (!facts.member(subject)) return [];
	if (facts.isAdult(subject) || facts.isMatureChild(subject)) return [subject];
	return facts.custodiansOf(subject).filter(
		(custodian) => !facts.blockedForChild(custodian, subject) && !facts.blockedForFamily(custodian)
	);
}

export function granteeMatches(consent: ConsentRecord, pro: Pick<ProfessionalPrincipal, 'professionalId' | 'organisationId'>): boolean {
	return consent.granteeProfessional === pro.professionalId || consent.granteeOrganisation === pro.organisationId;
}

/** A decision is in force today: its period covers today and it is not revoked on or before today. */
export function inForce(consent: ConsentRecord, today: string): boolean {
	return periodCovers(consent.from, consent.until, today) && !(consent.revoked !== null && consent.revoked <= today);
}

export type ConsentState =
	| { effective: true; grants: ConsentRecord[] }
	| { effective: false; reason: 'nobody-entitled' | 'refused' | 'missing'; refusals: ConsentRecord[]; grants: ConsentRecord[]; waitingFor: string[] };

/**
 * P4: consent is effective when every entitled person has a grant in force for the
 * category and a matching grantee, and no entitled person has such a refusal.
 */
export function consentState(
	facts: FamilyFacts,
	pro: Pick<ProfessionalPrincipal, 'professionalId' | 'organisationId'>,
	category: string,
	subject: string | null
): ConsentState {
	const entitled = entitledFor(facts, subject);
	if (entitled.length === 0) return { effective: false, reason: 'nobody-entitled', refusals: [], grants: [], waitingFor: [] };
	const relevant = facts.record.consents.filter(
		(c) =>
			c.subject === subject &&
			c.categories.includes(category as ConsentRecord['categories'][number]) &&
			entitled.includes(c.grantor) &&
			granteeMatches(c, pro) &&
			inForce(c, facts.clock.today)
	);
	const refusals = relevant.filter((c) => c.decision === 'refuse');
	const grants = relevant.filter((c) => c.decision === 'grant');
	const waitingFor = entitled.filter((person) => !grants.some((g) => g.grantor === person));
	if (refusals.length > 0) return { effective: false, reason: 'refused', refusals, grants, waitingFor };
	if (waitingFor.length > 0) return { effective: false, reason: 'missing', refusals, grants, waitingFor };
	return { effective: true, grants };
}
