/**
 * Calendar arithmetic on `YYYY-MM-DD` strings in Europe/Helsinki (POLICY.md: ages and
 * periods are computed per request from the server clock's Helsinki date).
 */

const helsinkiDate = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Helsinki',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

let lastMinute = NaN;
let lastDate = '';

/**
 * Today's (or `now`'s) calendar date in Helsinki as `YYYY-MM-DD`. Helsinki's offset is
 * whole hours, so its midnight falls on a minute boundary: the date is formatted once
 * per minute (every request asks for it).
 */
export function helsinkiToday(now: Date = new Date()): string {
	const minute = Math.floor(now.getTime() / 60_000);
	if (minute !== lastMinute) {
		lastDate = helsinkiDate.format(now);
		lastMinute = minute;
	}
	return lastDate;
}

/**
 * The Helsinki calendar date of a `YYYY-MM-DD` date (itself) or of an ISO timestamp: a
 * timestamp's first ten characters are its UTC date, which is the day before in Helsinki
 * for anything written between midnight and 02:00 or 03:00.
 */
export function helsinkiDayOf(value: string): string {
	return value.length === 10 ? value : helsinkiDate.format(new Date(value));
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
	const match = DATE_PATTERN.exec(value);
	if (!match) return false;
	const [, y, m, d] = match.map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An ISO 8601 timestamp with a zone whose day exists: `Date.parse` alone takes 30 February
 * (and rolls it into March) and many forms that are not ISO 8601 at all, e.g. "pro-12".
 */
export function isIsoTimestamp(value: string): boolean {
	const match = TIMESTAMP_PATTERN.exec(value);
	return match !== null && isIsoDate(match[1]);
}

/** Whole years from `birthDate` to `today`; a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, today: string): number {
	const [by, bm, bd] = birthDate.split('-').map(Number);
	const [ty, tm, td] = today.split('-').map(Number);
	let age = ty - by;
	if (tm < bm || (tm === bm && td < bd)) age -= 1;
	return age;
}

/** `[from, until)` contains `today`; a null `until` is open-ended. */
export function periodCovers(from: string, until: string | null, today: string): boolean {
	return from <= today && (until === null || today < until);
}

/** Whole days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The date `years` after `date`, clamped to the month's end (29 Feb -> 28 Feb). */
export function addYears(date: string, years: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
	return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The instant of a Helsinki wall-clock time, as ISO 8601 with its offset (+02:00 or +03:00). */
export function helsinkiInstant(date: string, time: string): string {
	const guess = new Date(`${date}T${time}:00Z`);
	const offsetOf = (at: Date) => {
		const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' }).formatToParts(at);
		const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+02:00';
		return name === 'GMT' ? '+00:00' : name.slice(3);
	};
	// The offset at the guessed instant, checked once more at the corrected one (DST edges).
	const first = offsetOf(guess);
	const corrected = new Date(Date.parse(`${date}T${time}:00${first}`));
	return `${date}T${time}:00${offsetOf(corrected)}`;
}
