/**
 * Which meetings go into a person's calendar (K1): each meeting is asked of the policy
 * (`read.calendarEntry`) with the reader's own principal at the moment of reading, so a
 * block, an ended team period or a lapsed emergency access takes entries away at once.
 * A professional's calendar read is a read of the family's `basic` data, logged (L1).
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Db } from '../db';
import { meetings } from '../db/schema';
import { appendAccessLog } from '../access-log';
import { candidateFamiliesOf } from '../family-access';
import { loadFamilyRecord } from '../family-record';
import { computeFacts, type FamilyFacts } from '../policy/facts';
import { decide, standingFor } from '../policy/decide';
import { reachesFamily } from '../policy/preamble';
import { ReadLog } from '../policy/read-log';
import type { Clock, MeetingRecord, Principal } from '../policy/types';
import { calendarEntryOf, calendarText, type CalendarEntry } from './ics';
import { portalKey } from '../portal-keys';

/** A feed lists meetings from this many days back (and every later one). */
export const FEED_DAYS_BACK = 90;

/** Where an entry's link leads: the family's meetings page, a professional's day. Never an id: ids can name a family. */
function portalPathOf(who: Principal): string {
	return who.kind === 'member' ? '/family/meetings' : '/pro';
}

/**
 * The meetings of one family that the reader may have in a calendar, among `wanted`;
 * a professional's read of them is appended to the access log, allowed or denied (L1),
 * once for the request, when anything was decided.
 */
function visibleMeetings(db: Db, facts: FamilyFacts, who: Principal, wanted: readonly MeetingRecord[], clock: Clock, logDenied: boolean): MeetingRecord[] {
	const reads = new ReadLog();
	const seen = wanted.filter((meeting) => {
		const decision = decide(facts, who, { type: 'read.calendarEntry', meeting });
		reads.note(null, 'basic', decision);
		return decision.allow;
	});
	if (who.kind === 'professional' && wanted.length > 0 && (seen.length > 0 || logDenied)) {
		const standing = standingFor(facts, who);
		appendAccessLog(db, {
			professional: who, familyId: facts.record.id, reads: reads.list(), surface: 'calendar',
			emergency: (standing?.emergency.length ?? 0) > 0, at: clock.now
		});
	}
	return seen;
}

function entriesOf(db: Db, who: Principal, list: readonly MeetingRecord[], origin: string, locale: Locale): CalendarEntry[] {
	const title = m.calendar_entry_title({}, { locale });
	const url = new URL(portalPathOf(who), origin);
	const key = portalKey(db, 'calendar-entry');
	return list.map((meeting) => calendarEntryOf(meeting, title, url, key));
}

/**
 * The `.ics` of one meeting for a signed-in reader, or null (the route answers 404) when
 * there is no such meeting or the policy does not let the reader see it: the same answer
 * either way. A professional's request is logged like a page read, also when denied.
 */
export function meetingCalendar(db: Db, who: Principal, meetingId: string, origin: string, locale: Locale, clock: Clock): string | null {
	const row = db.select({ familyId: meetings.familyId }).from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!row || !reachesFamily(who, row.familyId)) return null;
	const record = loadFamilyRecord(db, row.familyId);
	const meeting = record?.meetings.find((x) => x.id === meetingId);
	if (!record || !meeting) return null;
	const seen = visibleMeetings(db, computeFacts(record, clock), who, [meeting], clock, true);
	return seen.length === 0 ? null : calendarText(m.app_name({}, { locale }), entriesOf(db, who, seen, origin, locale), clock.now);
}

/**
 * The personal feed of `who` (its owner): every meeting from `FEED_DAYS_BACK` days back
 * that the owner may see now, in every family they reach. For a professional each family
 * with a meeting in the feed gets one access-log entry per feed read (L1); families where
 * nothing was shown are not logged, so a calendar app's polling does not fill the log.
 */
export function feedCalendar(db: Db, who: Principal, origin: string, locale: Locale, clock: Clock): string {
	const since = clock.now.getTime() - FEED_DAYS_BACK * 24 * 60 * 60 * 1000;
	const familyIds = who.kind === 'member' ? [who.familyId] : who.kind === 'professional' ? candidateFamiliesOf(db, who.professionalId).map((f) => f.id) : [];
	const seen: MeetingRecord[] = [];
	for (const familyId of familyIds) {
		const record = loadFamilyRecord(db, familyId);
		if (!record) continue;
		const wanted = record.meetings.filter((x) => Date.parse(x.start) >= since);
		seen.push(...visibleMeetings(db, computeFacts(record, clock), who, wanted, clock, false));
	}
	// One set of entries for all the families: the portal's key is read once per feed read.
	const entries = entriesOf(db, who, seen, origin, locale).sort((a, b) => a.start.getTime() - b.start.getTime());
	return calendarText(m.app_name({}, { locale }), entries, clock.now);
}
