/**
 * Europe/Helsinki for calendar files (K1). ical-generator 10 has no time-zone database:
 * it writes a native Date in the *server process's* zone once a zone is named, and needs
 * a generator for the VTIMEZONE block. Neither generator library is installed, so both
 * halves are here: the VTIMEZONE written by hand from Finland's rules (EU summer time,
 * the change at 01:00 UTC on the last Sunday of March and of October), and a
 * date value that gives ical-generator the Helsinki wall-clock time through its Luxon
 * interface, computed with Intl (the runtime's own zone data), whatever `TZ` the server has.
 */
import type { ICalLuxonDateTimeStub } from 'ical-generator';

export const HELSINKI = 'Europe/Helsinki';

/**
 * RFC 5545 VTIMEZONE for Europe/Helsinki. Each observance starts at the local time just
 * before the change (03:00 EET in spring, 04:00 EEST in autumn = 01:00 UTC), from 1996,
 * when today's EU rules began (earlier years are not written: no meeting is that old).
 */
export const HELSINKI_VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/Helsinki',
	'X-LIC-LOCATION:Europe/Helsinki',
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0300',
	'TZNAME:EEST',
	'DTSTART:19960331T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0300',
	'TZOFFSETTO:+0200',
	'TZNAME:EET',
	'DTSTART:19961027T040000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
].join('\r\n');

/** ical-generator's VTIMEZONE generator: Helsinki only (the portal writes no other zone). */
export function helsinkiVtimezone(zone: string): string | null {
	return zone === HELSINKI ? HELSINKI_VTIMEZONE : null;
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: HELSINKI, hourCycle: 'h23',
	year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'
});

/** The Helsinki wall-clock time of an instant as `YYYYMMDD` and `HHmmss`. */
export function helsinkiWallClock(instant: Date): { date: string; time: string } {
	const part = (type: Intl.DateTimeFormatPartTypes) => wallClock.formatToParts(instant).find((p) => p.type === type)!.value;
	return { date: `${part('year')}${part('month')}${part('day')}`, time: `${part('hour')}${part('minute')}${part('second')}` };
}

/**
 * An instant that ical-generator formats in Helsinki time: the Luxon interface is the one
 * whose zone conversion it delegates to the value (`setZone`, `toFormat`). Only the two
 * formats ical-generator asks for are known; any other is a programming error.
 */
export class HelsinkiInstant implements ICalLuxonDateTimeStub {
	readonly zone = { type: 'iana' };
	constructor(private readonly instant: Date) {
		if (Number.isNaN(instant.getTime())) throw new Error('HelsinkiInstant: not a valid time');
	}
	get isValid(): boolean {
		return true;
	}
	setZone(zone?: string): HelsinkiInstant {
		if (zone !== HELSINKI) throw new Error(`HelsinkiInstant: only ${HELSINKI} is written, not ${zone}`);
		return this;
	}
	toFormat(format: string): string {
		const { date, time } = helsinkiWallClock(this.instant);
		if (format === 'yyyyLLdd') return date;
		if (format === 'HHmmss') return time;
		throw new Error(`HelsinkiInstant: unknown format ${format}`);
	}
	toJSDate(): Date {
		return new Date(this.instant);
	}
	toJSON(): string {
		return this.instant.toISOString();
	}
}
