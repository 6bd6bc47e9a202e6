/**
 * "Who has looked", as the family reads it: one row per professional and Helsinki calendar
 * day, with what they looked at listed once and how many times. The entries come already
 * filtered by L2 (`visibleAccessLog`); the JSON API keeps returning them one by one.
 */
import type { LogEntryView } from './access-log';
import type { Category } from './policy/types';
import { helsinkiToday } from './time';

export type LookGroup = {
	/** Stable within one list: professional, day, and whether it was an emergency access. */
	key: string;
	/** The Helsinki calendar date, `YYYY-MM-DD`. */
	day: string;
	professional: LogEntryView['professional'];
	/** Emergency reads (P8) are never grouped with ordinary ones, and come first. */
	emergency: boolean;
	/** How many logged looks the row stands for. */
	count: number;
	/** The earliest and latest look of the row, ISO instants. */
	first: string;
	last: string;
	/** Whose data and which category, each pair once, in the order first seen. */
	what: { subject: string | null; category: Category }[];
};

/**
 * Groups the reader's visible log entries per professional and Helsinki day (not UTC: a
 * look at 00:30 in Helsinki belongs to that day, though it is 22:30 the day before in
 * UTC); emergency accesses first, then the most recent look first.
 */
export function groupLooks(entries: LogEntryView[]): LookGroup[] {
	const groups = new Map<string, LookGroup>();
	for (const entry of entries) {
		const day = helsinkiToday(new Date(entry.at));
		const key = `${entry.professional?.id ?? ''}|${day}|${entry.emergency ? 'emergency' : 'read'}`;
		let group = groups.get(key);
		if (!group) {
			group = { key, day, professional: entry.professional, emergency: entry.emergency, count: 0, first: entry.at, last: entry.at, what: [] };
			groups.set(key, group);
		}
		group.count++;
		if (Date.parse(entry.at) < Date.parse(group.first)) group.first = entry.at;
		if (Date.parse(entry.at) > Date.parse(group.last)) group.last = entry.at;
		for (const read of entry.reads) {
			if (!group.what.some((w) => w.subject === read.subject && w.category === read.category)) group.what.push({ subject: read.subject, category: read.category });
		}
	}
	return [...groups.values()].sort((a, b) => Number(b.emergency) - Number(a.emergency) || Date.parse(b.last) - Date.parse(a.last));
}
