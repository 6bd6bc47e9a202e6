/** Who would read a member's new voice item, by sharing choice (W1): the sentence beside the choice. */
import { decide } from './decide';
import type { FamilyFacts } from './facts';
import type { Principal } from './types';
import type { VoiceAudience } from './view-types';

/**
 * The people who would read a new item of the member's voice shared with the family or
 * with the team, asked of the policy person by person, so that the sentence beside the
 * choice names exactly who that is today (blocks and team periods included).
 */
export function voiceAudienceOf(facts: FamilyFacts, who: Extract<Principal, { kind: 'member' }>): VoiceAudience {
	const draft = (shareWithFamily: boolean, shareWithTeam: boolean) => ({
		id: '', author: who.memberId, kind: 'view' as const, text: '', shareWithFamily, shareWithTeam, created: facts.clock.today,
		meeting: null, goal: null, consultation: null, feeling: null, answers: null, score: null
	});
	const family = facts.record.members
		.filter((m) => m.id !== who.memberId)
		.filter((m) => decide(facts, { kind: 'member', memberId: m.id, familyId: facts.record.id, name: m.name }, { type: 'read.voice', voice: draft(true, false) }).allow)
		.map((m) => m.name);
	const readers = facts.activeTeam.filter((t) => decide(facts, {
		kind: 'professional', professionalId: t.professional.id, organisationId: t.professional.organisationId,
		authority: t.professional.authority, name: t.professional.name
	}, { type: 'read.voice', voice: draft(false, true) }).allow);
	// M6: a blocked member is told the coordinator's name only, and that others read it too.
	const named = readers.filter((t) => facts.namesProfessionalTo(who, t.professional.id)).map((t) => t.professional.name);
	return { family, team: [...new Set(named)], othersInTeam: named.length < readers.length };
}
