/**
 * A professional's reminders, computed from the data: each family's view as the policy
 * built it for this professional, so a reminder never names what the reader may not
 * see. Pure: the same view and day give the same list (tested around the due days).
 */
import type { FamilyView } from './policy/view';
import { addMonths, servicePath } from '../service-path';
import { addDays, helsinkiDayOf } from './time';

export type ReminderKind =
	| 'safety-signal' | 'emergency-review' | 'invitation' | 'block-review' | 'plan-review'
	| 'reassessment' | 'follow-up-service' | 'follow-up-family' | 'task-overdue' | 'tag';

export type Reminder = {
	kind: ReminderKind;
	familyId: string;
	familyName: string;
	/** The day it is due (or happened, for signals and emergency accesses). */
	due: string;
	overdue: boolean;
	/** What it is about, for the sentence: a member's or professional's name, a task, 6 or 12 months. */
	about: { name?: string; text?: string; months?: number };
	/** The item it is about, where there is one. */
	itemId: string | null;
};

/** How far ahead a coming due date is shown. */
export const LEAD_DAYS = 14;
/** How long a signal stays on the list: it is read at once, but a holiday must not hide it. */
export const SIGNAL_DAYS = 14;
/** A follow-up stays on the list this long after its day. */
export const FOLLOW_UP_GRACE_DAYS = 30;
export const REASSESSMENT_MONTHS = 6;

/** Order on the list: safety first, then emergency reviews, then by due date. */
const RANK: Record<ReminderKind, number> = {
	'safety-signal': 0, 'emergency-review': 1, invitation: 2, tag: 3, 'task-overdue': 3, 'block-review': 4,
	'plan-review': 5, reassessment: 5, 'follow-up-service': 5, 'follow-up-family': 5
};

export function sortReminders(list: Reminder[]): Reminder[] {
	return list.toSorted((a, b) => RANK[a.kind] - RANK[b.kind] || a.due.localeCompare(b.due) || a.familyName.localeCompare(b.familyName, 'fi'));
}

/** The reminders of one family for the professional `me`, on `today` (Helsinki date). */
export function remindersOf(view: FamilyView, me: string, today: string): Reminder[] {
	const out: Reminder[] = [];
	const add = (kind: ReminderKind, due: string, about: Reminder['about'] = {}, itemId: string | null = null) =>
		out.push({ kind, familyId: view.id, familyName: view.name, due, overdue: due < today, about, itemId });
	const soon = (due: string) => due <= addDays(today, LEAD_DAYS);
	const name = (id: string) => view.basic?.members.find((m) => m.id === id)?.name ?? '';
	const coordinator = view.viewer.role === 'coordinator';

	// The view holds signals only for the coordinator (S1), emergency accesses for the coordinator and the opener.
	for (const s of view.safetySignals) {
		const day = helsinkiDayOf(s.created);
		if (day >= addDays(today, -SIGNAL_DAYS)) add('safety-signal', day, { name: name(s.member), text: s.word ?? undefined }, s.id);
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
	for (const s of view.services) {
		if (s.status !== 'ended' || s.end === null || !(coordinator || s.contact?.id === me)) continue;
		for (const months of [6, 12]) {
			const due = addMonths(s.end, months);
			if (soon(due) && due >= addDays(today, -FOLLOW_UP_GRACE_DAYS)) add('follow-up-service', due, { name: name(s.subject), text: s.name, months }, s.id);
		}
	}
	return out;
}

type Add = (kind: ReminderKind, due: string, about?: Reminder['about'], itemId?: string | null) => void;

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
