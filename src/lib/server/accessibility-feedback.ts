/**
 * The administrators' list of accessibility feedback (rule F1): each message with the
 * Helsinki days left of the 14 in which Act 306/2019 expects an answer. No family data.
 */
import { desc, isNotNull, isNull } from 'drizzle-orm';
import { ANSWER_DAYS } from '../accessibility-statement';
import type { Db } from './db';
import { accessibilityFeedback } from './db/schema';
import { decide } from './policy/decide';
import type { Principal } from './policy/types';
import { addDays, daysBetween, helsinkiDayOf, helsinkiToday } from './time';

/** How many answered messages the list still shows, newest first; the table keeps all. */
const ANSWERED_SHOWN = 20;

export type FeedbackItem = {
	id: string; created: string; message: string; contact: string | null; page: string | null; signedIn: boolean;
	/** The Helsinki day by which it must be answered. */
	due: string;
	/** Days left until `due` (0 on the day itself), negative when overdue; null once answered. */
	daysLeft: number | null;
	overdue: boolean;
	answeredAt: string | null;
};

type Row = typeof accessibilityFeedback.$inferSelect;

function toItem(row: Row, today: string): FeedbackItem {
	const due = addDays(helsinkiDayOf(row.created), ANSWER_DAYS);
	const daysLeft = row.answeredAt ? null : daysBetween(today, due);
	return {
		id: row.id, created: row.created, message: row.message, contact: row.contact, page: row.page, signedIn: row.accountId !== null,
		due, daysLeft, overdue: daysLeft !== null && daysLeft < 0, answeredAt: row.answeredAt
	};
}

/**
 * The list for an administrator, or null for anyone else (F1). Open messages come first,
 * the overdue ones at the top (longest overdue first), then by days left; the latest
 * answered ones follow.
 */
export function listAccessibilityFeedback(db: Db, who: Principal, now = new Date()): FeedbackItem[] | null {
	if (!decide(null, who, { type: 'accessibilityFeedback.read' }).allow) return null;
	const today = helsinkiToday(now);
	const open = db.select().from(accessibilityFeedback).where(isNull(accessibilityFeedback.answeredAt)).all()
		.map((row) => toItem(row, today))
		.sort((a, b) => a.daysLeft! - b.daysLeft! || a.created.localeCompare(b.created));
	const answered = db.select().from(accessibilityFeedback).where(isNotNull(accessibilityFeedback.answeredAt))
		.orderBy(desc(accessibilityFeedback.answeredAt)).limit(ANSWERED_SHOWN).all()
		.map((row) => toItem(row, today));
	return [...open, ...answered];
}
