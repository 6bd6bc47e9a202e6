/**
 * G1-G5 (POLICY.md version 2): messages with the team. A thread is seen only by its
 * participants (G1), a professional only while on the active team (G2), a blocked member
 * only where no block keeps the family participants apart (G3); starting and adding choose
 * only among the people G3 and G4 allow (`choosablePeople`, used by the check and by the
 * form's choices alike). No consent, custody, information right, invitation or emergency
 * access appears here: none of them opens a thread.
 */
import type { FamilyFacts } from './facts';
import { allow, deny, type Decision, type MessageRecord, type PersonRef, type Principal, type ThreadRecord } from './types';

const isMemberOf = (thread: ThreadRecord, memberId: string) => thread.members.includes(memberId);
const isProfessionalOf = (thread: ThreadRecord, professionalId: string) => thread.professionals.some((p) => p.id === professionalId);

/** Whether the principal is one of the thread's participants. */
export function takesPart(thread: ThreadRecord, who: Principal): boolean {
	if (who.kind === 'member') return isMemberOf(thread, who.memberId);
	return who.kind === 'professional' && isProfessionalOf(thread, who.professionalId);
}

/**
 * G3: two family participants a block keeps apart: one is blocked at family scope (they
 * may only be the thread's sole family participant), or one is blocked for the other.
 */
export function keptApart(facts: FamilyFacts, a: string, b: string): boolean {
	if (a === b) return false;
	return facts.blockedForFamily(a) || facts.blockedForFamily(b) || facts.blockedForChild(a, b) || facts.blockedForChild(b, a);
}

/**
 * G3 when choosing (starting a thread, adding someone), stricter than G3 when reading: a
 * member with any active block is never brought together with another family member. The
 * demo's Lahtinen father is blocked only for his children, but the restraining order's note
 * says contacts go through the coordinator: a thread with the children's mother would open
 * the channel the blocks close. Reading stays G3 exactly (a file may hold such a thread).
 */
export function mayBeBroughtTogether(facts: FamilyFacts, a: string, b: string): boolean {
	if (a === b) return true;
	return !keptApart(facts, a, b) && !facts.hasAnyBlock(a) && !facts.hasAnyBlock(b);
}

/** G3 when choosing: the family participants of a new thread as a set, every pair allowed together. */
export function membersFitTogether(facts: FamilyFacts, memberIds: readonly string[]): boolean {
	return memberIds.every((a, i) => memberIds.slice(i + 1).every((b) => mayBeBroughtTogether(facts, a, b)));
}

/** G1-G3: who reads a thread and its messages. */
export function readsThread(facts: FamilyFacts, who: Principal, thread: ThreadRecord): Decision {
	if (who.kind === 'member') {
		if (!isMemberOf(thread, who.memberId)) return deny('G1');
		// G3: blocked at family scope, only where they are the only family participant; blocked
		// for child C, no thread in which C takes part. The same rule on a past day keeps back
		// what was written under a block that has ended (view-gatherings.ts).
		if (facts.keptFromThreadOn(who.memberId, thread.members, facts.clock.today)) return deny('G3', 'M6');
		return allow(facts.blockedForFamily(who.memberId) ? ['G1', 'G3'] : ['G1']);
	}
	if (who.kind !== 'professional' || !isProfessionalOf(thread, who.professionalId)) return deny('G1');
	// G2: a professional participant reads only while on the active team (P1).
	return facts.teamRole(who.professionalId) ? allow(['G1', 'G2']) : deny('G2', 'P1');
}

/**
 * G3/G4 (and G2 for professionals): the people the principal may choose for a new thread,
 * or to add to `thread` (then only those not yet in it who fit with its family participants).
 * A member blocked at family scope chooses only the coordinator (G4); a member with any block
 * sees only the coordinator of the team (M6), so chooses no other professional, and no other
 * member (`mayBeBroughtTogether`). A professional must be on the active team (G2)
 * and chooses members and colleagues of the team; for the same M6, a member with any block
 * only when she is the coordinator, and nobody brings another professional to him.
 */
export function choosablePeople(facts: FamilyFacts, who: Principal, thread?: ThreadRecord): PersonRef[] {
	const coordinator = facts.coordinator?.professional.id;
	const team = [...new Set(facts.activeTeam.map((t) => t.professional.id))];
	let members: string[] = [];
	let professionals: string[] = [];
	if (who.kind === 'member') {
		if (!facts.member(who.memberId)) return [];
		const blocked = facts.hasAnyBlock(who.memberId);
		professionals = blocked ? (coordinator ? [coordinator] : []) : team;
		members = facts.record.members.map((m) => m.id).filter((m) => m !== who.memberId && mayBeBroughtTogether(facts, who.memberId, m));
	} else if (who.kind === 'professional' && facts.teamRole(who.professionalId)) {
		professionals = team.filter((p) => p !== who.professionalId);
		// M6: a member with any block knows only the coordinator of the team, so only she writes with him.
		members = facts.record.members.map((m) => m.id).filter((m) => who.professionalId === coordinator || !facts.hasAnyBlock(m));
	}
	if (thread) {
		const onlyCoordinator = (ids: readonly string[]) => ids.every((id) => id === coordinator);
		members = members.filter((m) => !isMemberOf(thread, m) && thread.members.every((other) => mayBeBroughtTogether(facts, m, other))
			&& (!facts.hasAnyBlock(m) || onlyCoordinator(thread.professionals.map((p) => p.id))));
		// Nor is another professional brought into a thread with him.
		professionals = professionals.filter((p) => !isProfessionalOf(thread, p) && (p === coordinator || !thread.members.some((m) => facts.hasAnyBlock(m))));
	}
	return [...members.map((id) => ({ kind: 'member' as const, id })), ...professionals.map((id) => ({ kind: 'professional' as const, id }))];
}

const samePerson = (a: PersonRef, b: PersonRef) => a.kind === b.kind && a.id === b.id;

/**
 * G2-G4: starting a thread with `others` (the starter is a participant by starting). Every
 * one of them must be choosable, the family participants must fit together (G3), and the
 * thread needs at least one professional (FORMAT.md) and one person besides the starter.
 */
export function startsThread(facts: FamilyFacts, who: Principal, others: readonly PersonRef[]): Decision {
	const rule = who.kind === 'member' ? 'G4' : 'G2';
	if (who.kind !== 'member' && who.kind !== 'professional') return deny(rule);
	const choosable = choosablePeople(facts, who);
	if (others.length === 0 || !others.every((p) => choosable.some((c) => samePerson(c, p)))) return deny(rule, 'G3');
	const memberIds = [...(who.kind === 'member' ? [who.memberId] : []), ...others.filter((p) => p.kind === 'member').map((p) => p.id)];
	if (!membersFitTogether(facts, memberIds)) return deny('G3');
	const hasProfessional = who.kind === 'professional' || others.some((p) => p.kind === 'professional');
	return hasProfessional ? allow(['G1', rule]) : deny(rule);
}

/** G1: a participant who reads the thread writes in it (G2, G3 through the read). */
export function repliesInThread(facts: FamilyFacts, who: Principal, thread: ThreadRecord): Decision {
	const read = readsThread(facts, who, thread);
	return read.allow ? allow(['G1', ...read.rules.filter((r) => r !== 'G1')]) : read;
}

/** The author withdraws their own message, once, while they read the thread. */
export function withdrawsMessage(facts: FamilyFacts, who: Principal, thread: ThreadRecord, message: MessageRecord): Decision {
	const read = readsThread(facts, who, thread);
	if (!read.allow) return read;
	const mine = who.kind === 'member' ? message.author.kind === 'member' && message.author.id === who.memberId
		: who.kind === 'professional' && message.author.kind === 'professional' && message.author.id === who.professionalId;
	return mine && message.withdrawnAt === null && thread.messages.includes(message) ? allow(['G1']) : deny('G1');
}

/**
 * The coordinator, a participant of the thread, adds someone she may choose who fits with its
 * family participants (G3), after confirming that the newcomer will read the whole thread.
 */
export function addsParticipant(facts: FamilyFacts, who: Principal, thread: ThreadRecord, person: PersonRef, confirmed: boolean): Decision {
	if (who.kind !== 'professional' || facts.teamRole(who.professionalId) !== 'coordinator') return deny('G1');
	if (!readsThread(facts, who, thread).allow) return deny('G1');
	if (!choosablePeople(facts, who, thread).some((c) => samePerson(c, person))) return deny('G1', 'G3');
	return confirmed ? allow(['G1', 'G2']) : deny('G1');
}

/**
 * N2 for a new message: the thread's participants other than its author who may read the
 * thread now (G1-G3). The notification outbox (another change) queues a content-free
 * "new message" to each of them inside the message's write transaction.
 */
export function newMessageRecipients(facts: FamilyFacts, thread: ThreadRecord, author: PersonRef): PersonRef[] {
	const people: PersonRef[] = [
		...thread.members.map((id) => ({ kind: 'member' as const, id })),
		...thread.professionals.map((p) => ({ kind: 'professional' as const, id: p.id }))
	];
	return people.filter((p) => !samePerson(p, author) && readsThread(facts, principalOf(facts, thread, p), thread).allow);
}

/** A participant as a principal, for asking the policy what they may read. */
function principalOf(facts: FamilyFacts, thread: ThreadRecord, person: PersonRef): Principal {
	if (person.kind === 'member') return { kind: 'member', memberId: person.id, familyId: facts.record.id, name: facts.member(person.id)?.name ?? '' };
	const p = thread.professionals.find((x) => x.id === person.id)!;
	return { kind: 'professional', professionalId: p.id, organisationId: p.organisationId, authority: p.authority, name: p.name };
}
