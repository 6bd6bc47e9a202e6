/**
 * Calendar files (K1): Europe/Helsinki's VTIMEZONE agrees with the runtime's time-zone
 * data, a meeting keeps its local time across the daylight-saving changes, whatever
 * zone the server runs in, and an entry carries only start, length, title and link.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HELSINKI_VTIMEZONE, helsinkiVtimezone, helsinkiWallClock } from '../../../src/lib/server/calendar/helsinki-time';
import { calendarEntryOf, calendarText, calendarUid, DEFAULT_MEETING_MINUTES } from '../../../src/lib/server/calendar/ics';
import type { MeetingRecord } from '../../../src/lib/server/policy/types';
import { eventsOf, instantOf, observancesOf, offsetAt } from './ics-reader';

const helsinkiOffset = (instant: number) => {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' }).formatToParts(new Date(instant));
	const name = parts.find((p) => p.type === 'timeZoneName')!.value; // GMT+02:00
	return Number(name.slice(4, 6)) * 60 + Number(name.slice(7, 9));
};

const meeting = (id: string, start: string): MeetingRecord => ({ id, start, title: 'Perhetyön tapaaminen', members: ['amal'], professionals: [], place: 'Itäkeskuksen perhekeskus, huone 3', interpreterBooked: ['ar'] });
const url = new URL('https://portal.example/family/meetings');
const fileOf = (...meetings: MeetingRecord[]) => calendarText('Perheen tilanne', meetings.map((x) => calendarEntryOf(x, 'Tapaaminen – perheportaali', url)), new Date('2027-03-01T10:00:00Z'));

describe('the hand-written VTIMEZONE of Europe/Helsinki', () => {
	const observances = observancesOf(HELSINKI_VTIMEZONE);

	it('gives the offset of the runtime time-zone data at every instant of 2000-2060', () => {
		fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }), (instant) => {
			expect(offsetAt(observances, instant)).toBe(helsinkiOffset(instant));
		}), { numRuns: 2000 });
	});

	it('changes exactly at 01:00 UTC on the last Sundays of March and October', () => {
		for (const [before, after] of [['2027-03-28T00:59:59Z', '2027-03-28T01:00:00Z'], ['2027-10-31T00:59:59Z', '2027-10-31T01:00:00Z']]) {
			expect(offsetAt(observances, Date.parse(before))).toBe(helsinkiOffset(Date.parse(before)));
			expect(offsetAt(observances, Date.parse(after))).toBe(helsinkiOffset(Date.parse(after)));
			expect(offsetAt(observances, Date.parse(before))).not.toBe(offsetAt(observances, Date.parse(after)));
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
		const observances = observancesOf(text);
		const [first, second] = eventsOf(text);
		expect(first.DTSTART).toEqual({ params: 'TZID=Europe/Helsinki', value: '20270325T150000' });
		expect(second.DTSTART).toEqual({ params: 'TZID=Europe/Helsinki', value: '20270401T150000' });
		// Read back through the file's own VTIMEZONE, as a calendar would: the meeting's instants.
		expect(instantOf(observances, first.DTSTART.value)).toBe(Date.parse(before.start));
		expect(instantOf(observances, second.DTSTART.value)).toBe(Date.parse(after.start));
		expect(instantOf(observances, first.DTEND.value) - Date.parse(before.start)).toBe(DEFAULT_MEETING_MINUTES * 60_000);
	});

	it('keeps its local time on the October change too, and the stamp is UTC', () => {
		process.env.TZ = 'UTC';
		const text = fileOf(meeting('meet-c', '2027-10-30T10:00:00+03:00'), meeting('meet-d', '2027-11-01T10:00:00+02:00'));
		const events = eventsOf(text);
		expect(events.map((e) => e.DTSTART.value)).toEqual(['20271030T100000', '20271101T100000']);
		for (const e of events) expect(e.DTSTAMP.value).toMatch(/^\d{8}T\d{6}Z$/);
	});

	it('says nothing but start, length, a neutral title and the link: no title, id or participant of the meeting', () => {
		const text = fileOf(meeting('meet-haddad-plan', '2027-03-25T15:00:00+02:00'));
		const [event] = eventsOf(text);
		expect(Object.keys(event).sort()).toEqual(['CLASS', 'DESCRIPTION', 'DTEND', 'DTSTAMP', 'DTSTART', 'SEQUENCE', 'SUMMARY', 'UID', 'URL']);
		expect(event.SUMMARY.value).toBe('Tapaaminen – perheportaali');
		expect(event.URL.value).toBe('https://portal.example/family/meetings');
		expect(event.DESCRIPTION.value).toBe('https://portal.example/family/meetings');
		expect(event.CLASS.value).toBe('PRIVATE');
		expect(text).not.toMatch(/haddad|amal|Perhetyön/i);
		expect(text).not.toMatch(/^(LOCATION|ATTENDEE|ORGANIZER|CONTACT|COMMENT)[;:]/m);
	});

	it('has a stable id per meeting that does not carry the meeting id', () => {
		expect(calendarUid('meet-haddad-plan', 'portal.example')).toBe(calendarUid('meet-haddad-plan', 'portal.example'));
		expect(calendarUid('meet-haddad-plan', 'portal.example')).not.toBe(calendarUid('meet-haddad-weekly', 'portal.example'));
		expect(calendarUid('meet-haddad-plan', 'portal.example')).toMatch(/^[0-9a-f]{32}@portal\.example$/);
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
