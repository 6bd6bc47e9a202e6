/**
 * Calendars (K1) on the demo with the real migrations: the feed lists what its owner may
 * see when it is read (blocks take entries away at once), keeps Helsinki local time across
 * the March change, names nobody and nothing of the demo, stops when renewed or removed,
 * and a professional's calendar read is in the access log (L1).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedCalendar, meetingCalendar } from '../../../src/lib/server/calendar/entries';
import { calendarFeedOf, calendarFeedOwner, removeCalendarFeed, renewCalendarFeed } from '../../../src/lib/server/calendar/feeds';
import { HELSINKI_VTIMEZONE } from '../../../src/lib/server/calendar/helsinki-time';
import { calendarUid } from '../../../src/lib/server/calendar/ics';
import { portalKey } from '../../../src/lib/server/portal-keys';
import { accessLog, accounts, blocks, teamMemberships } from '../../../src/lib/server/db/schema';
import { currentClock } from '../../../src/lib/server/family-access';
import * as writes from '../../../src/lib/server/writes';
import type { Principal } from '../../../src/lib/server/policy/types';
import { allValues, readIcs } from '../../support/ics';
import { DEMO_SCENARIO, demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const ORIGIN = 'https://portal.example';
const HOST = 'portal.example';

const accountOf = (username: string) => test.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)).get()!.id;
/** The feed's owner as the route finds them: through the secret. */
const feedOf = (username: string) => {
	const secret = renewCalendarFeed(test.db, accountOf(username));
	return { secret, read: (at = clock) => feedCalendar(test.db, calendarFeedOwner(test.db, secret)!.principal, ORIGIN, 'fi', at) };
};
const uids = (text: string) => readIcs(text).events.map((e) => e.text('UID'));
const uid = (meetingId: string) => calendarUid(portalKey(test.db, 'calendar-entry'), meetingId, HOST);
const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const pro = (professionalId: string, organisationId: string): Principal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const logEntries = () => test.db.select().from(accessLog).all();

describe('the portal\'s key for calendar entry ids', () => {
	it('is made once and kept (entries keep their ids), and is not the key of OIDC subjects', () => {
		const first = portalKey(test.db, 'calendar-entry');
		expect(first).toHaveLength(32);
		expect(portalKey(test.db, 'calendar-entry')).toEqual(first);
		expect(portalKey(test.db, 'oidc-subject')).not.toEqual(first);
		const { read } = feedOf('amal');
		expect(uids(read())).toEqual(uids(read()));
	});
});

describe('the personal feed', () => {
	it('keeps a March meeting at its Helsinki time before and after the change to summer time', () => {
		const anna = { db: test.db, who: pro('pro-anna', 'org-cw'), familyId: 'fam-haddad', clock };
		expect(writes.scheduleMeeting(anna, { date: '2027-03-25', time: '15:00', participants: ['amal'] }).ok).toBe(true);
		expect(writes.scheduleMeeting(anna, { date: '2027-04-01', time: '15:00', participants: ['amal'] }).ok).toBe(true);
		const { events } = readIcs(feedOf('amal').read());
		const march = events.filter((e) => e.startWall.startsWith('2027-03') || e.startWall.startsWith('2027-04'));
		expect(march.map((e) => [e.startZone, e.startWall, e.endWall])).toEqual([
			['Europe/Helsinki', '2027-03-25T15:00:00', '2027-03-25T16:00:00'],
			['Europe/Helsinki', '2027-04-01T15:00:00', '2027-04-01T16:00:00']
		]);
		// As instants, through the feed's own VTIMEZONE: 15:00 is 13:00 UTC in winter, 12:00 UTC in summer.
		expect(march.map((e) => new Date(e.startInstant).toISOString())).toEqual(['2027-03-25T13:00:00.000Z', '2027-04-01T12:00:00.000Z']);
		expect(march.every((e) => e.text('SUMMARY') === 'Tapaaminen – perheportaali' && e.text('URL') === `${ORIGIN}/family/meetings`)).toBe(true);
	});

	it("lists the family's meetings for a member, in her language, linking to the family's meetings page", () => {
		const text = feedOf('amal').read();
		expect(uids(text).sort()).toEqual([uid('meet-haddad-plan'), uid('meet-haddad-weekly')].sort());
		const english = feedCalendar(test.db, member('amal', 'fam-haddad'), ORIGIN, 'en', clock);
		expect(readIcs(english).events.map((e) => e.text('SUMMARY'))).toEqual(['Meeting – family portal', 'Meeting – family portal']);
	});

	it("a blocked custodian's feed lacks the meetings of the child he is blocked from (M6)", () => {
		const text = feedOf('jari').read();
		expect(uids(text)).toEqual([uid('meet-lahtinen-jari')]);
		expect(uids(feedOf('sari').read())).toContain(uid('meet-lahtinen-plan'));
	});

	it('a block set after the link was made takes the entries away at the next read, same link', () => {
		const amal = feedOf('amal');
		expect(uids(amal.read())).toContain(uid('meet-haddad-weekly'));
		test.db.insert(blocks).values({ id: 'b-amal-omar', familyId: 'fam-haddad', memberId: 'amal', childId: 'omar', reason: 'violence', setBy: 'pro-anna', from: '2026-11-01', review: '2027-01-01' }).run();
		const after = uids(amal.read());
		expect(after).not.toContain(uid('meet-haddad-weekly')); // Omar takes part
		expect(after).toContain(uid('meet-haddad-plan'));
	});

	it("a professional's feed has the meetings of the families she is on the team of, and loses them when her period ends", () => {
		const mikko = feedOf('mikko');
		expect(uids(mikko.read()).sort()).toEqual([uid('meet-haddad-plan'), uid('meet-haddad-weekly')].sort());
		expect(readIcs(mikko.read()).events[0].text('URL')).toBe(`${ORIGIN}/pro`);
		test.db.update(teamMemberships).set({ until: '2026-11-20' }).where(eq(teamMemberships.professionalId, 'pro-mikko')).run();
		expect(uids(mikko.read())).toEqual([]);
	});

	it("a professional's feed read is logged once per family it shows (L1, K1), nothing for a member's", () => {
		const before = logEntries().length;
		feedOf('amal').read();
		expect(logEntries().length).toBe(before);
		feedOf('anna').read();
		const added = logEntries().slice(before);
		expect(added.map((e) => [e.professionalId, e.familyId, e.outcome])).toEqual([['pro-anna', 'fam-haddad', 'allowed']]);
		expect(JSON.parse(added[0].reads)).toEqual([{ subject: null, category: 'basic', allowed: true, rules: ['P2', 'K1'], consents: [] }]);
	});

	it('renewing gives a new link and the old one stops at once; removing stops it too', () => {
		const account = accountOf('amal');
		const first = renewCalendarFeed(test.db, account);
		expect(first).toMatch(/^[a-z2-7]{52}$/); // 256 bits
		expect(calendarFeedOwner(test.db, first)?.principal).toMatchObject({ kind: 'member', memberId: 'amal' });
		const second = renewCalendarFeed(test.db, account);
		expect(second).not.toBe(first);
		expect(calendarFeedOwner(test.db, first)).toBeNull();
		expect(calendarFeedOwner(test.db, second)?.accountId).toBe(account);
		expect(removeCalendarFeed(test.db, account)).toBe(true);
		expect(calendarFeedOwner(test.db, second)).toBeNull();
		expect(calendarFeedOf(test.db, account)).toBeNull();
	});

	it('only the hash of the secret is stored', () => {
		const secret = renewCalendarFeed(test.db, accountOf('amal'));
		const stored = test.db.$client.prepare('SELECT * FROM calendar_feeds').all();
		expect(JSON.stringify(stored)).not.toContain(secret);
	});

	it('a deactivated account, or one whose password was reset, has no feed; a wrong or malformed secret neither', () => {
		const { secret } = feedOf('amal');
		test.db.update(accounts).set({ mustChangePassword: true }).where(eq(accounts.id, accountOf('amal'))).run();
		expect(calendarFeedOwner(test.db, secret)).toBeNull();
		test.db.update(accounts).set({ mustChangePassword: false, active: false }).where(eq(accounts.id, accountOf('amal'))).run();
		expect(calendarFeedOwner(test.db, secret)).toBeNull();
		expect(calendarFeedOwner(test.db, 'a'.repeat(52))).toBeNull();
		expect(calendarFeedOwner(test.db, `${secret}x`)).toBeNull();
		expect(calendarFeedOwner(test.db, '')).toBeNull();
	});
});

describe('no names, places or free text in any entry (N1)', () => {
	type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
	const demo = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8')) as Json;
	const strings: string[] = [];
	const walk = (value: Json) => {
		if (typeof value === 'string') strings.push(value);
		else if (Array.isArray(value)) value.forEach(walk);
		else if (value && typeof value === 'object') Object.values(value).forEach(walk);
	};
	walk(demo);
	const messageFiles = ['fi', 'sv', 'en', 'ar', 'fa', 'so', 'ru', 'uk', 'et'].map((l) => JSON.parse(readFileSync(new URL(`../../../messages/${l}.json`, import.meta.url), 'utf8')) as Record<string, string>);
	/** The words an entry may have: the portal's own fixed texts and the file's structure. */
	const fixed = [...messageFiles.flatMap((f) => [f.calendar_entry_title, f.app_name]), HELSINKI_VTIMEZONE, 'family-portal calendar meeting portal example']
		.join(' ').toLocaleLowerCase('fi');
	// Dates and times are the entries' business (in their own format); every other string and word is not.
	const words = [...new Set(strings.flatMap((s) => s.split(/[^\p{L}\p{N}]+/u)))].filter((w) => w.length >= 4 && !/\d/.test(w) && !fixed.includes(w.toLocaleLowerCase('fi')));
	const wholes = strings.filter((s) => s.length >= 4 && !/^\d{4}-\d{2}-\d{2}/.test(s) && !fixed.includes(s.toLocaleLowerCase('fi')));
	const usernames = ['amal', 'yasmin', 'sari', 'jari', 'eveliina', 'tiina', 'aleksi', 'anna', 'hanna', 'johanna', 'mikko', 'liisa', 'sanna', 'pekka', 'maria', 'ville', 'elina', 'timo'];

	it('no demo string or word of four letters or more is in any demo person\'s feed, in any language', () => {
		const feeds = usernames.flatMap((name) => {
			const owner = calendarFeedOwner(test.db, renewCalendarFeed(test.db, accountOf(name)))!.principal;
			return (['fi', 'sv', 'en', 'ar'] as const).map((locale) => allValues(readIcs(feedCalendar(test.db, owner, ORIGIN, locale, clock)).calendar).toLocaleLowerCase('fi'));
		});
		expect(feeds.some((f) => f.includes('begin:vevent'))).toBe(true);
		fc.assert(fc.property(fc.constantFrom(...feeds), fc.constantFrom(...words, ...wholes), (feed, text) => {
			expect(feed).not.toContain(text.toLocaleLowerCase('fi'));
		}), { numRuns: 3000 });
	});
});

describe('the .ics of one meeting', () => {
	it('is given to a member who may see the meeting, and to nobody else (404 for the route)', () => {
		expect(meetingCalendar(test.db, member('sari', 'fam-lahtinen'), 'meet-lahtinen-plan', ORIGIN, 'fi', clock)).toContain('BEGIN:VEVENT');
		expect(meetingCalendar(test.db, member('jari', 'fam-lahtinen'), 'meet-lahtinen-plan', ORIGIN, 'fi', clock)).toBeNull();
		expect(meetingCalendar(test.db, member('amal', 'fam-haddad'), 'meet-lahtinen-plan', ORIGIN, 'fi', clock)).toBeNull();
		expect(meetingCalendar(test.db, member('amal', 'fam-haddad'), 'meet-nothing', ORIGIN, 'fi', clock)).toBeNull();
	});

	it("logs a professional's request, allowed or denied, like a page read (L1)", () => {
		const before = logEntries().length;
		expect(meetingCalendar(test.db, pro('pro-mikko', 'org-familywork'), 'meet-haddad-weekly', ORIGIN, 'fi', clock)).toContain('BEGIN:VEVENT');
		expect(meetingCalendar(test.db, pro('pro-mikko', 'org-familywork'), 'meet-lahtinen-plan', ORIGIN, 'fi', clock)).toBeNull();
		expect(logEntries().slice(before).map((e) => [e.professionalId, e.familyId, e.outcome])).toEqual([
			['pro-mikko', 'fam-haddad', 'allowed'], ['pro-mikko', 'fam-lahtinen', 'denied']
		]);
	});
});
