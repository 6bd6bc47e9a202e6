/**
 * The time-based events (POLICY.md N1-N3): a task due tomorrow, an overdue task, a
 * meeting tomorrow (Helsinki days), and the escalation of a safety signal or an emergency
 * access the coordinator has not opened within the on-duty `afterMinutes`. Each pass
 * queues what is due now; the outbox's unique key makes repeated passes, and passes
 * after a restart, queue each event once.
 *
 * "Opened" (N3), the rule used: a safety signal is opened when the coordinator marked it
 * handled, or a read that showed it to her happened (her access-log entry for the family,
 * at or after the signal, reading its sender's `safety` category, on a surface that shows
 * signals: the work list and the summary show it on top, the family's JSON carries it).
 * An emergency access is opened when she marked it reviewed, or read the family on such
 * a surface at or after it was opened. A calendar feed's poll, the list of families and
 * the messages page show neither, and do not count.
 */
import { and, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { SURFACES_SHOWING_ALERTS } from '../../domain';
import type { Db } from '../db';
import { commitPendingAccessLog } from '../access-log';
import * as t from '../db/schema';
import { currentClock } from '../family-access';
import { loadFamilyRecordUncached } from '../family-record';
import { decide } from '../policy/decide';
import { computeFacts, EMERGENCY_WINDOW_MS, type FamilyFacts } from '../policy/facts';
import type { Principal, TaskRecord } from '../policy/types';
import { addDays, helsinkiDayOf, helsinkiToday } from '../time';
import { helsinkiTimeOfDay } from './quiet';
import { principalOf, queueNotification } from './queue';
import type { NotificationKind, Recipient } from './types';
import type { Tx } from '../writes/skeleton';

/** Signals older than this are not escalated any more (the first pass after a long stop). */
const ESCALATION_HORIZON_MS = 14 * 24 * 60 * 60 * 1000;

/** The daily reminders (tasks, meetings) go out once a Helsinki day, from this time on. */
export const DAILY_REMINDERS_FROM = '08:00';

/**
 * Whether the worker's pass at `now` should include the daily reminders, given the
 * Helsinki day they last ran: once a day, from 08:00 (a "due tomorrow" at midnight
 * helps nobody). Looking at every family with an open task every 30 seconds cost a
 * 10,000-family portal most of its throughput and 190 MB; escalations, which are few and
 * urgent, are looked at on every pass.
 */
export function dailyRemindersDue(lastDay: string | null, now: Date): boolean {
	return helsinkiToday(now) !== lastDay && helsinkiTimeOfDay(now) >= DAILY_REMINDERS_FROM;
}

/**
 * One scheduler pass at `now`: queues every time-based notification that is due, or only
 * the escalations with `{ reminders: false }`. Returns how many rows were new.
 */
export function scheduleDueNotifications(db: Db, now: Date, { reminders = true }: { reminders?: boolean } = {}): number {
	let queued = 0;
	for (const familyId of familiesWithSomethingDue(db, helsinkiToday(now), now, reminders)) queued += scheduleFamily(db, familyId, now, reminders);
	return queued;
}

/**
 * The same pass one family at a time, giving way to requests between families (the worker's
 * form: a big portal has thousands). `signal` ends it before the next family (a stop: each
 * family is its own transaction, and the next pass queues the rest).
 */
export async function scheduleDueNotificationsGently(db: Db, now: Date, { reminders = true, signal }: { reminders?: boolean; signal?: AbortSignal } = {}): Promise<number> {
	let queued = 0;
	for (const familyId of familiesWithSomethingDue(db, helsinkiToday(now), now, reminders)) {
		if (signal?.aborted) break;
		queued += scheduleFamily(db, familyId, now, reminders);
		await new Promise((resolve) => setImmediate(resolve));
	}
	return queued;
}

/** One family's due notifications, queued in one transaction. */
function scheduleFamily(db: Db, familyId: string, now: Date, reminders: boolean): number {
	// The escalations ask whether the coordinator has read the family: reads that requests have
	// queued for the access log's group commit count too. The gentle pass runs between requests
	// (setImmediate), where it can come before a batch's own write.
	commitPendingAccessLog(db);
	return db.transaction((tx) => {
		const record = loadFamilyRecordUncached(db, familyId);
		if (!record) return 0;
		const facts = computeFacts(record, currentClock(now));
		const daily = reminders ? queueTasks(tx, facts, now) + queueMeetings(tx, facts, now) : 0;
		return daily + queueSafetyItems(tx, facts, now);
	}, { behavior: 'immediate' });
}

/** The families with an unopened signal or emergency access and, with `reminders`, an open task due by tomorrow or a meeting tomorrow. */
export function familiesWithSomethingDue(db: Db, today: string, now: Date, reminders: boolean): string[] {
	const tomorrow = addDays(today, 1);
	const ids = new Set<string>();
	if (reminders) {
		// Open tasks due tomorrow, and overdue ones not yet announced for their due date (the event id is `task@due`);
		// a task due today is neither. Only where someone could be told: the assignee professional, or a member
		// of the family (the assignee or a custodian) with an address. A family nobody can reach would
		// otherwise be read again every day, and most families of a portal have given no address.
		const announced = sql`EXISTS (SELECT 1 FROM ${t.notifications} WHERE ${t.notifications.kind} = 'task-overdue' AND ${t.notifications.eventId} = ${t.tasks.id} || '@' || ${t.tasks.due})`;
		const reachable = sql`(EXISTS (SELECT 1 FROM ${t.professionals} WHERE ${t.professionals.id} = ${t.tasks.assigneeProfessionalId} AND (${t.professionals.email} IS NOT NULL OR ${t.professionals.phone} IS NOT NULL))
			OR EXISTS (SELECT 1 FROM ${t.members} WHERE ${t.members.familyId} = ${t.tasks.familyId} AND (${t.members.email} IS NOT NULL OR ${t.members.phone} IS NOT NULL)))`;
		for (const r of db.selectDistinct({ id: t.tasks.familyId }).from(t.tasks)
			.where(and(eq(t.tasks.done, false), or(eq(t.tasks.due, tomorrow), and(lt(t.tasks.due, today), sql`NOT ${announced}`)), reachable)).all()) ids.add(r.id);
		// Meetings: a window of UTC text wide enough around tomorrow's Helsinki day; the exact day is checked per meeting.
		for (const r of db.selectDistinct({ id: t.meetings.familyId }).from(t.meetings)
			.where(and(gte(t.meetings.start, today), lte(t.meetings.start, addDays(today, 3)))).all()) ids.add(r.id);
	}
	const since = new Date(now.getTime() - ESCALATION_HORIZON_MS).toISOString();
	for (const r of db.selectDistinct({ id: t.safetySignals.familyId }).from(t.safetySignals)
		.where(and(isNull(t.safetySignals.handledAt), gte(t.safetySignals.created, since))).all()) ids.add(r.id);
	const openSince = new Date(now.getTime() - EMERGENCY_WINDOW_MS).toISOString();
	for (const r of db.selectDistinct({ id: t.emergencyAccesses.familyId }).from(t.emergencyAccesses)
		.where(and(isNull(t.emergencyAccesses.reviewedAt), gte(t.emergencyAccesses.opened, openSince))).all()) ids.add(r.id);
	return [...ids];
}

/** Those of the candidates who may see the item now (N2), asked of the policy. */
function whoMaySee(facts: FamilyFacts, kind: NotificationKind, itemId: string, candidates: Recipient[]): Recipient[] {
	return candidates.filter((recipient) => {
		const who: Principal | null = principalOf(facts, recipient);
		return who !== null && decide(facts, who, { type: 'notify.item', kind, itemId }).allow;
	});
}

/** The task's assignee, and each custodian who may tick it (W2: a child not mature, no block). */
function taskRecipients(facts: FamilyFacts, task: TaskRecord): Recipient[] {
	const out: Recipient[] = [];
	if (task.assigneeProfessional) out.push({ kind: 'professional', id: task.assigneeProfessional.id });
	if (task.assigneeMember) {
		out.push({ kind: 'member', id: task.assigneeMember });
		for (const custodian of facts.custodiansOf(task.assigneeMember)) {
			const who = principalOf(facts, { kind: 'member', id: custodian });
			if (who && decide(facts, who, { type: 'task.tick', task }).allow) out.push({ kind: 'member', id: custodian });
		}
	}
	return out;
}

function queueTasks(db: Tx, facts: FamilyFacts, now: Date): number {
	const tomorrow = addDays(facts.clock.today, 1);
	let queued = 0;
	for (const task of facts.record.tasks) {
		if (task.done || !task.due || task.due > tomorrow) continue;
		const kind: NotificationKind | null = task.due === tomorrow ? 'task-due' : task.due < facts.clock.today ? 'task-overdue' : null;
		if (!kind) continue;
		// One reminder per task and due date: a moved due date is a new event.
		queued += queueNotification(db, {
			kind, familyId: facts.record.id, itemId: task.id, eventId: `${task.id}@${task.due}`,
			recipients: whoMaySee(facts, kind, task.id, taskRecipients(facts, task)), at: now
		});
	}
	return queued;
}

function queueMeetings(db: Tx, facts: FamilyFacts, now: Date): number {
	const tomorrow = addDays(facts.clock.today, 1);
	let queued = 0;
	for (const meeting of facts.record.meetings) {
		if (helsinkiDayOf(meeting.start) !== tomorrow) continue;
		const participants: Recipient[] = [
			...meeting.members.map((id) => ({ kind: 'member' as const, id })),
			...meeting.professionals.map((p) => ({ kind: 'professional' as const, id: p.id }))
		];
		queued += queueNotification(db, {
			kind: 'meeting-tomorrow', familyId: facts.record.id, itemId: meeting.id, eventId: `${meeting.id}@${meeting.start}`,
			recipients: whoMaySee(facts, 'meeting-tomorrow', meeting.id, participants), at: now
		});
	}
	return queued;
}

/** A safety signal not yet handled, or an emergency access not yet reviewed, still in its window. */
type OpenSafetyItem = { kind: 'safety-signal' | 'emergency-access'; id: string; since: string; safetyOf: string | null };

function openSafetyItems(facts: FamilyFacts, now: Date): OpenSafetyItem[] {
	return [
		...facts.record.safetySignals.filter((s) => s.handledAt === null && Date.parse(s.created) >= now.getTime() - ESCALATION_HORIZON_MS)
			.map((s) => ({ kind: 'safety-signal' as const, id: s.id, since: s.created, safetyOf: s.member })),
		...facts.record.emergencyAccesses.filter((e) => e.reviewedAt === null && Date.parse(e.opened) >= now.getTime() - EMERGENCY_WINDOW_MS)
			.map((e) => ({ kind: 'emergency-access' as const, id: e.id, since: e.opened, safetyOf: null }))
	];
}

/**
 * N3: every open safety item reaches the family's current coordinator, and the coordinating
 * organisation's on-duty address when she has not opened it in time. The write queued the
 * coordinator of its moment; queueing the current one on each pass is a no-op for her (the
 * outbox's unique key) and reaches a coordinator who took over before the item was handled.
 */
function queueSafetyItems(db: Tx, facts: FamilyFacts, now: Date): number {
	const coordinator = facts.coordinator?.professional;
	if (!coordinator) return 0;
	const items = openSafetyItems(facts, now);
	let queued = 0;
	for (const item of items) {
		queued += queueNotification(db, { kind: item.kind, familyId: facts.record.id, itemId: item.id, recipients: [{ kind: 'professional', id: coordinator.id }], at: now });
	}
	const onDuty = db.select({ onDuty: t.organisations.onDuty }).from(t.organisations).where(eq(t.organisations.id, coordinator.organisationId)).get()?.onDuty;
	if (!onDuty) return queued;
	const recipients: Recipient[] = [{ kind: 'on-duty', id: coordinator.organisationId }];
	for (const item of items) {
		if (Date.parse(item.since) + onDuty.afterMinutes * 60_000 > now.getTime()) continue;
		if (coordinatorRead(db, facts.record.id, coordinator.id, item.since, item.safetyOf)) continue;
		queued += queueNotification(db, { kind: item.kind, familyId: facts.record.id, itemId: item.id, recipients, at: now });
	}
	return queued;
}

/**
 * Whether the coordinator read the family at or after `since` on a surface that shows its
 * signals and emergency accesses (her L1 entry); with `safetyOf`, a read of that member's
 * `safety` category, i.e. one that showed her the signal. Entries written before the
 * surface was recorded (null) count as they did then.
 */
function coordinatorRead(db: Tx, familyId: string, professionalId: string, since: string, safetyOf: string | null): boolean {
	const shown = or(isNull(t.accessLog.surface), inArray(t.accessLog.surface, [...SURFACES_SHOWING_ALERTS]));
	const base = and(eq(t.accessLog.familyId, familyId), eq(t.accessLog.professionalId, professionalId), gte(t.accessLog.at, new Date(since).toISOString()), shown);
	const where = safetyOf === null ? base : and(base, sql`EXISTS (SELECT 1 FROM json_each(${t.accessLog.reads}) WHERE json_extract(value, '$.category') = 'safety' AND json_extract(value, '$.subject') = ${safetyOf} AND json_extract(value, '$.allowed'))`);
	return db.select({ one: sql`1` }).from(t.accessLog).where(where).limit(1).get() !== undefined;
}

