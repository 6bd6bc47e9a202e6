/**
 * The one decision point: `decide(facts, principal, action)` answers every read and write
 * of family data with allow or deny and the POLICY.md rule ids behind it. Every switch
 * is exhaustive (a new action not decided is a type error); at run time an unknown one is denied.
 */
import type { FamilyFacts } from './facts';
import {
	memberReadsBasic, memberReadsVoice, proReadsBasic, proReadsVoice, readsBlock, readsCategory, readsConsent,
	readsEmergency, readsInvitation, readsMeeting, readsServiceUnit, readsStatistics, standingFor, type Standing, type SubjectCategory
} from './read';
import { outsider, unhandled } from './preamble';
import { decidesPrincipal, isPrincipalAction, type PrincipalAction } from './principal';
import { readsTag, type ReadsItem } from './tags';
import { readsThread } from './threads';
import { notifiesItem } from './notify';
import type { NotificationKind } from '../notifications/types';
import { decideWrite, taskSubject, type WriteAction } from './write';
import {
	allow, deny,
	type AssessmentRecord, type SafetySignalRecord, type BlockRecord, type ConsentRecord, type Decision, type EmergencyRecord, type GoalRecord,
	type ConsultationRecord, type TagRecord, type ThreadRecord, type InvitationRecord, type MeetingRecord, type Principal, type ProfessionalPrincipal, type ServiceRecord, type TaskRecord, type VoiceRecord
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
	| { type: 'read.calendarEntry'; meeting: MeetingRecord }
	| { type: 'read.statistics'; from: string; until: string }
	| { type: 'read.consultation'; consultation: ConsultationRecord }
	| { type: 'read.consultationAnswer'; consultation: ConsultationRecord }
	| { type: 'read.tag'; tag: TagRecord }
	| { type: 'read.taggedItem'; kind: TagRecord['itemKind']; itemId: string }
	| { type: 'read.thread'; thread: ThreadRecord }
	/** N2: may this person be told, now, that there is something new about this item? */
	| { type: 'notify.item'; kind: NotificationKind; itemId: string };

export type Action = ReadAction | WriteAction;
export type { PrincipalAction };
export { standingFor };

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

/** Every read action's type: what is not one of them is a write (or unknown, and denied). */
const READS: Record<ReadAction['type'], true> = {
	'read.basic': true, 'read.category': true, 'read.service': true, 'read.serviceUnit': true, 'read.goal': true, 'read.task': true,
	'read.assessment': true, 'read.voice': true, 'read.consent': true, 'read.block': true, 'read.invitation': true, 'read.emergency': true,
	'read.safetySignal': true, 'read.meeting': true, 'read.statistics': true, 'read.consultation': true, 'read.consultationAnswer': true,
	'read.tag': true, 'read.taggedItem': true, 'read.thread': true, 'notify.item': true, 'read.calendarEntry': true
};
const isRead = (action: Action): action is ReadAction => Object.hasOwn(READS, action.type);

/**
 * The decision of an action on a family's data, or (facts null) of a principal-level
 * action such as starting a family. Reads are decided here, writes in write.ts.
 */
export function decide(facts: FamilyFacts, who: Principal, action: Action): Decision;
export function decide(facts: null, who: Principal, action: PrincipalAction): Decision;
export function decide(facts: FamilyFacts | null, who: Principal, action: Action | PrincipalAction): Decision {
	if (isPrincipalAction(action)) return decidesPrincipal(who, action);
	if (!facts) return deny();
	const out = outsider(facts, who);
	if (out) return out;
	const readsItem: ReadsItem = (reader, kind, itemId) => readsTaggedItem(facts, reader, kind, itemId);
	if (!isRead(action)) return decideWrite(facts, who, action, readsItem);
	const standing = standingFor(facts, who);
	const readsCategory = (category: SubjectCategory, subject: string | null) => decideCategory(facts, who, standing, category, subject);
	switch (action.type) {
		case 'read.basic':
			// (An administrator was denied by the preamble: `standing` is a professional's here.)
			return who.kind === 'member' ? memberReadsBasic(facts, who) : proReadsBasic(facts, who as ProfessionalPrincipal, standing!);
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
		case 'read.tag':
			return readsTag(facts, who, action.tag, readsItem);
		case 'read.statistics':
			return readsStatistics(facts, who, action.from, action.until);
		case 'read.meeting':
			return readsMeeting(facts, who, standing, action.meeting);
		case 'read.thread':
			// G1-G3: participants only; no consent, custody, invitation or emergency access opens a thread.
			return readsThread(facts, who, action.thread);
		case 'notify.item':
			return notifiesItem(facts, action.kind, action.itemId, (read) => decide(facts, who, read));
		case 'read.calendarEntry': {
			// K1: a calendar entry (neutral, N1) goes to whoever may see the meeting, no further.
			const meeting = readsMeeting(facts, who, standing, action.meeting);
			return meeting.allow ? allow([...meeting.rules, 'K1'], meeting.consents) : meeting;
		}
		case 'read.safetySignal':
			// S1: the sender and the coordinator, nobody else (no custody, consent or emergency reaches it).
			if (who.kind === 'member') return who.memberId === action.signal.member ? allow(['S1']) : deny('S1');
			return standing?.role === 'coordinator' ? allow(['S1']) : deny('S1');
		default:
			return unhandled(action);
	}
}
