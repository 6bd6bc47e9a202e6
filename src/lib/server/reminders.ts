/**
 * A professional's reminders, computed from the data: each family's view as the policy
 * built it for this professional, so a reminder never names what the reader may not
 * see. Pure: the same view, day and instant give the same list (tested around the due
 * days, in Helsinki time). Together they are the coordinator's "today" at /pro.
 */
import type { FamilyView } from './policy/view';
import { addMonths, servicePath } from '../service-path';
import { addDays, helsinkiDayOf } from './time';

export type ReminderKind =
	| 'safety-signal' | 'emergency-review' | 'invitation' | 'block-review' | 'plan-review'
	| 'reassessment' | 'follow-up-service' | 'follow-up-family' | 'task-overdue' | 'tag'
	| 'meeting' | 'family-task-overdue' | 'invitation-waiting' | 'new-view' | 'new-feedback';

export type Reminder = {
	kind: ReminderKind;
	familyId: string;
	familyName: string;
	/** The day it is due (or happened, for signals and emergency accesses). */
	due: string;
	overdue: boolean;
	/**
	 * What it is about, for the sentence: a member's or professional's name, a task, 6 or 12
	 * months; for a meeting who comes and who of them needs an interpreter (and in which language).
	 */
	about: { name?: string; text?: string; months?: number; people?: string[]; interpreters?: { name: string; language: string | null }[] };
	/** The item it is about, where there is one. */
	itemId: string | null;
	/** The instant, for items that have one (signals, meetings): shown as Helsinki time. */
	at?: string;
	/** Where on the family summary (`/pro/families/{id}#anchor`) the item is. */
	anchor: string;
};

/** How far ahead a coming due date is shown. */
export const LEAD_DAYS = 14;
/** How long a signal stays on the list: it is read at once, but a holiday must not hide it. */
export const SIGNAL_DAYS = 14;
/** Meetings are shown from today to this many days ahead (Helsinki days). */
export const MEETING_DAYS = 7;
/** Views and feedback shared with the team count as new this many days (the day itself included). */
export const NEW_VOICE_DAYS = 14;
/** A follow-up stays on the list this long after its day. */
export const FOLLOW_UP_GRACE_DAYS = 30;
export const REASSESSMENT_MONTHS = 6;

/** What the family shared is news to read, never late: its day is when it was shared. */
const NEWS = new Set<ReminderKind>(['new-view', 'new-feedback']);

/** Order on the list: safety first, then emergency reviews, then by due date. */
const RANK: Record<ReminderKind, number> = {
	'safety-signal': 0, 'emergency-review': 1, meeting: 2, invitation: 2, tag: 3, 'task-overdue': 3, 'family-task-overdue': 3,
	'invitation-waiting': 4, 'block-review': 4, 'plan-review': 5, reassessment: 5, 'follow-up-service': 5, 'follow-up-family': 5,
	'new-view': 6, 'new-feedback': 6
};

export function sortReminders(list: Reminder[]): Reminder[] {
	return list.toSorted((a, b) => RANK[a.kind] - RANK[b.kind] || a.due.localeCompare(b.due) || (a.at ?? '').localeCompare(b.at ?? '')
		|| a.familyName.localeCompare(b.familyName, 'fi'));
}

/**
 * The place on the family summary where the item is shown. The ids are the summary's
 * (FamilySummary, the summary page and its tools); a task has its own.
 */
export function anchorOf(kind: ReminderKind, itemId: string | null): string {
	switch (kind) {
		case 'safety-signal': return 'signals-heading';
		case 'emergency-review': return 'emergency-heading';
		case 'invitation': case 'invitation-waiting': return 'invitations';
		case 'tag': return 'tags-heading';
		case 'task-overdue': case 'family-task-overdue': return itemId ? `task-${itemId}` : 'plan-heading';
		case 'block-review': return 'blocks-heading';
		case 'plan-review': return 'plan-heading';
		case 'reassessment': return 'assessments-heading';
		case 'follow-up-service': return 'services-heading';
		case 'follow-up-family': return 'tool-outcome';
		case 'meeting': return 'pro-meetings-heading';
		case 'new-view': case 'new-feedback': return 'voice-heading';
		default: return kind satisfies never;
	}
}

/** The reminders of one family for the professional `me`, on `today` (Helsinki date). */
export function remindersOf(view: FamilyView, me: string, today: string): Reminder[] {
	const out: Reminder[] = [];
	const add = (kind: ReminderKind, due: string, about: Reminder['about'] = {}, itemId: string | null = null, at?: string) =>
		out.push({ kind, familyId: view.id, familyName: view.name, due, overdue: due < today && !NEWS.has(kind), about, itemId, anchor: anchorOf(kind, itemId), ...(at ? { at } : {}) });
	const soon = (due: string) => due <= addDays(today, LEAD_DAYS);
	const name = (id: string) => view.basic?.members.find((m) => m.id === id)?.name ?? '';
	const coordinator = view.viewer.role === 'coordinator';

	// The view holds signals only for the coordinator (S1), emergency accesses for the coordinator and the opener.
	// A signal she has marked handled leaves the list.
	for (const s of view.safetySignals) {
		const day = helsinkiDayOf(s.created);
		if (s.handled === null && day >= addDays(today, -SIGNAL_DAYS)) add('safety-signal', day, { name: name(s.member), text: s.word ?? undefined }, s.id, s.created);
	}
	if (coordinator) {
		for (const e of view.emergencyAccesses) if (e.reviewedAt === null) add('emergency-review', helsinkiDayOf(e.opened), { name: e.professional.name }, e.id);
	}
	for (const inv of view.invitations) {
		if (inv.to.id === me && inv.answered === null && !inv.withdrawn) add('invitation', addDays(helsinkiDayOf(inv.created), 13), { name: inv.from.name }, inv.id);
	}
	// Tags raised to me: the view holds only those on items I may see (T1).
	for (const tag of view.tags) if (tag.to.id === me && tag.handled === null) add('tag', tag.created, { name: tag.from, text: tag.note ?? undefined }, tag.itemId);
	for (const t of view.tasks) {
		if (t.assignee?.kind === 'professional' && t.assignee.id === me && !t.done && t.due !== null && t.due < today) add('task-overdue', t.due, { text: t.text }, t.id);
	}
	if (coordinator) addCoordinatorReminders(view, today, soon, add, name);
	if (view.viewer.role) addTeamReminders(view, me, today, add, name);
	for (const s of view.services) {
		if (s.status !== 'ended' || s.end === null || !(coordinator || s.contact?.id === me)) continue;
		for (const months of [6, 12]) {
			const due = addMonths(s.end, months);
			if (soon(due) && due >= addDays(today, -FOLLOW_UP_GRACE_DAYS)) add('follow-up-service', due, { name: name(s.subject), text: s.name, months }, s.id);
		}
	}
	return out;
}

type Add = (kind: ReminderKind, due: string, about?: Reminder['about'], itemId?: string | null, at?: string) => void;

/**
 * A team member's (the coordinator's too) view of the family's week: meetings from today to
 * seven days ahead with the interpreter need of the members who come; the invitations she sent
 * (all of them, for the coordinator) still waiting for an answer; the views and feedback the
 * family shared with the team in the last 14 days; for the coordinator, every overdue task
 * she sees that is not her own (her own are `task-overdue`).
 */
function addTeamReminders(view: FamilyView, me: string, today: string, add: Add, name: (id: string) => string) {
	const coordinator = view.viewer.role === 'coordinator';
	const lastDay = addDays(today, MEETING_DAYS);
	for (const meeting of view.meetings) {
		const day = helsinkiDayOf(meeting.start);
		if (day < today || day > lastDay) continue;
		const interpreters = meeting.participants.flatMap((p) => {
			const member = p.kind === 'member' ? view.basic?.members.find((x) => x.id === p.id) : undefined;
			return member?.interpreter ? [{ name: member.name, language: member.language }] : [];
		});
		add('meeting', day, { text: meeting.title ?? undefined, people: meeting.participants.map((p) => p.name), interpreters }, meeting.id, meeting.start);
	}
	for (const inv of view.invitations) {
		if (inv.to.id === me || !inv.open || inv.answered !== null || inv.withdrawn) continue;
		if (coordinator || inv.from.id === me) add('invitation-waiting', addDays(helsinkiDayOf(inv.created), 13), { name: inv.to.name }, inv.id);
	}
	const firstNewDay = addDays(today, -(NEW_VOICE_DAYS - 1));
	for (const v of view.voice) {
		if (!v.shareWithTeam || (v.kind !== 'view' && v.kind !== 'feedback')) continue;
		const day = helsinkiDayOf(v.created);
		if (day >= firstNewDay && day <= today) add(v.kind === 'view' ? 'new-view' : 'new-feedback', day, { name: name(v.author) }, v.id);
	}
	if (!coordinator) return;
	for (const t of view.tasks) {
		const mine = t.assignee?.kind === 'professional' && t.assignee.id === me;
		if (!mine && !t.done && t.due !== null && t.due < today) add('family-task-overdue', t.due, { text: t.text, name: t.assignee?.name }, t.id);
	}
}

/** Blocks to review, the plan review, re-assessment and the family's follow-ups: the coordinator's. */
function addCoordinatorReminders(view: FamilyView, today: string, soon: (due: string) => boolean, add: Add, name: (id: string) => string) {
	for (const b of view.blocks) {
		const active = b.from <= today && (b.until === null || today < b.until);
		if (active && soon(b.review)) add('block-review', b.review, { name: name(b.member) }, b.id);
	}
	if (!view.basic) return;
	const stage = view.basic.stage;
	const path = servicePath(stage, view.basic.path, today);
	const review = path.find((s) => s.stage === 'review')?.when;
	if ((stage === 'plan' || stage === 'working') && review && review.kind !== 'follow-ups' && soon(review.date)) add('plan-review', review.date);
	const lastAssessment = view.assessments.map((a) => a.created).filter((d): d is string => d !== null).sort().at(-1);
	if ((stage === 'working' || stage === 'review') && lastAssessment) {
		const due = addMonths(lastAssessment, REASSESSMENT_MONTHS);
		if (soon(due)) add('reassessment', due);
	}
	const ended = view.basic.path.find((s) => s.stage === 'ended')?.from;
	if (ended && ended <= today) {
		for (const months of [6, 12]) {
			const due = addMonths(ended, months);
			if (soon(due) && due >= addDays(today, -FOLLOW_UP_GRACE_DAYS)) add('follow-up-family', due, { months });
		}
	}
}
