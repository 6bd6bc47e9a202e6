/**
 * The one decision point: `decide(facts, principal, action)` answers every read and write
 * of family data with allow or deny and the POLICY.md rule ids behind it. Whatever the
 * switch does not name is denied.
 */
import type { FamilyFacts } from './facts';
import {
	memberReadsBasic, memberReadsVoice, proReadsBasic, proReadsVoice, readsBlock, readsCategory, readsConsent,
	readsEmergency, readsInvitation, readsMeeting, readsServiceUnit, readsStatistics, standingOf, type Standing, type SubjectCategory
} from './read';
import { decideWrite, taskSubject, type WriteAction } from './write';
import {
	allow, deny,
	type AssessmentRecord, type SafetySignalRecord, type BlockRecord, type ConsentRecord, type Decision, type EmergencyRecord, type GoalRecord,
	type ConsultationRecord, type TagRecord, type InvitationRecord, type MeetingRecord, type Principal, type ServiceRecord, type TaskRecord, type VoiceRecord
} from './types';

export type ReadAction =
	| { type: 'read.basic' }
	| { type: 'read.category'; category: SubjectCategory; subject: string | null }
	| { type: 'read.service'; service: ServiceRecord }
	| { type: 'read.serviceUnit'; service: ServiceRecord }
	| { type: 'read.goal'; goal: GoalRecord }
	| { type: 'read.task'; task: TaskRecord }
	| { type: 'read.assessment'; assessment: AssessmentRecord }
	| { type: 'read.voice'; voice: VoiceRecord }
	| { type: 'read.consent'; consent: ConsentRecord }
	| { type: 'read.block'; block: BlockRecord }
	| { type: 'read.invitation'; invitation: InvitationRecord }
	| { type: 'read.emergency'; emergency: EmergencyRecord }
	| { type: 'read.safetySignal'; signal: SafetySignalRecord }
	| { type: 'read.meeting'; meeting: MeetingRecord }
	| { type: 'read.statistics'; from: string; until: string }
	| { type: 'read.consultation'; consultation: ConsultationRecord }
	| { type: 'read.consultationAnswer'; consultation: ConsultationRecord }
	| { type: 'read.tag'; tag: TagRecord }
	| { type: 'read.taggedItem'; kind: TagRecord['itemKind']; itemId: string };

export type Action = ReadAction | WriteAction;

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

const categoryDecisions = new WeakMap<FamilyFacts, Map<string, Decision>>();

/**
 * A subject's category is decided once per request and principal: every item of that
 * subject and category shares the answer (and its consent computation).
 */
function decideCategory(facts: FamilyFacts, who: Principal, standing: Standing | null, category: SubjectCategory, subject: string | null): Decision {
	let memo = categoryDecisions.get(facts);
	if (!memo) categoryDecisions.set(facts, (memo = new Map()));
	const key = `${principalKey(who)}|${category}|${subject}`;
	let decision = memo.get(key);
	if (!decision) memo.set(key, (decision = readsCategory(facts, who, standing, category, subject)));
	return decision;
}

function principalKey(who: Principal): string {
	return who.kind === 'member' ? `m:${who.memberId}` : who.kind === 'professional' ? `p:${who.professionalId}` : `a:${who.administratorId}`;
}

/** The read decision of a tagged item, found by its kind and id; a missing item is denied. */
function readsTaggedItem(facts: FamilyFacts, who: Principal, kind: TagRecord['itemKind'], itemId: string): Decision {
	const r = facts.record;
	const find = <T extends { id: string }>(list: T[]) => list.find((x) => x.id === itemId);
	const service = kind === 'service' ? find(r.services) : undefined;
	if (service) return decide(facts, who, { type: 'read.service', service });
	const goal = kind === 'goal' ? find(r.goals) : undefined;
	if (goal) return decide(facts, who, { type: 'read.goal', goal });
	const task = kind === 'task' ? find(r.tasks) : undefined;
	if (task) return decide(facts, who, { type: 'read.task', task });
	const assessment = kind === 'assessment' ? find(r.assessments) : undefined;
	if (assessment) return decide(facts, who, { type: 'read.assessment', assessment });
	const voice = kind === 'voice' ? find(r.voice) : undefined;
	if (voice) return decide(facts, who, { type: 'read.voice', voice });
	const consultation = kind === 'consultation' ? find(r.consultations) : undefined;
	if (consultation) return decide(facts, who, { type: 'read.consultation', consultation });
	return deny();
}

export function decide(facts: FamilyFacts, who: Principal, action: Action): Decision {
	if (who.kind === 'administrator') return deny('A1');
	if (who.kind === 'member' && !facts.member(who.memberId)) return deny('M8');
	const standing = standingFor(facts, who);
	const readsCategory = (category: SubjectCategory, subject: string | null) => decideCategory(facts, who, standing, category, subject);
	switch (action.type) {
		case 'read.basic':
			return who.kind === 'member' ? memberReadsBasic(facts, who) : proReadsBasic(facts, who, standing!);
		case 'read.category':
			return readsCategory(action.category, action.subject);
		case 'read.service':
			return readsCategory('services', action.service.subject);
		case 'read.serviceUnit': {
			const service = readsCategory('services', action.service.subject);
			return service.allow ? readsServiceUnit(facts, who, standing, action.service) : service;
		}
		case 'read.goal':
			return readsCategory('plan', action.goal.subject);
		case 'read.task':
			return readsCategory('plan', taskSubject(facts, action.task));
		case 'read.assessment':
			return readsCategory('assessment', action.assessment.subject);
		case 'read.voice':
			return who.kind === 'member' ? memberReadsVoice(facts, who, action.voice) : proReadsVoice(standing!, action.voice);
		case 'read.consent':
			return readsConsent(facts, who, standing, action.consent);
		case 'read.block':
			return readsBlock(who, standing, action.block);
		case 'read.invitation':
			return readsInvitation(facts, who, standing, action.invitation);
		case 'read.emergency':
			return readsEmergency(who, standing, action.emergency);
		case 'read.consultation':
			// The team's notes on the child are assessment data (P3, P4, P8; M0 keeps them from the family).
			return readsCategory('assessment', action.consultation.subject);
		case 'read.consultationAnswer':
			// The answer to the family is plan data about the child (M1, M3, M5, M10; P3, P4, P8).
			return readsCategory('plan', action.consultation.subject);
		case 'read.taggedItem':
			return readsTaggedItem(facts, who, action.kind, action.itemId);
		case 'read.tag': {
			// T1: the sender, the recipient and the coordinator, each only while they may see the item.
			const { tag } = action;
			if (who.kind !== 'professional' || !standing?.role) return deny('T1');
			const party = tag.from.id === who.professionalId || tag.to.id === who.professionalId || standing.role === 'coordinator';
			if (!party) return deny('T1');
			const item = readsTaggedItem(facts, who, tag.itemKind, tag.itemId);
			return item.allow ? allow(['T1', ...item.rules], item.consents) : deny('T1', ...item.rules);
		}
		case 'tag.create': {
			// T1: between active team members who both may see the item.
			if (who.kind !== 'professional' || !standing?.role) return deny('T1');
			const recipient = facts.activeTeam.find((t) => t.professional.id === action.to)?.professional;
			if (!recipient || recipient.id === who.professionalId) return deny('T1');
			const asRecipient: Principal = { kind: 'professional', professionalId: recipient.id, organisationId: recipient.organisationId, authority: recipient.authority, name: recipient.name };
			const mine = readsTaggedItem(facts, who, action.kind, action.itemId);
			const theirs = readsTaggedItem(facts, asRecipient, action.kind, action.itemId);
			return mine.allow && theirs.allow ? allow(['T1', ...mine.rules], mine.consents) : deny('T1');
		}
		case 'tag.handle':
			if (who.kind !== 'professional' || action.tag.handled !== null) return deny('T1');
			return action.tag.to.id === who.professionalId || standing?.role === 'coordinator' ? allow(['T1']) : deny('T1');
		case 'read.statistics':
			return readsStatistics(facts, who, action.from, action.until);
		case 'read.meeting':
			return readsMeeting(facts, who, standing, action.meeting);
		case 'read.safetySignal':
			// S1: the sender and the coordinator, nobody else (no custody, consent or emergency reaches it).
			if (who.kind === 'member') return who.memberId === action.signal.member ? allow(['S1']) : deny('S1');
			return standing?.role === 'coordinator' ? allow(['S1']) : deny('S1');
		default:
			return action.type.startsWith('read.') ? deny() : decideWrite(facts, who, action as WriteAction);
	}
}
