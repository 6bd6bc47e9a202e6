/**
 * The view's sections of things people share (meetings, consultations, threads), with the
 * small helpers every section uses: the reasons an item is shown (`why`), a professional
 * as the view names them, and the items another names, only to a reader who may see them.
 */
import { decide } from './decide';
import type { FamilyFacts } from './facts';
import type { ReadLog } from './read-log';
import { takesPart } from './threads';
import type { Decision, Principal, ProfessionalRecord, ThreadRecord } from './types';
import { helsinkiDayOf } from '../time';
import { UNNAMED_PROFESSIONAL, type ContactView, type FamilyView, type Why } from './view-types';

export const why = (d: Extract<Decision, { allow: true }>): Why => ({ rules: d.rules, consents: d.consents });

export function contactView(p: ProfessionalRecord): ContactView {
	return { id: p.id, name: p.name, title: p.title, organisation: p.organisationName, organisationId: p.organisationId, phone: p.phone, email: p.email };
}

/**
 * An item names another (a task or a view its goal, a preparation its meeting, a question
 * its consultation) only to a reader who may see that one too: its id could tell of it
 * ("goal-safety"), so a blocked member's own task or preparation comes without it (M7 version 2).
 */
function idSeenBy<T extends { id: string }>(items: readonly T[], id: string | null, maySee: (item: T) => boolean): string | null {
	const item = id === null ? undefined : items.find((i) => i.id === id);
	return item && maySee(item) ? item.id : null;
}

export function goalSeenBy(facts: FamilyFacts, who: Principal, goalId: string | null): string | null {
	return idSeenBy(facts.record.goals, goalId, (goal) => decide(facts, who, { type: 'read.goal', goal }).allow);
}

export function meetingSeenBy(facts: FamilyFacts, who: Principal, meetingId: string | null): string | null {
	return idSeenBy(facts.record.meetings, meetingId, (meeting) => decide(facts, who, { type: 'read.meeting', meeting }).allow);
}

/** The view lists a consultation to whoever may read its notes or its answer. */
export function consultationSeenBy(facts: FamilyFacts, who: Principal, consultationId: string | null): string | null {
	return idSeenBy(facts.record.consultations, consultationId, (consultation) =>
		decide(facts, who, { type: 'read.consultation', consultation }).allow || decide(facts, who, { type: 'read.consultationAnswer', consultation }).allow);
}

export function addConsultations(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	for (const c of facts.record.consultations) {
		const notes = decide(facts, who, { type: 'read.consultation', consultation: c });
		const answer = decide(facts, who, { type: 'read.consultationAnswer', consultation: c });
		reads.note(c.subject, 'assessment', notes);
		reads.note(c.subject, 'plan', answer);
		if (!answer.allow && !notes.allow) continue;
		const d = answer.allow ? answer : notes;
		view.consultations.push({
			id: c.id, subject: c.subject, created: c.created, why: why(d as Extract<Decision, { allow: true }>),
			answer: answer.allow ? c.answer : null, answered: answer.allow ? c.answered : null,
			...(notes.allow ? { notes: { question: c.question, createdBy: c.createdBy.name, situation: c.situation, rootCauses: c.rootCauses, plan: c.plan, answeredBy: c.answeredBy?.name ?? null } } : {}),
			canRecord: decide(facts, who, { type: 'assessment.create', subject: c.subject }).allow
		});
	}
}

/**
 * G1-G3: the threads the reader takes part in and may read, newest activity first. A
 * professional's read of each is logged with the thread's id (G5); a thread the reader is
 * not in leaves no trace at all, not even a denied entry (its id would tell of it).
 */
export function addThreads(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	const nameOf = (kind: 'member' | 'professional', id: string) =>
		kind === 'member' ? facts.member(id)?.name ?? '' : facts.record.threads.flatMap((t) => t.professionals).find((p) => p.id === id)?.name ?? '';
	for (const thread of facts.record.threads) {
		if (!takesPart(thread, who)) continue;
		const d = decide(facts, who, { type: 'read.thread', thread });
		if (who.kind === 'professional') reads.noteThread(thread.id, d);
		if (!d.allow) continue;
		// M6: to a member with any block, only the coordinator is named, as in the team list and the log.
		const professionalId = (id: string) => (facts.namesProfessionalTo(who, id) ? id : UNNAMED_PROFESSIONAL);
		const people = [
			...thread.members.map((id) => ({ kind: 'member' as const, id, name: nameOf('member', id) })),
			...[...new Map(thread.professionals.map((p) => {
				const id = professionalId(p.id);
				return [id, { kind: 'professional' as const, id, name: id === p.id ? p.name : '' }];
			})).values()]
		];
		const shown = messagesShownTo(facts, who, thread);
		view.threads.push({
			id: thread.id, participants: people.map((p) => p.id), people, why: why(d),
			messages: shown.map((m) => ({
				id: m.id, author: m.author.kind === 'professional' ? professionalId(m.author.id) : m.author.id, sent: m.sent, withdrawn: m.withdrawnAt !== null, why: why(d),
				...(m.withdrawnAt === null ? { text: m.text } : {}),
				canWithdraw: decide(facts, who, { type: 'thread.withdraw', thread, message: m }).allow
			})),
			canReply: decide(facts, who, { type: 'thread.reply', thread }).allow,
			canAdd: who.kind === 'professional' && facts.teamRole(who.professionalId) === 'coordinator' && d.allow,
			lastSent: shown.at(-1)?.sent ?? null
		});
	}
	view.threads.sort((a, b) => Date.parse(b.lastSent ?? '0') - Date.parse(a.lastSent ?? '0'));
}

/**
 * G3 with M6: a member reads a thread again once a block ends, but not what was written
 * while it kept them from the thread (the mother's question about the school taxi from the
 * shelter): a block that ends, or is lifted by mistake, must not open its past.
 */
function messagesShownTo(facts: FamilyFacts, who: Principal, thread: ThreadRecord) {
	if (who.kind !== 'member') return thread.messages;
	return thread.messages.filter((m) => !facts.keptFromThreadOn(who.memberId, thread.members, helsinkiDayOf(m.sent)));
}

export function addMeetings(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	for (const meeting of facts.record.meetings.toSorted((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
		const d = decide(facts, who, { type: 'read.meeting', meeting });
		reads.note(null, 'basic', d);
		if (!d.allow) continue;
		const members = meeting.members.map((id) => ({ kind: 'member' as const, id, name: facts.member(id)?.name ?? '' }));
		const professionals = meeting.professionals
			.filter((p) => facts.namesProfessionalTo(who, p.id)) // M6, as in the team list
			.map((p) => ({ kind: 'professional' as const, id: p.id, name: p.name }));
		view.meetings.push({
			id: meeting.id, start: meeting.start, title: meeting.title, participants: [...members, ...professionals],
			place: meeting.place, interpreterBooked: meeting.interpreterBooked,
			upcoming: Date.parse(meeting.start) > facts.clock.now.getTime(), why: why(d)
		});
	}
}
