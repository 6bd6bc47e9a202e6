/**
 * Write decisions of POLICY.md "Writes (version 1)", numbered W1-W6 in the order of
 * that section (see types.ts).
 */
import { entitledFor } from './consent';
import type { FamilyFacts } from './facts';
import { proReadsCategory, standingOf } from './read';
import { allow, deny, type ConsentRecord, type Decision, type EmergencyRecord, type InvitationRecord, type Principal, type TagRecord, type TaskRecord, type VoiceRecord } from './types';

export type WriteAction =
	| { type: 'voice.create' }
	| { type: 'safetySignal.send' }
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
	| { type: 'member.add' }
	| { type: 'member.signInCode'; member: string }
	| { type: 'invitation.create' }
	| { type: 'invitation.answer'; invitation: InvitationRecord }
	| { type: 'invitation.withdraw'; invitation: InvitationRecord };

function isCoordinator(facts: FamilyFacts, who: Principal): boolean {
	return who.kind === 'professional' && facts.teamRole(who.professionalId) === 'coordinator';
}

/** The subject of a task: its assignee member, else its goal's subject (POLICY.md item table). */
export function taskSubject(facts: FamilyFacts, task: TaskRecord): string | null {
	if (task.assigneeMember) return task.assigneeMember;
	return facts.record.goals.find((g) => g.id === task.goal)?.subject ?? null;
}

export function decideWrite(facts: FamilyFacts, who: Principal, action: WriteAction): Decision {
	if (who.kind === 'administrator') return deny('A1');
	if (who.kind === 'member' && !facts.member(who.memberId)) return deny('M8');
	switch (action.type) {
		case 'safetySignal.send':
			return who.kind === 'member' ? allow(['W7']) : deny('W7');
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
			if (who.kind === 'member') return who.memberId === action.consent.grantor ? allow(['W4']) : deny('W4');
			return isCoordinator(facts, who) ? allow(['W4']) : deny('W4');
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
		default:
			return deny();
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
