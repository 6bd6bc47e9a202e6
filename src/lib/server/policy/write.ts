/**
 * Write decisions of POLICY.md "Writes (version 1)", numbered W1-W6 in the order of
 * that section (see types.ts).
 */
import { entitledFor } from './consent';
import type { FamilyFacts } from './facts';
import { unhandled } from './preamble';
import { proReadsCategory, standingOf } from './read';
import { createsTag, handlesTag, type ReadsItem } from './tags';
import { addsParticipant, readsThread, repliesInThread, startsThread, withdrawsMessage } from './threads';
import {
	allow, deny, type ConsentRecord, type Decision, type EmergencyRecord, type InvitationRecord, type MessageRecord, type PersonRef, type Principal, type ThreadRecord, type RuleId, type SafetySignalRecord, type TagRecord, type TaskRecord, type VoiceRecord
} from './types';

export type WriteAction =
	| { type: 'voice.create' }
	| { type: 'safetySignal.send' }
	| { type: 'safetySignal.handle'; signal: SafetySignalRecord }
	| { type: 'voice.change'; voice: VoiceRecord }
	| { type: 'task.tick'; task: TaskRecord }
	| { type: 'plan.change'; subject: string | null }
	| { type: 'consent.decide'; grantor: string; subject: string | null }
	| { type: 'consent.revoke'; consent: ConsentRecord }
	| { type: 'block.change' }
	| { type: 'team.change' }
	| { type: 'member.mature'; child: string }
	| { type: 'member.informationRight'; adult: string; child: string }
	| { type: 'member.hideFromCustodians'; child: string }
	| { type: 'emergency.review'; emergency: EmergencyRecord }
	| { type: 'assessment.create'; subject: string | null }
	| { type: 'service.change' }
	| { type: 'path.change' }
	| { type: 'outcome.record' }
	| { type: 'emergency.open' }
	| { type: 'tag.create'; kind: TagRecord['itemKind']; itemId: string; to: string }
	| { type: 'tag.handle'; tag: TagRecord }
	| { type: 'meeting.create' }
	| { type: 'meeting.details' }
	| { type: 'member.add' }
	| { type: 'member.signInCode'; member: string }
	| { type: 'invitation.create' }
	| { type: 'invitation.answer'; invitation: InvitationRecord }
	| { type: 'invitation.withdraw'; invitation: InvitationRecord }
	| { type: 'thread.start'; others: PersonRef[] }
	| { type: 'thread.reply'; thread: ThreadRecord }
	| { type: 'thread.withdraw'; thread: ThreadRecord; message: MessageRecord }
	| { type: 'thread.addParticipant'; thread: ThreadRecord; person: PersonRef; confirmed: boolean }
	| { type: 'thread.markRead'; thread: ThreadRecord }
	| { type: 'write.attempt'; write: WriteKind };

/** A kind of write, without the ids it is about. */
export type WriteKind = Exclude<WriteAction['type'], 'write.attempt'>;

function isCoordinator(facts: FamilyFacts, who: Principal): boolean {
	return who.kind === 'professional' && facts.teamRole(who.professionalId) === 'coordinator';
}

/** The subject of a task: its assignee member, else its goal's subject (POLICY.md item table). */
export function taskSubject(facts: FamilyFacts, task: TaskRecord): string | null {
	if (task.assigneeMember) return task.assigneeMember;
	return facts.record.goals.find((g) => g.id === task.goal)?.subject ?? null;
}

/** A write's decision; `decide` calls it after the preamble (outsiders are denied there). */
export function decideWrite(facts: FamilyFacts, who: Principal, action: WriteAction, readsItem: ReadsItem): Decision {
	switch (action.type) {
		case 'safetySignal.send':
			return who.kind === 'member' ? allow(['W7']) : deny('W7');
		case 'safetySignal.handle':
			// S1: only the family's current coordinator reads a signal, so only she marks it handled, once.
			return isCoordinator(facts, who) && action.signal.handledAt === null ? allow(['S1']) : deny('S1');
		case 'voice.create':
			return who.kind === 'member' ? allow(['W1']) : deny('W1');
		case 'voice.change':
			return who.kind === 'member' && action.voice.author === who.memberId ? allow(['W1', 'M1']) : deny('W1');
		case 'task.tick':
			return tickTask(facts, who, action.task);
		case 'plan.change':
			return writesWhereReadable(facts, who, 'plan', action.subject, 'W3');
		case 'consent.decide': {
			const entitled = entitledFor(facts, action.subject).includes(action.grantor);
			if (!entitled) return deny('W4', 'P6');
			if (who.kind === 'member') return who.memberId === action.grantor ? allow(['W4', 'P6']) : deny('W4');
			// A decision given on paper, recorded by the coordinator on the person's behalf (P6).
			return isCoordinator(facts, who) ? allow(['W4', 'P6']) : deny('W4');
		}
		case 'consent.revoke':
			return revokesConsent(facts, who, action.consent);
		case 'write.attempt':
			return attemptsWrite(facts, who, action.write);
		case 'member.add':
		case 'member.signInCode':
		case 'block.change':
		case 'team.change':
		case 'member.mature':
		case 'member.informationRight':
			return isCoordinator(facts, who) ? allow(['W5']) : deny('W5');
		case 'assessment.create':
			return writesWhereReadable(facts, who, 'assessment', action.subject, 'W8');
		case 'service.change':
		case 'path.change':
		case 'outcome.record':
			// W9: the coordinator holds the client relationship, and so the services and the path.
			return isCoordinator(facts, who) ? allow(['W9', 'P3']) : deny('W9');
		case 'meeting.create':
			// Meetings are family-level basic data: any active team member (P2) schedules one.
			return who.kind === 'professional' && facts.teamRole(who.professionalId) ? allow(['P2']) : deny('P2');
		case 'meeting.details':
			// W9: the coordinator holds the client relationship: she books the room and the interpreters.
			return isCoordinator(facts, who) ? allow(['W9']) : deny('W9');
		case 'invitation.create':
			// P7: an active team member may invite another professional to a joint assessment.
			return who.kind === 'professional' && facts.teamRole(who.professionalId) ? allow(['P7']) : deny('P7');
		case 'invitation.answer':
			// P7: the invitee answers while the invitation is open (answering ends it).
			return who.kind === 'professional' && action.invitation.to.id === who.professionalId && facts.isInvitationOpen(action.invitation)
				? allow(['P7']) : deny('P7');
		case 'invitation.withdraw':
			if (who.kind !== 'professional' || !facts.isInvitationOpen(action.invitation)) return deny('P7');
			return isCoordinator(facts, who) || (facts.teamRole(who.professionalId) && action.invitation.from.id === who.professionalId) ? allow(['P7']) : deny('P7');
		case 'emergency.open':
			// P8: an authority (police, emergency social services) may open it, with a written reason.
			return who.kind === 'professional' && who.authority ? allow(['P8']) : deny('P8');
		case 'emergency.review':
			// P8: an emergency access is flagged for the coordinator's review.
			return isCoordinator(facts, who) ? allow(['P8', 'W5']) : deny('P8');
		case 'member.hideFromCustodians':
			if (who.kind === 'member') {
				return who.memberId === action.child && facts.isMatureChild(action.child) ? allow(['W6', 'M5']) : deny('W6');
			}
			return isCoordinator(facts, who) && facts.member(action.child) && !facts.isAdult(action.child) ? allow(['W6']) : deny('W6');
		case 'tag.create':
			return createsTag(facts, who, action.kind, action.itemId, action.to, readsItem);
		case 'tag.handle':
			return handlesTag(facts, who, action.tag);
		case 'thread.start':
			return startsThread(facts, who, action.others);
		case 'thread.reply':
			return repliesInThread(facts, who, action.thread);
		case 'thread.withdraw':
			return withdrawsMessage(facts, who, action.thread, action.message);
		case 'thread.addParticipant':
			return addsParticipant(facts, who, action.thread, action.person, action.confirmed);
		case 'thread.markRead':
			// Marking read is part of reading (G5's unread count): whoever reads the thread.
			return readsThread(facts, who, action.thread);
		default:
			return unhandled(action);
	}
}

/**
 * W3 (plan) and W8 (assessment notes): the coordinator (P3), or an active team member who
 * may read that category of the subject (P4, with the consents that allow it).
 */
function writesWhereReadable(facts: FamilyFacts, who: Principal, category: 'plan' | 'assessment', subject: string | null, rule: 'W3' | 'W8'): Decision {
	if (who.kind !== 'professional') return deny(rule);
	if (isCoordinator(facts, who)) return allow([rule, 'P3']);
	const standing = standingOf(facts, who);
	if (standing.role !== 'member') return deny(rule);
	const read = proReadsCategory(facts, who, standing, category, subject);
	return read.allow ? allow([rule, ...read.rules], read.consents) : deny(rule);
}

/** W2: the assignee, the coordinator, or a custodian of an assignee child who is not mature. */
function tickTask(facts: FamilyFacts, who: Principal, task: TaskRecord): Decision {
	if (who.kind === 'member') {
		const child = task.assigneeMember;
		if (child === who.memberId) return allow(['W2', 'M1']);
		if (!child || !facts.isCustodianOf(who.memberId, child) || facts.isMatureChild(child)) return deny('W2');
		if (facts.blockedForFamily(who.memberId) || facts.blockedForChild(who.memberId, child)) return deny('W2', 'M6');
		return allow(['W2', 'M3']);
	}
	if (who.kind !== 'professional') return deny('W2');
	const role = facts.teamRole(who.professionalId);
	if (role === 'coordinator') return allow(['W2', 'P3']);
	if (role && task.assigneeProfessional?.id === who.professionalId) return allow(['W2']);
	return deny('W2');
}

/**
 * W4 with P6: "Entitled persons grant, refuse and revoke consents". A revocation takes back
 * the revoker's own decision: the grantor revokes while entitled for the subject today
 * (a custodian blocked since, or of a child who has become mature, is not: their decision
 * already counts for nothing, P4, and a revocation would change nothing); the coordinator
 * records a revocation given on paper on such a grantor's behalf, as for a decision (P6).
 * Another entitled person does not revoke someone else's decision: they refuse, which wins
 * (P4), and revoking another custodian's refusal would overrule it. A decision already
 * revoked or ended has nothing left to revoke.
 */
function revokesConsent(facts: FamilyFacts, who: Principal, consent: ConsentRecord): Decision {
	const today = facts.clock.today;
	const revocable = (consent.revoked === null || consent.revoked > today) && (consent.until === null || consent.until > today);
	if (!revocable) return deny('W4');
	if (!entitledFor(facts, consent.subject).includes(consent.grantor)) return deny('W4', 'P6');
	if (who.kind === 'member') return who.memberId === consent.grantor ? allow(['W4', 'P6']) : deny('W4');
	return isCoordinator(facts, who) ? allow(['W4', 'P6']) : deny('W4');
}

/** Who may make a kind of write at all, before any id of it is known (see `attemptsWrite`). */
type Gate = 'member' | 'member-or-team' | 'member-or-coordinator' | 'coordinator' | 'team' | 'tag-recipient-or-team' | 'invitee' | 'authority';

const GATES: Record<WriteKind, [Gate, RuleId]> = {
	'voice.create': ['member', 'W1'],
	'voice.change': ['member', 'W1'],
	'safetySignal.send': ['member', 'W7'],
	'safetySignal.handle': ['coordinator', 'S1'],
	'task.tick': ['member-or-team', 'W2'],
	'plan.change': ['team', 'W3'],
	'consent.decide': ['member-or-coordinator', 'W4'],
	'consent.revoke': ['member-or-coordinator', 'W4'],
	'member.hideFromCustodians': ['member-or-coordinator', 'W6'],
	'block.change': ['coordinator', 'W5'],
	'team.change': ['coordinator', 'W5'],
	'member.mature': ['coordinator', 'W5'],
	'member.informationRight': ['coordinator', 'W5'],
	'member.add': ['coordinator', 'W5'],
	'member.signInCode': ['coordinator', 'W5'],
	'emergency.review': ['coordinator', 'P8'],
	'service.change': ['coordinator', 'W9'],
	'path.change': ['coordinator', 'W9'],
	'outcome.record': ['coordinator', 'W9'],
	'assessment.create': ['team', 'W8'],
	'meeting.create': ['team', 'P2'],
	'meeting.details': ['coordinator', 'W9'],
	'invitation.create': ['team', 'P7'],
	'invitation.withdraw': ['team', 'P7'],
	'tag.create': ['team', 'T1'],
	'tag.handle': ['tag-recipient-or-team', 'T1'],
	'invitation.answer': ['invitee', 'P7'],
	'emergency.open': ['authority', 'P8'],
	'thread.start': ['member-or-team', 'G4'],
	'thread.reply': ['member-or-team', 'G1'],
	'thread.withdraw': ['member-or-team', 'G1'],
	'thread.markRead': ['member-or-team', 'G1'],
	'thread.addParticipant': ['coordinator', 'G1']
};

/**
 * Whether the principal may make this kind of write in the family at all, decided from who
 * they are in it (a member, a team role, an open invitation, an authority) and nothing of
 * the write's input. Writes ask this before they look up any id they were given, so that a
 * caller who may not act gets one answer whether the id exists, is of another family or is
 * missing (no existence oracle); a caller who passes gets helpful errors. Every write the
 * rules above allow passes this gate (a property test checks it).
 */
function attemptsWrite(facts: FamilyFacts, who: Principal, kind: WriteKind): Decision {
	const entry = GATES[kind] as [Gate, RuleId] | undefined;
	if (!entry) return deny();
	const [gate, rule] = entry;
	const member = who.kind === 'member';
	const pro = who.kind === 'professional' ? who : null;
	const role = pro ? facts.teamRole(pro.professionalId) : undefined;
	const passes = ((): boolean => {
		switch (gate) {
			case 'member': return member;
			case 'member-or-team': return member || role !== undefined;
			case 'member-or-coordinator': return member || role === 'coordinator';
			case 'coordinator': return role === 'coordinator';
			case 'team': return role !== undefined;
			case 'tag-recipient-or-team':
				return role !== undefined || (pro !== null && facts.record.tags.some((t) => t.to.id === pro.professionalId && t.handled === null));
			case 'invitee':
				return pro !== null && facts.record.invitations.some((i) => i.to.id === pro.professionalId && facts.isInvitationOpen(i));
			case 'authority': return pro?.authority === true;
			default: return unhandled(gate).allow;
		}
	})();
	return passes ? allow([rule]) : deny(rule);
}
