/**
 * Calendar files (RFC 5545) of meetings, written with ical-generator. What an entry may
 * carry is fixed here (K1 after N1): a start, a length, a neutral title and a link to the
 * portal, nothing else: no names, places, organisations, services or free text.
 */
import ical, { ICalEventClass } from 'ical-generator';
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { MeetingRecord } from '../policy/types';
import { HELSINKI, HelsinkiInstant, helsinkiVtimezone } from './helsinki-time';

/** A meeting without a recorded length is entered as an hour long. */
export const DEFAULT_MEETING_MINUTES = 60;

/** Everything a calendar entry says: built only by `calendarEntryOf`. */
export type CalendarEntry = { uid: string; start: Date; minutes: number; title: string; url: string };

/**
 * The meeting's length in minutes. Meetings have no recorded length yet; when they get
 * one (issue #13), read it here.
 */
export function meetingMinutes(_meeting: MeetingRecord): number {
	return DEFAULT_MEETING_MINUTES;
}

/**
 * A stable entry id that tells nothing: meeting ids are scenario ids such as
 * `meet-haddad-plan`, which name the family, so only their HMAC under the portal's own
 * key leaves the server (a plain hash could be reversed by guessing ids; K1). The same
 * meeting keeps its id, so a calendar updates it rather than adding a copy.
 */
export function calendarUid(key: Uint8Array, meetingId: string, host: string): string {
	const digest = encodeHexLowerCase(hmac(SHA256, key, new TextEncoder().encode(meetingId)));
	return `${digest.slice(0, 32)}@${host}`;
}

/**
 * The entry of one meeting the reader may see (the caller asked the policy, K1): `title`
 * is the neutral title in the reader's language, `url` the portal page to open.
 */
export function calendarEntryOf(meeting: MeetingRecord, title: string, url: URL, key: Uint8Array): CalendarEntry {
	return { uid: calendarUid(key, meeting.id, url.host), start: new Date(meeting.start), minutes: meetingMinutes(meeting), title, url: url.href };
}

/**
 * The `text/calendar` body of the entries: times in Europe/Helsinki with its VTIMEZONE,
 * so that a meeting keeps its local time across the daylight-saving changes. `name` is
 * the portal's neutral name. Entries are marked private for shared calendars.
 */
export function calendarText(name: string, entries: readonly CalendarEntry[], now: Date = new Date()): string {
	const calendar = ical({
		name,
		prodId: { company: 'family-portal', product: 'calendar', language: 'EN' },
		// No calendar-wide zone name: DTSTAMP stays in UTC as RFC 5545 requires; each event names Helsinki.
		timezone: { name: null, generator: helsinkiVtimezone }
	});
	for (const entry of entries) {
		calendar.createEvent({
			id: entry.uid,
			start: new HelsinkiInstant(entry.start),
			end: new HelsinkiInstant(new Date(entry.start.getTime() + entry.minutes * 60_000)),
			timezone: HELSINKI,
			stamp: now,
			summary: entry.title,
			description: entry.url,
			url: entry.url,
			class: ICalEventClass.PRIVATE
		});
	}
	return calendar.toString();
}
