/**
 * What administrators see of the notifications: how many of each kind are in which
 * state, and the failures (when, kind, channel, error). Never a recipient, an address or
 * a family: the outbox has no contents to show, and errors are stored without addresses.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import * as t from '../db/schema';
import type { Channel, NotificationKind, NotificationStatus } from './types';

export type DeliveryReport = {
	counts: { kind: NotificationKind; status: NotificationStatus; count: number }[];
	failures: { at: string; kind: NotificationKind; channel: Channel; error: string }[];
};

/** Delivery counts by kind and status, and the latest failures. */
export function deliveryReport(db: Db, failureLimit = 50): DeliveryReport {
	const counts = db.select({ kind: t.notifications.kind, status: t.notifications.status, count: sql<number>`count(*)` })
		.from(t.notifications).groupBy(t.notifications.kind, t.notifications.status)
		.orderBy(t.notifications.kind, t.notifications.status).all();
	const failures = db.select({ at: t.notifications.createdAt, kind: t.notifications.kind, channel: t.notifications.channel, error: t.notifications.lastError })
		.from(t.notifications).where(eq(t.notifications.status, 'failed'))
		.orderBy(desc(t.notifications.createdAt)).limit(failureLimit).all();
	return { counts, failures: failures.map((f) => ({ ...f, error: withoutAddresses(f.error ?? '') })) };
}

/** An error message with every e-mail address and phone number taken out (a gateway may echo them). */
export function withoutAddresses(message: string): string {
	return message
		.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]')
		.replace(/\+?\d[\d\s-]{6,}\d/g, '[number]');
}
