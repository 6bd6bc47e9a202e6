/**
 * Moving a scenario in time: every date and timestamp shifted by the same number of
 * days, so that a file written "as of" one day tells the same story today (ages,
 * open periods, a 3-day-old invitation stay what they were).
 */
import { addDays, daysBetween, isIsoTimestamp } from '../time';

export { daysBetween };

const DATE_KEYS = new Set(['birthDate', 'from', 'until', 'start', 'end', 'due', 'created', 'answered', 'revoked', 'review', 'opened', 'sent']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function shiftValue(value: unknown, days: number): unknown {
	if (typeof value !== 'string') return value;
	if (DATE.test(value)) return addDays(value, days);
	// Only a timestamp moves: `from` is also an invitation's professional id, and Date.parse takes "pro-12".
	return isIsoTimestamp(value) ? new Date(Date.parse(value) + days * DAY_MS).toISOString() : value;
}

/** A copy of the parsed scenario document with its dates moved by `days`. */
export function shiftScenario<T>(document: T, days: number): T {
	const walk = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(walk);
		if (node === null || typeof node !== 'object') return node;
		return Object.fromEntries(Object.entries(node).map(([key, value]) =>
			[key, DATE_KEYS.has(key) ? shiftValue(value, days) : walk(value)]));
	};
	return walk(document) as T;
}
