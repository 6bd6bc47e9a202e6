/**
 * The notification worker in the server process: it sends what is due in the outbox and
 * runs the scheduler's pass. Each notification is decided again when its turn comes:
 * N3 (the person's channels now, quiet hours) and N2 (may the person still see the item,
 * asked of the policy as a read); what may not be sent is `dropped`. A failure is retried
 * with exponential back-off (1, 2, 4 ... minutes), `failed` with its error after the last.
 */
import { and, asc, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { stopBeforeClose } from '../db/serving';
import * as t from '../db/schema';
import { currentClock } from '../family-access';
import { loadFamilyRecord } from '../family-record';
import { decide } from '../policy/decide';
import { computeFacts } from '../policy/facts';
import { channelSender, type Delivery, type Sender } from './channels';
import { withoutAddresses } from './delivery';
import { chosenChannels, contactOf, principalOf, type Contact } from './queue';
import { inQuietHours, quietHoursEnd } from './quiet';
import { dailyRemindersDue, scheduleDueNotificationsGently } from './scheduler';
import { helsinkiToday } from '../time';
import { linkPath, notificationText } from './texts';
import { overridesSettings } from '../policy/notify';
import { SAFETY_KINDS, type Recipient } from './types';

export const MAX_ATTEMPTS = 8;
/** Minutes before attempt n+1 after n failed ones: 1, 2, 4 ... */
export const backoffMinutes = (attempts: number) => 2 ** Math.max(0, attempts - 1);

type Row = typeof t.notifications.$inferSelect;
/** `now` is the worker's clock, read again for each row (tests give their own); `signal` stops the pass before its next row. */
export type SendOptions = { now?: () => Date; sender?: Sender; origin?: string; limit?: number; signal?: AbortSignal };

/** Rows one pass takes at most. */
const PASS_ROWS = 100;
/**
 * How long one pass keeps taking rows, on the worker's clock. Passes never overlap, and
 * the scheduler (escalations to the on-duty address, N3) runs only between them: with an
 * SMTP server that takes seconds a message, 100 rows would hold it back for minutes.
 */
export const PASS_BUDGET_MS = 30_000;

const realClock = () => new Date();

/**
 * Sends (or drops, or puts off) the queued notifications that are due, one at a time until
 * none is due, the pass has handled `limit` rows or run PASS_BUDGET_MS. Returns how many
 * rows it handled.
 */
export async function sendDueNotifications(db: Db, options: SendOptions = {}): Promise<number> {
	const clock = options.now ?? realClock;
	const sender = options.sender ?? channelSender();
	const origin = (options.origin ?? process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/+$/, '');
	const began = clock().getTime();
	let handled = 0;
	// Each row is taken and judged (due, N2, quiet hours) at its own moment, not the pass's:
	// after slow sends the pass's start may lie outside a person's quiet hours that hold now.
	while (handled < (options.limit ?? PASS_ROWS) && !options.signal?.aborted) {
		const now = clock();
		if (now.getTime() - began >= PASS_BUDGET_MS) break;
		const row = nextDue(db, now);
		if (!row) break;
		await handle(db, row, now, sender, origin, clock);
		handled++;
	}
	return handled;
}

/**
 * The next due row: safety signals and emergency accesses first (N3: they must reach the
 * coordinator and the on-duty address now, not after a morning's task reminders behind a
 * slow server), then the row due longest.
 */
function nextDue(db: Db, now: Date): Row | undefined {
	return db.select().from(t.notifications)
		.where(and(eq(t.notifications.status, 'queued'), lte(t.notifications.nextAttemptAt, now.toISOString())))
		.orderBy(desc(inArray(t.notifications.kind, [...SAFETY_KINDS])), asc(t.notifications.nextAttemptAt), asc(t.notifications.id)).limit(1).get();
}

async function handle(db: Db, row: Row, now: Date, sender: Sender, origin: string, clock: () => Date) {
	const recipient: Recipient = { kind: row.recipientKind, id: row.recipientId };
	const contact = contactOf(db, recipient);
	const to = contact && (row.channel === 'email' ? contact.email : contact.phone);
	if (!contact || !to) return drop(db, row, 'N3: no address for this channel');
	if (!chosenChannels(contact, row.kind, recipient).includes(row.channel)) return drop(db, row, 'N3: the person no longer chose this channel');
	const refusal = mayNotSee(db, row, recipient, now);
	if (refusal) return drop(db, row, refusal);
	const waitUntil = quietUntil(contact, row, now);
	if (waitUntil) {
		db.update(t.notifications).set({ nextAttemptAt: waitUntil.toISOString() }).where(eq(t.notifications.id, row.id)).run();
		return;
	}
	// Claimed before sending (sendingSince): should the process die mid-send, the next
	// worker start finds the claim and sends the row again at once (releaseAbandonedClaims),
	// under the same identity, so that the receiver can tell the repeat.
	const attempts = row.attempts + 1;
	db.update(t.notifications).set({
		attempts, sendingSince: now.toISOString(),
		nextAttemptAt: new Date(now.getTime() + backoffMinutes(attempts) * 60_000).toISOString()
	}).where(eq(t.notifications.id, row.id)).run();
	const text = notificationText(row.kind, row.channel, origin + linkPath(row.kind, row.recipientKind), localeOf(db, recipient));
	const identity = notificationIdentity(row);
	const outcome = await attempt(() => sender({ channel: row.channel, to, subject: text.subject, text: text.text, identity, origin }), attempts, clock);
	if (!db.$client.open) {
		// Only when a clean stop gave up waiting for this send (runNotificationWorker): the claim stays.
		console.warn(`notifications: ${identity} ended after the database closed; it goes again at the next start`);
		return;
	}
	db.update(t.notifications).set(outcome).where(eq(t.notifications.id, row.id)).run();
}

/** What an attempt leaves in its row: sent (or logged), else its error, and `failed` after the last attempt. The claim ends either way. */
async function attempt(send: () => Promise<Delivery>, attempts: number, clock: () => Date): Promise<Partial<typeof t.notifications.$inferInsert>> {
	try {
		const delivery = await send();
		return { status: delivery, sentAt: clock().toISOString(), lastError: null, sendingSince: null };
	} catch (error) {
		// Kept without addresses: administrators read it (delivery.ts), and an SMTP error may echo the recipient.
		const message = withoutAddresses(String((error as Error)?.message ?? error)).slice(0, 500);
		return attempts >= MAX_ATTEMPTS ? { status: 'failed', lastError: message, sendingSince: null } : { lastError: message, sendingSince: null };
	}
}

/**
 * The outbox row's name on every channel and attempt: its id and its queueing instant
 * (milliseconds, base 36). The instant tells apart two databases whose rows share an id
 * (a demo and the real portal sending to one gateway); a restored copy keeps both, so a
 * notification sent again from it is still recognised as the same one.
 */
export function notificationIdentity(row: Pick<Row, 'id' | 'createdAt'>): string {
	const created = Date.parse(row.createdAt);
	return `notification-${row.id}.${Number.isFinite(created) ? created.toString(36) : '0'}`;
}

/**
 * Rows a dead process claimed and never finished (claimed, still queued, no error noted):
 * due again at `now` and unclaimed. Only at the worker's start: one server process serves
 * a database (server-lock.ts), so any claim found then belongs to a process that is gone.
 * The message may have reached its receiver before the process died; it goes again under
 * the same identity (Message-ID, Idempotency-Key). Returns how many rows were released.
 */
export function releaseAbandonedClaims(db: Db, now: Date = new Date()): number {
	return db.update(t.notifications).set({ nextAttemptAt: now.toISOString(), sendingSince: null })
		.where(and(eq(t.notifications.status, 'queued'), isNotNull(t.notifications.sendingSince)))
		.run().changes;
}

function drop(db: Db, row: Row, why: string) {
	db.update(t.notifications).set({ status: 'dropped', lastError: why }).where(eq(t.notifications.id, row.id)).run();
}

/**
 * N2 when sent: the reason the recipient may not be told, or null. A member or
 * professional is asked of the policy as a read of the item; an on-duty address only
 * hears of a safety signal still not handled, or an emergency access still not reviewed.
 */
function mayNotSee(db: Db, row: Row, recipient: Recipient, now: Date): string | null {
	const record = loadFamilyRecord(db, row.familyId);
	if (!record) return 'N2: the family is gone';
	const facts = computeFacts(record, currentClock(now));
	if (recipient.kind === 'on-duty') {
		if (row.kind === 'safety-signal') return record.safetySignals.find((s) => s.id === row.itemId)?.handledAt === null ? null : 'N3: handled meanwhile';
		if (row.kind === 'emergency-access') return record.emergencyAccesses.find((e) => e.id === row.itemId)?.reviewedAt === null ? null : 'N3: reviewed meanwhile';
		return 'N3: on-duty addresses hear only of safety signals and emergency accesses';
	}
	const who = principalOf(facts, recipient);
	if (!who) return 'N2: not a person of this family';
	const decision = decide(facts, who, { type: 'notify.item', kind: row.kind, itemId: row.itemId });
	return decision.allow ? null : `N2: ${decision.rules.join(' ')}`;
}

/** When quiet hours hold the notification back, the instant they end. Safety signals and emergency accesses do not wait (N3). */
function quietUntil(contact: Contact, row: Row, now: Date): Date | null {
	const quiet = contact.settings?.quiet;
	if (!quiet || row.recipientKind === 'on-duty' || overridesSettings(row.kind, row.recipientKind)) return null;
	return inQuietHours(quiet, now) ? quietHoursEnd(quiet, now) : null;
}

/** The recipient's language: their account's choice, else a member's recorded language, else Finnish. */
function localeOf(db: Db, recipient: Recipient): string | null {
	if (recipient.kind === 'on-duty') return null;
	const owner = recipient.kind === 'member' ? t.accounts.memberId : t.accounts.professionalId;
	const account = db.select({ locale: t.accounts.locale }).from(t.accounts).where(eq(owner, recipient.id)).get();
	if (account?.locale) return account.locale;
	if (recipient.kind !== 'member') return null;
	return db.select({ language: t.members.language }).from(t.members).where(eq(t.members.id, recipient.id)).get()?.language ?? null;
}

/** The Helsinki day the daily reminders last ran in this process (a restart runs them again: the outbox's key keeps them single). */
let remindersRanOn: string | null = null;

/** One pass: the scheduler's time-based events (the daily reminders once a day), then the due notifications. */
export async function notificationPass(db: Db, options: SendOptions = {}): Promise<void> {
	const now = (options.now ?? realClock)();
	const reminders = dailyRemindersDue(remindersRanOn, now);
	await scheduleDueNotificationsGently(db, now, { reminders, signal: options.signal });
	if (reminders) remindersRanOn = helsinkiToday(now);
	await sendDueNotifications(db, options);
}

/** A worker running in this process. */
export type NotificationWorker = {
	/**
	 * Takes no new row and starts no new pass, then waits up to the worker's `stopWaitMs`
	 * for the pass in flight. True when it ended in time, false when it is still sending.
	 */
	stop: () => Promise<boolean>;
};

/**
 * How long a clean stop waits for the send in flight to end and be recorded. Sends go one
 * at a time: one takes well under a second on a healthy SMTP server or gateway, a few on a
 * slow one (the review's case: 5 s a message); 10 s covers that twice over and keeps the
 * stop inside what a service manager grants before it kills (systemd 90 s; Kubernetes 30 s
 * from SIGTERM, of which adapter-node's requests usually take little).
 */
export const STOP_WAIT_MS = 10_000;

export type WorkerOptions = SendOptions & { intervalMs?: number; stopWaitMs?: number };

/**
 * Runs passes every `intervalMs` (the first after a second, or sooner with a shorter
 * interval), never two at once, until `stop`.
 */
export function runNotificationWorker(db: Db, options: WorkerOptions = {}): NotificationWorker {
	const { intervalMs = 30_000, stopWaitMs = STOP_WAIT_MS, ...passOptions } = options;
	const stopping = new AbortController();
	let pass: Promise<void> | null = null;
	const tick = () => {
		if (pass || stopping.signal.aborted || !db.$client.open) return;
		pass = notificationPass(db, { ...passOptions, signal: stopping.signal })
			.catch((error) => console.error('notification pass failed:', error))
			.finally(() => { pass = null; });
	};
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	const first = setTimeout(tick, Math.min(1000, intervalMs));
	first.unref();
	return {
		stop: async () => {
			stopping.abort();
			clearInterval(timer);
			clearTimeout(first);
			if (!pass) return true;
			console.log(`notifications: stopping; waiting up to ${stopWaitMs / 1000} s for the pass in flight`);
			if (await endsWithin(pass, stopWaitMs)) return true;
			// At least once, as after a crash: the row stays claimed, and the next start sends it
			// again under the same identity (releaseAbandonedClaims).
			console.warn(`notifications: a send still in flight after ${stopWaitMs / 1000} s stays claimed; it goes again at the next start`);
			return false;
		}
	};
}

/** Whether `work` settles within `ms`. */
async function endsWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
	try {
		return await Promise.race([work.then(() => true, () => true), late]);
	} finally {
		clearTimeout(timer);
	}
}

let started = false;

/**
 * Starts the worker in the server process (hooks.server.ts `init`): a pass every
 * `NOTIFY_INTERVAL_SECONDS` (default 30). Sending never blocks a request: it runs between
 * them, and each e-mail or POST is awaited off the request path. At a clean stop the
 * served database waits for `stop` before it closes (serving.ts): a send that ended
 * after the close could not be marked sent, and the next start would send it again.
 */
export function startNotificationWorker(db: Db, env: Record<string, string | undefined> = process.env): void {
	if (started || env.NOTIFY_WORKER === 'off') return;
	started = true;
	const released = releaseAbandonedClaims(db);
	if (released > 0) console.log(`notifications: ${released} left mid-send by a stopped server, sent again now`);
	const seconds = Number(env.NOTIFY_INTERVAL_SECONDS ?? '30');
	const intervalMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
	stopBeforeClose(runNotificationWorker(db, { intervalMs }).stop);
}
