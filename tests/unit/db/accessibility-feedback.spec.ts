/**
 * Accessibility feedback (Act 306/2019, rule F1) on a real SQLite file with the real
 * migrations: bad input is refused and stores nothing, the per-client rate limit holds,
 * only administrators read the list and mark a message answered, and the list counts
 * the Helsinki days left of the 14 with the overdue ones first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAccessibilityFeedback } from '../../../src/lib/server/accessibility-feedback';
import { listAdministrationLog } from '../../../src/lib/server/administration-log';
import { accessibilityFeedback } from '../../../src/lib/server/db/schema';
import { decide } from '../../../src/lib/server/policy/decide';
import type { Principal } from '../../../src/lib/server/policy/types';
import { RefillingTokenBucket } from '../../../src/lib/server/rate-limit';
import {
	FEEDBACK_BURST, FEEDBACK_REFILL_MS, markAccessibilityFeedbackAnswered, samePath, sendAccessibilityFeedback
} from '../../../src/lib/server/writes/accessibility-feedback';
import { freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(() => { test = freshDatabase(); });
afterEach(() => test.close());

/** A bucket of the production size, fresh for each test (the module's own is shared by the server). */
const bucket = () => new RefillingTokenBucket<string>(FEEDBACK_BURST, FEEDBACK_REFILL_MS);
const anonymous = { accountId: null, clientAddress: '203.0.113.5' };
const NOW = new Date('2026-12-02T10:00:00Z');
const rows = () => test.db.select().from(accessibilityFeedback).all();

const admin: Principal = { kind: 'administrator', administratorId: 'adm-1', name: 'Admin' };
const parent: Principal = { kind: 'member', memberId: 'amal', familyId: 'fam-haddad', name: 'Amal' };
const child: Principal = { kind: 'member', memberId: 'yasmin', familyId: 'fam-haddad', name: 'Yasmin' };
const worker: Principal = { kind: 'professional', professionalId: 'pro-anna', organisationId: 'org-cw', authority: false, name: 'Anna' };
const police: Principal = { kind: 'professional', professionalId: 'pro-timo', organisationId: 'org-police', authority: true, name: 'Timo' };
const manager: Principal = { kind: 'professional', professionalId: 'pro-marja', organisationId: 'org-cw', authority: false, manager: true, name: 'Marja' };

describe('sending feedback', () => {
	it('stores an anonymous message with its contact and page, and no account', () => {
		const result = sendAccessibilityFeedback(test.db, anonymous, { message: '  The ecomap is hard to read.  ', contact: 'a@example.fi', page: '/family?x=1#top' }, NOW, bucket());
		expect(result.ok).toBe(true);
		expect(rows()).toEqual([expect.objectContaining({
			message: 'The ecomap is hard to read.', contact: 'a@example.fi', page: '/family', accountId: null, created: NOW.toISOString(), answeredAt: null
		})]);
	});

	it('records a signed-in sender\'s account id; contact and page may be left out', () => {
		const result = sendAccessibilityFeedback(test.db, { accountId: 'acc-1', clientAddress: 'x' }, { message: 'Hi', contact: '', page: '' }, NOW, bucket());
		expect(result.ok).toBe(true);
		expect(rows()).toEqual([expect.objectContaining({ accountId: 'acc-1', contact: null, page: null })]);
		expect(sendAccessibilityFeedback(test.db, anonymous, { message: 'Phone is fine too', contact: '+358 40 123 4567' }, NOW, bucket()).ok).toBe(true);
	});

	it.each<[string, Record<string, unknown>, string, string]>([
		['no message', { contact: 'a@example.fi' }, 'message', 'required'],
		['an empty message', { message: '   ' }, 'message', 'required'],
		['a message over 4000 characters', { message: 'x'.repeat(4001) }, 'message', 'too-long'],
		['a message that is not text', { message: ['a', 'b'] }, 'message', 'required'],
		['a contact that is neither e-mail nor phone', { message: 'Hi', contact: 'call me maybe' }, 'contact', 'contact-invalid'],
		['a contact over 200 characters', { message: 'Hi', contact: `${'a'.repeat(200)}@example.fi` }, 'contact', 'too-long'],
		['another site as the page', { message: 'Hi', page: 'https://evil.example/phish' }, 'page', 'page-invalid'],
		['a protocol-relative page', { message: 'Hi', page: '//evil.example/x' }, 'page', 'page-invalid'],
		['a backslash page', { message: 'Hi', page: '/\\evil.example' }, 'page', 'page-invalid'],
		['a javascript: page', { message: 'Hi', page: 'javascript:alert(1)' }, 'page', 'page-invalid']
	])('refuses %s and stores nothing', (_name, input, field, code) => {
		const result = sendAccessibilityFeedback(test.db, anonymous, input, NOW, bucket());
		expect(result).toMatchObject({ ok: false, status: 400, message: 'invalid' });
		expect((result as { issues: Record<string, string> }).issues[field]).toBe(code);
		expect(rows()).toEqual([]);
	});

	it('takes a same-origin path only', () => {
		expect(samePath('/pro/families/fam-haddad')).toBe('/pro/families/fam-haddad');
		expect(samePath('/a/../b?q=1')).toBe('/b');
		for (const bad of ['', 'family', '//x', '/\\x', 'https://x/', '/a\nb', ' /x']) expect(samePath(bad), bad).toBeNull();
	});
});

describe('the rate limit per client address', () => {
	it(`allows a burst of ${FEEDBACK_BURST}, then refuses with 429 and stores nothing, until a token refills`, () => {
		const limit = bucket();
		for (let i = 0; i < FEEDBACK_BURST; i++) expect(sendAccessibilityFeedback(test.db, anonymous, { message: `m${i}` }, NOW, limit).ok).toBe(true);
		expect(sendAccessibilityFeedback(test.db, anonymous, { message: 'one too many' }, NOW, limit)).toEqual({ ok: false, status: 429, message: 'throttled' });
		expect(rows()).toHaveLength(FEEDBACK_BURST);
		// Another client is not held back by this one.
		expect(sendAccessibilityFeedback(test.db, { accountId: null, clientAddress: '198.51.100.7' }, { message: 'other' }, NOW, limit).ok).toBe(true);
		// One refill later, one more from the first client.
		const later = new Date(NOW.getTime() + FEEDBACK_REFILL_MS);
		expect(sendAccessibilityFeedback(test.db, anonymous, { message: 'later' }, later, limit).ok).toBe(true);
		expect(sendAccessibilityFeedback(test.db, anonymous, { message: 'again' }, later, limit).ok).toBe(false);
		expect(rows()).toHaveLength(FEEDBACK_BURST + 2);
	});

	it('a refused form does not use up a try', () => {
		const limit = bucket();
		for (let i = 0; i < FEEDBACK_BURST * 2; i++) sendAccessibilityFeedback(test.db, anonymous, { message: '' }, NOW, limit);
		expect(sendAccessibilityFeedback(test.db, anonymous, { message: 'now a real one' }, NOW, limit).ok).toBe(true);
	});
});

describe('who sees the list and marks a message answered (F1)', () => {
	beforeEach(() => { sendAccessibilityFeedback(test.db, anonymous, { message: 'The buttons are too small' }, NOW, bucket()); });

	it.each<[string, Principal, boolean]>([
		['an administrator', admin, true],
		['a parent', parent, false],
		['a young person', child, false],
		['a social worker', worker, false],
		['an authority (police)', police, false],
		['a manager', manager, false]
	])('%s: %s', (_name, who, sees) => {
		expect(decide(null, who, { type: 'accessibilityFeedback.read' })).toMatchObject({ allow: sees, rules: ['F1'] });
		expect(decide(null, who, { type: 'accessibilityFeedback.answer' })).toMatchObject({ allow: sees, rules: ['F1'] });
		const list = listAccessibilityFeedback(test.db, who, NOW);
		if (sees) expect(list?.map((item) => item.message)).toEqual(['The buttons are too small']);
		else expect(list).toBeNull();
		const id = rows()[0].id;
		const answered = markAccessibilityFeedbackAnswered(test.db, who, id, NOW);
		expect(answered.ok).toBe(sees);
		expect(rows()[0].answeredAt).toBe(sees ? NOW.toISOString() : null);
		expect(listAdministrationLog(test.db)).toHaveLength(sees ? 1 : 0);
	});

	it('marking answered is logged once; a second mark or an unknown id is 404 and logs nothing', () => {
		const id = rows()[0].id;
		expect(markAccessibilityFeedbackAnswered(test.db, admin, id, NOW)).toEqual({ ok: true, id });
		expect(listAdministrationLog(test.db)).toEqual([expect.objectContaining({ action: 'answer-feedback', administratorId: 'adm-1', accountId: id })]);
		expect(markAccessibilityFeedbackAnswered(test.db, admin, id, NOW)).toMatchObject({ ok: false, status: 404 });
		expect(markAccessibilityFeedbackAnswered(test.db, admin, 'afb-nothing', NOW)).toMatchObject({ ok: false, status: 404 });
		expect(listAdministrationLog(test.db)).toHaveLength(1);
	});
});

describe('the 14-day countdown in Helsinki days', () => {
	const sendAt = (iso: string, message: string) => sendAccessibilityFeedback(test.db, anonymous, { message }, new Date(iso), bucket());

	it('counts days left to the 14th day, overdue ones first and marked, answered ones last', () => {
		sendAt('2026-11-30T09:00:00Z', 'two days old');
		sendAt('2026-11-10T09:00:00Z', 'overdue by eight');
		sendAt('2026-11-18T09:00:00Z', 'due today');
		sendAt('2026-11-15T09:00:00Z', 'overdue by three');
		sendAt('2026-11-20T09:00:00Z', 'answered');
		const answeredId = rows().find((row) => row.message === 'answered')!.id;
		markAccessibilityFeedbackAnswered(test.db, admin, answeredId, NOW);
		const list = listAccessibilityFeedback(test.db, admin, NOW)!;
		expect(list.map((item) => [item.message, item.daysLeft, item.overdue])).toEqual([
			['overdue by eight', -8, true],
			['overdue by three', -3, true],
			['due today', 0, false],
			['two days old', 12, false],
			['answered', null, false]
		]);
		expect(list[2].due).toBe('2026-12-02');
	});

	it('a message sent at 00:30 Helsinki time counts from that Helsinki day, not the UTC one', () => {
		// 2026-11-18T22:30Z is 00:30 on 19 November in Helsinki (UTC+2): due 3 December.
		sendAt('2026-11-18T22:30:00Z', 'just after midnight');
		const [item] = listAccessibilityFeedback(test.db, admin, NOW)!;
		expect(item.due).toBe('2026-12-03');
		expect(item.daysLeft).toBe(1);
	});
});
