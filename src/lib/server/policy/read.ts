/**
 * Read decisions of POLICY.md: for each kind of resource, who may see it and by which
 * rule. Anything not allowed here is denied.
 */
import { unhandled } from './preamble';
import { consentState, granteeMatches } from './consent';
import type { FamilyFacts } from './facts';
import {
	allow, deny,
	type BlockRecord, type ConsentRecord, type Decision, type EmergencyRecord, type InvitationRecord, type MeetingRecord,
	type MemberPrincipal, type Principal, type ProfessionalPrincipal, type ServiceRecord, type VoiceRecord
} from './types';

/** Categories decided per subject: `basic` and `voice` have rules of their own. */
export type SubjectCategory = 'services' | 'plan' | 'assessment';

/** What a professional stands on in this family today (P1). */
export type Standing = {
	role: 'coordinator' | 'member' | undefined;
	emergency: EmergencyRecord[];
	invitations: InvitationRecord[];
};

export function standingOf(facts: FamilyFacts, pro: ProfessionalPrincipal): Standing {
	return {
		role: facts.teamRole(pro.professionalId),
		emergency: pro.authority ? facts.openEmergencyBy(pro.professionalId) : [],
		invitations: facts.openInvitationsTo(pro.professionalId)
	};
}

export function hasStanding(s: Standing): boolean {
	return s.role !== undefined || s.emergency.length > 0 || s.invitations.length > 0;
}

// ---- family members -------------------------------------------------------------

/** M2, M6: family basics. */
export function memberReadsBasic(facts: FamilyFacts, me: MemberPrincipal): Decision {
	return facts.blockedForFamily(me.memberId) ? deny('M6') : allow(['M2']);
}

/**
 * M0, M1, M3, M5, M6, M7 (version 2), M8, M10 for one category of one subject (null =
 * family-level): family-level plan items only for a member with no active block at all.
 */
export function memberReadsCategory(facts: FamilyFacts, me: MemberPrincipal, category: SubjectCategory, subject: string | null): Decision {
	if (category === 'assessment') return deny('M0');
	if (subject === null) {
		if (category !== 'plan') return deny('M7');
		if (facts.blockedForFamily(me.memberId)) return deny('M6');
		// M7 (version 2): a child-scope block takes the family's goals away too: in a family with
		// violence they are about safety. The member's own tasks under them stay (M1, their subject).
		return facts.hasAnyBlock(me.memberId) ? deny('M7') : allow(['M7']);
	}
	if (subject === me.memberId) return allow(['M1']);
	if (facts.blockedForFamily(me.memberId) || facts.blockedForChild(me.memberId, subject)) return deny('M6');
	const custodian = facts.isCustodianOf(me.memberId, subject);
	const informationRight = facts.informationRightCategories(me.memberId, subject).includes(category);
	if (!custodian && !informationRight) return deny('M8');
	if (facts.isMatureChild(subject) && facts.member(subject)?.hiddenFromCustodians.includes(category)) return deny('M5');
	return allow([custodian ? 'M3' : 'M10']);
}

/** M1, M4, M6: a voice item is its author's; others see it only when shared with the family. */
export function memberReadsVoice(facts: FamilyFacts, me: MemberPrincipal, voice: VoiceRecord): Decision {
	if (voice.author === me.memberId) return allow(['M1']);
	if (!voice.shareWithFamily) return deny('M4');
	if (facts.blockedForFamily(me.memberId) || facts.blockedForChild(me.memberId, voice.author)) return deny('M6');
	return allow(['M4']);
}

// ---- professionals --------------------------------------------------------------

/** P1, P2, P7, P8. */
export function proReadsBasic(facts: FamilyFacts, pro: ProfessionalPrincipal, standing: Standing): Decision {
	if (standing.role) return allow(['P2']);
	if (standing.emergency.length > 0) return allow(['P8']);
	if (standing.invitations.length > 0) {
		const consent = consentState(facts, pro, 'basic', null);
		return consent.effective ? allow(['P7'], consent.grants.map((g) => g.id)) : deny('P7');
	}
	return deny('P1');
}

/** P1, P3, P4, P8 (P9: blocks play no part here). */
export function proReadsCategory(
	facts: FamilyFacts, pro: ProfessionalPrincipal, standing: Standing, category: SubjectCategory, subject: string | null
): Decision {
	if (standing.role === 'coordinator') return allow(['P3']);
	if (standing.role === 'member') {
		const consent = consentState(facts, pro, category, subject);
		if (consent.effective) return allow(['P4'], consent.grants.map((g) => g.id));
	}
	if (standing.emergency.length > 0) return allow(['P8']);
	return deny(standing.role ? 'P4' : 'P1');
}

/** P5: voice reaches a professional only by its author's sharing with the team. */
export function proReadsVoice(standing: Standing, voice: VoiceRecord): Decision {
	if (!standing.role) return deny('P5');
	return voice.shareWithTeam ? allow(['P5']) : deny('P5');
}

// ---- both -----------------------------------------------------------------------

/** Reads of one subject's category by anyone; administrators see no family data (A1). */
export function readsCategory(facts: FamilyFacts, who: Principal, standing: Standing | null, category: SubjectCategory, subject: string | null): Decision {
	switch (who.kind) {
		case 'member':
			return memberReadsCategory(facts, who, category, subject);
		case 'professional':
			return standing ? proReadsCategory(facts, who, standing, category, subject) : deny('P1');
		case 'administrator':
			return deny('A1');
		default:
			return unhandled(who);
	}
}

/**
 * M9: the unit of a service whose subject has a protected identity, for someone who
 * already may see the service.
 */
export function readsServiceUnit(facts: FamilyFacts, who: Principal, standing: Standing | null, service: ServiceRecord): Decision {
	if (!facts.member(service.subject)?.protectedIdentity) return allow(['M9']);
	if (who.kind === 'member') {
		if (who.memberId === service.subject) return allow(['M9']);
		const asCustodian = memberReadsCategory(facts, who, 'services', service.subject);
		return asCustodian.allow && asCustodian.rules.some((r) => r === 'M3' || r === 'M10') ? allow(['M9']) : deny('M9');
	}
	if (who.kind === 'professional') {
		if (standing?.role === 'coordinator' || service.contact?.id === who.professionalId) return allow(['M9']);
	}
	return deny('M9');
}

/**
 * A meeting (when, who comes) is family-level `basic` data: M2/P2/P7/P8 as for basic.
 * M6: a member blocked for a child does not see the meetings that child takes part in,
 * since they would tell where the child will be and when.
 */
export function readsMeeting(facts: FamilyFacts, who: Principal, standing: Standing | null, meeting: MeetingRecord): Decision {
	if (who.kind === 'member') {
		const basic = memberReadsBasic(facts, who);
		if (!basic.allow) return basic;
		return meeting.members.some((m) => facts.blockedForChild(who.memberId, m)) ? deny('M6') : basic;
	}
	if (who.kind === 'professional' && standing) return proReadsBasic(facts, who, standing);
	return deny(who.kind === 'administrator' ? 'A1' : 'P1');
}

/**
 * O1 (the portal's own): a manager counts a family in the outcome figures when a
 * professional of the manager's organisation was its coordinator at some time in the
 * period [from, until). Only numbers leave the server, small ones suppressed.
 */
export function readsStatistics(facts: FamilyFacts, who: Principal, from: string, until: string): Decision {
	if (who.kind !== 'professional' || !who.manager) return deny('O1');
	const coordinated = facts.record.team.some((t) => t.role === 'coordinator' && t.professional.organisationId === who.organisationId
		&& t.from < until && (t.until === null || t.until > from));
	return coordinated ? allow(['O1']) : deny('O1');
}

/** C1: consents and refusals. */
export function readsConsent(facts: FamilyFacts, who: Principal, standing: Standing | null, consent: ConsentRecord): Decision {
	if (who.kind === 'member') {
		const subject = consent.subject;
		if (subject === who.memberId) return allow(['C1']);
		// M6 dominates C1: a blocked member sees nothing whose subject is the child, even a consent they granted.
		if (facts.blockedForFamily(who.memberId) || (subject !== null && facts.blockedForChild(who.memberId, subject))) return deny('M6');
		if (consent.grantor === who.memberId) return allow(['C1']);
		if (subject === null || !facts.isCustodianOf(who.memberId, subject)) return deny('C1');
		const hidden = facts.isMatureChild(subject) ? (facts.member(subject)?.hiddenFromCustodians ?? []) : [];
		return consent.categories.some((c) => (hidden as string[]).includes(c)) ? deny('M5') : allow(['C1']);
	}
	if (who.kind === 'professional' && standing) {
		if (standing.role === 'coordinator') return allow(['C1']);
		if (standing.role === 'member' && granteeMatches(consent, who)) return allow(['C1']);
	}
	return deny('C1');
}

/** B1: blocks are for the team, never for family members. */
export function readsBlock(who: Principal, standing: Standing | null, _block: BlockRecord): Decision {
	return who.kind === 'professional' && standing?.role ? allow(['B1']) : deny('B1');
}

/** P7: the coordinator and the inviter on the team see an invitation; the invitee while it is open and consented. */
export function readsInvitation(facts: FamilyFacts, who: Principal, standing: Standing | null, invitation: InvitationRecord): Decision {
	if (who.kind !== 'professional' || !standing) return deny('P7');
	if (standing.role === 'coordinator') return allow(['P7']);
	if (standing.role && invitation.from.id === who.professionalId) return allow(['P7']);
	if (invitation.to.id === who.professionalId && facts.isInvitationOpen(invitation)) {
		const basic = proReadsBasic(facts, who, { role: undefined, emergency: [], invitations: [invitation] });
		if (basic.allow) return basic;
	}
	return deny('P7');
}

/** P8: emergency accesses are reviewed by the coordinator; the opener sees their own. */
export function readsEmergency(who: Principal, standing: Standing | null, emergency: EmergencyRecord): Decision {
	if (who.kind !== 'professional' || !standing) return deny('P8');
	if (standing.role === 'coordinator' || emergency.professional.id === who.professionalId) return allow(['P8']);
	return deny('P8');
}

const standings = new WeakMap<FamilyFacts, Map<string, Standing>>();

/** A professional's standing in the family, computed once per facts (that is, per request). */
export function standingFor(facts: FamilyFacts, who: Principal): Standing | null {
	if (who.kind !== 'professional') return null;
	let byPro = standings.get(facts);
	if (!byPro) standings.set(facts, (byPro = new Map()));
	let standing = byPro.get(who.professionalId);
	if (!standing) byPro.set(who.professionalId, (standing = standingOf(facts, who)));
	return standing;
}
