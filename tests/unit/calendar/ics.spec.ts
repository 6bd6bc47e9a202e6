/**
 * Calendar files (K1): Europe/Helsinki's VTIMEZONE agrees with the runtime's time-zone
 * data, a meeting keeps its local time across the daylight-saving changes, whatever
 * zone the server runs in, and an entry carries only start, length, title and link.
 * The files are read back by Mozilla's ical.js (tests/support/ics.ts), not by our code.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HELSINKI_VTIMEZONE, helsinkiVtimezone, helsinkiWallClock } from '../../../src/lib/server/calendar/helsinki-time';
import { calendarEntryOf, calendarText, calendarUid, DEFAULT_MEETING_MINUTES } from '../../../src/lib/server/calendar/ics';
import type { MeetingRecord } from '../../../src/lib/server/policy/types';
import ICAL from 'ical.js';
import { readIcs, zoneOffsetAt } from '../../support/ics';
import { createHash } from 'node:crypto';

/** A portal key, as portal-keys.ts makes one. */
const KEY = new Uint8Array(32).fill(7);

const helsinkiOffset = (instant: number) => {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' }).formatToParts(new Date(instant));
	const name = parts.find((p) => p.type === 'timeZoneName')!.value; // GMT+02:00
	return Number(name.slice(4, 6)) * 60 + Number(name.slice(7, 9));
};

const meeting = (id: string, start: string): MeetingRecord => ({ id, start, title: 'Perhetyön tapaaminen', members: ['amal'], professionals: [], place: 'Itäkeskuksen perhekeskus, huone 3', interpreterBooked: ['ar'] });
const url = new URL('https://portal.example/family/meetings');
const fileOf = (...meetings: MeetingRecord[]) => calendarText('Perheen tilanne', meetings.map((x) => calendarEntryOf(x, 'Tapaaminen – perheportaali', url, KEY)), new Date('2027-03-01T10:00:00Z'));

describe('the hand-written VTIMEZONE of Europe/Helsinki', () => {
	// The zone as ical.js reads it from our text: a calendar of that VTIMEZONE alone.
	const zone = readIcs(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', HELSINKI_VTIMEZONE, 'END:VCALENDAR', ''].join('\r\n')).timezone!;

	it('is read by ical.js as Europe/Helsinki', () => {
		expect(zone.tzid).toBe('Europe/Helsinki');
	});

	it('gives the offset of the runtime time-zone data at every instant of 2000-2060', () => {
		fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }), (instant) => {
			expect(zoneOffsetAt(zone, instant)).toBe(helsinkiOffset(instant));
		}), { numRuns: 2000 });
	});

	it('changes exactly at 01:00 UTC on the last Sundays of March and October', () => {
		for (const [before, after] of [['2027-03-28T00:59:59Z', '2027-03-28T01:00:00Z'], ['2027-10-31T00:59:59Z', '2027-10-31T01:00:00Z']]) {
			expect(zoneOffsetAt(zone, Date.parse(before))).toBe(helsinkiOffset(Date.parse(before)));
			expect(zoneOffsetAt(zone, Date.parse(after))).toBe(helsinkiOffset(Date.parse(after)));
			expect(zoneOffsetAt(zone, Date.parse(before))).not.toBe(zoneOffsetAt(zone, Date.parse(after)));
		}
	});

	it('is generated for Helsinki only', () => {
		expect(helsinkiVtimezone('Europe/Helsinki')).toBe(HELSINKI_VTIMEZONE);
		expect(helsinkiVtimezone('Europe/Stockholm')).toBeNull();
	});
});

describe('a meeting in the calendar file', () => {
	const originalTz = process.env.TZ;
	afterEach(() => {
		if (originalTz === undefined) delete process.env.TZ;
		else process.env.TZ = originalTz;
	});

	it.each(['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Helsinki'])('keeps its Helsinki time before and after the March change, the server in %s', (zone) => {
		process.env.TZ = zone;
		const before = meeting('meet-a', '2027-03-25T15:00:00+02:00'); // Thursday before the change (28 March 2027)
		const after = meeting('meet-b', '2027-04-01T15:00:00+03:00'); // Thursday after it
		const text = fileOf(before, after);
		const [first, second] = readIcs(text).events;
		expect([first.startZone, first.startWall]).toEqual(['Europe/Helsinki', '2027-03-25T15:00:00']);
		expect([second.startZone, second.startWall]).toEqual(['Europe/Helsinki', '2027-04-01T15:00:00']);
		// Read back through the file's own VTIMEZONE, as a calendar would: the meeting's instants.
		expect(first.startInstant).toBe(Date.parse(before.start));
		expect(second.startInstant).toBe(Date.parse(after.start));
		expect(new Date(first.startInstant).toISOString()).toBe('2027-03-25T13:00:00.000Z');
		expect(new Date(second.startInstant).toISOString()).toBe('2027-04-01T12:00:00.000Z');
		expect(first.endInstant - Date.parse(before.start)).toBe(DEFAULT_MEETING_MINUTES * 60_000);
	});

	it('keeps its local time on the October change too, and the stamp is UTC', () => {
		process.env.TZ = 'UTC';
		const text = fileOf(meeting('meet-c', '2027-10-30T10:00:00+03:00'), meeting('meet-d', '2027-11-01T10:00:00+02:00'));
		const { events } = readIcs(text);
		expect(events.map((e) => e.startWall)).toEqual(['2027-10-30T10:00:00', '2027-11-01T10:00:00']);
		expect(events.map((e) => new Date(e.startInstant).toISOString())).toEqual(['2027-10-30T07:00:00.000Z', '2027-11-01T08:00:00.000Z']);
		for (const e of events) {
			const stamp = e.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
			expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
			expect(stamp.toString()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		}
	});

	it('says nothing but start, length, a neutral title and the link: no title, id or participant of the meeting', () => {
		const text = fileOf(meeting('meet-haddad-plan', '2027-03-25T15:00:00+02:00'));
		const [event] = readIcs(text).events;
		expect([...event.properties].sort()).toEqual(['CLASS', 'DESCRIPTION', 'DTEND', 'DTSTAMP', 'DTSTART', 'SEQUENCE', 'SUMMARY', 'UID', 'URL']);
		expect(event.text('SUMMARY')).toBe('Tapaaminen – perheportaali');
		expect(event.text('URL')).toBe('https://portal.example/family/meetings');
		expect(event.text('DESCRIPTION')).toBe('https://portal.example/family/meetings');
		expect(event.text('CLASS')).toBe('PRIVATE');
		expect(text).not.toMatch(/haddad|amal|Perhetyön/i);
		expect(text).not.toMatch(/^(LOCATION|ATTENDEE|ORGANIZER|CONTACT|COMMENT)[;:]/m);
	});

	it('has a stable id per meeting that does not carry the meeting id', () => {
		expect(calendarUid(KEY, 'meet-haddad-plan', 'portal.example')).toBe(calendarUid(KEY, 'meet-haddad-plan', 'portal.example'));
		expect(calendarUid(KEY, 'meet-haddad-plan', 'portal.example')).not.toBe(calendarUid(KEY, 'meet-haddad-weekly', 'portal.example'));
		expect(calendarUid(KEY, 'meet-haddad-plan', 'portal.example')).toMatch(/^[0-9a-f]{32}@portal\.example$/);
	});

	it('an id cannot be told by guessing meeting ids without the portal\'s key (K1): not a plain hash, and another key gives another id', () => {
		const plain = createHash('sha256').update('calendar-entry:meet-haddad-plan').digest('hex').slice(0, 32);
		const plainOfId = createHash('sha256').update('meet-haddad-plan').digest('hex').slice(0, 32);
		const uid = calendarUid(KEY, 'meet-haddad-plan', 'portal.example');
		expect([plain, plainOfId].map((digest) => `${digest}@portal.example`)).not.toContain(uid);
		expect(calendarUid(new Uint8Array(32).fill(8), 'meet-haddad-plan', 'portal.example')).not.toBe(uid);
	});

	it('the wall clock is Helsinki time at any instant (server zone aside)', () => {
		process.env.TZ = 'America/Los_Angeles';
		fc.assert(fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2050, 0, 1) }), (instant) => {
			const { date, time } = helsinkiWallClock(new Date(instant));
			const local = new Date(instant + helsinkiOffset(instant) * 60_000).toISOString();
			expect(`${date}T${time}`).toBe(`${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)}T${local.slice(11, 13)}${local.slice(14, 16)}${local.slice(17, 19)}`);
		}), { numRuns: 500 });
	});
});

describe('N1: a meeting\'s place stays in the portal', () => {
	it('the entry carries no place or interpreter, although the meeting has both', () => {
		const text = fileOf(meeting('m-place', '2027-03-10T08:00:00Z'));
		expect(text).not.toMatch(/Itäkeskus|huone|^LOCATION|arabi/im);
	});
});
