/**
 * Quiet hours (POLICY.md N3) on Helsinki's wall clock: a notification due inside them
 * waits until they end. `from` after `until` spans midnight (21:00-08:00).
 */
import { addDays, helsinkiInstant, helsinkiToday } from '../time';
import type { QuietHours } from './types';

const helsinkiClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `HH:MM` in Helsinki at `now`. */
export function helsinkiTimeOfDay(now: Date): string {
	return helsinkiClock.format(now);
}

/** Whether `now` falls inside the quiet hours. */
export function inQuietHours(quiet: QuietHours, now: Date): boolean {
	const time = helsinkiTimeOfDay(now);
	if (quiet.from < quiet.until) return quiet.from <= time && time < quiet.until;
	return time >= quiet.from || time < quiet.until;
}

/** The instant the quiet hours around `now` end: `until` today, or tomorrow when that is past. */
export function quietHoursEnd(quiet: QuietHours, now: Date): Date {
	const today = helsinkiToday(now);
	const day = helsinkiTimeOfDay(now) < quiet.until ? today : addDays(today, 1);
	return new Date(helsinkiInstant(day, quiet.until));
}
