/**
 * What a young person's guardians see of her today, asked of the policy person by person,
 * so that the sentence on her page ("your guardian Amal sees your services, not your
 * plan: you hid it") is the decision itself, never a guess beside it.
 */
import { decide } from './decide';
import type { FamilyFacts } from './facts';
import type { Decision, MemberPrincipal, MeetingRecord, VoiceRecord } from './types';
import type { GuardianSight, GuardianTopic } from './view-types';

/** What a guardian may see of the child, in the order the sentence names it. */
const TOPICS: GuardianTopic[] = ['services', 'plan', 'meetings', 'sharedVoice', 'teamVoice'];

/** A voice item of the child's as it would be if she wrote it today with this sharing. */
function draftVoice(child: string, today: string, shareWithFamily: boolean, shareWithTeam: boolean): VoiceRecord {
	return {
		id: '', author: child, kind: 'view', text: '', shareWithFamily, shareWithTeam, created: today,
		meeting: null, goal: null, consultation: null, feeling: null, answers: null, score: null
	};
}

/** A meeting the child takes part in: meetings are basic data, and M6 keeps a blocked parent from them. */
function draftMeeting(child: string, now: Date): MeetingRecord {
	return { id: '', start: now.toISOString(), title: null, members: [child], professionals: [], place: null, interpreterBooked: [] };
}

function decisionFor(facts: FamilyFacts, reader: MemberPrincipal, child: string, topic: GuardianTopic): Decision {
	switch (topic) {
		case 'services':
		case 'plan':
			return decide(facts, reader, { type: 'read.category', category: topic, subject: child });
		case 'meetings':
			return decide(facts, reader, { type: 'read.meeting', meeting: draftMeeting(child, facts.clock.now) });
		case 'sharedVoice':
			return decide(facts, reader, { type: 'read.voice', voice: draftVoice(child, facts.clock.today, true, false) });
		case 'teamVoice':
			return decide(facts, reader, { type: 'read.voice', voice: draftVoice(child, facts.clock.today, false, true) });
	}
}

/**
 * For a young person who may hide things from her custodians (M5): each custodian or
 * holder of an information right (M10), with what the policy lets them see of her today
 * and what not (`hidden`: because she hid it). A parent whom a block keeps from her (M6)
 * is left out: blocks are for the team (B1), and the list must not tell of one.
 */
export function guardiansSeeOf(facts: FamilyFacts, child: string): GuardianSight[] {
	const guardians = facts.record.members.filter((m) => m.id !== child
		&& (facts.isCustodianOf(m.id, child) || facts.informationRightCategories(m.id, child).length > 0));
	const sights: GuardianSight[] = [];
	for (const guardian of guardians) {
		const reader: MemberPrincipal = { kind: 'member', memberId: guardian.id, familyId: facts.record.id, name: guardian.name };
		const decisions = TOPICS.map((topic) => ({ topic, decision: decisionFor(facts, reader, child, topic) }));
		if (decisions.some(({ decision }) => !decision.allow && decision.rules.includes('M6'))) continue;
		sights.push({
			id: guardian.id, name: guardian.name,
			relation: facts.isCustodianOf(guardian.id, child) ? 'custodian' : 'informationRight',
			sees: decisions.filter(({ decision }) => decision.allow).map(({ topic }) => topic),
			notSees: decisions.filter(({ decision }) => !decision.allow)
				.map(({ topic, decision }) => ({ topic, hidden: decision.rules.includes('M5') }))
		});
	}
	return sights;
}
