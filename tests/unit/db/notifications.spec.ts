/**
 * Notifications (POLICY.md N1-N3) on real SQLite with the real migrations and the demo:
 * the outbox's unique key, queueing inside the write's transaction, N2 at queue and at
 * send time, N1 texts, quiet hours, back-off and failure, and the on-duty escalation.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import { until } from '../../support/mail-catcher';
import * as t from '../../../src/lib/server/db/schema';
import { currentClock, familyFacts, listFamilies, professionalWork, readFamilyThreads, readFamilyView } from '../../../src/lib/server/family-access';
import { feedCalendar } from '../../../src/lib/server/calendar/entries';
import type { ReadSurface } from '../../../src/lib/domain';
import * as writes from '../../../src/lib/server/writes';
import { queueNotification } from '../../../src/lib/server/notifications/queue';
import { holdResponsesUntilLogged } from '../../../src/lib/server/access-log';
import { dailyRemindersDue, familiesWithSomethingDue, scheduleDueNotifications, scheduleDueNotificationsGently } from '../../../src/lib/server/notifications/scheduler';
import { MAX_ATTEMPTS, PASS_BUDGET_MS, notificationIdentity, releaseAbandonedClaims, runNotificationWorker, sendDueNotifications } from '../../../src/lib/server/notifications/worker';
import { inQuietHours, quietHoursEnd } from '../../../src/lib/server/notifications/quiet';
import { deliveryReport } from '../../../src/lib/server/notifications/delivery';
import { saveNotificationSettings } from '../../../src/lib/server/notifications/settings';
import { messageIdOf, type Outgoing, type Sender } from '../../../src/lib/server/notifications/channels';
import { decide } from '../../../src/lib/server/policy/decide';
import type { Clock, Principal, ProfessionalPrincipal } from '../../../src/lib/server/policy/types';
import { validateScenario } from '../../../src/lib/server/scenario/validate';
import { DEMO_SCENARIO, demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();

const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const pro = (professionalId: string, organisationId: string): Principal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const yasmin = member('yasmin', 'fam-haddad'), amal = member('amal', 'fam-haddad');
const anna = pro('pro-anna', 'org-cw'), johanna = pro('pro-johanna', 'org-cw');
const at = (iso: string) => currentClock(new Date(iso));
const ctx = (who: Principal, now: string, familyId = who.kind === 'member' ? who.familyId : 'fam-haddad') => ({ db: test.db, who, familyId, clock: at(now) });

const rows = () => test.db.select().from(t.notifications).orderBy(t.notifications.id).all();
const rowsFor = (recipientId: string) => rows().filter((r) => r.recipientId === recipientId);

/** A sender that records what it was given: the channels' place in these tests. */
function capture(): { sent: Outgoing[]; sender: Sender } {
	const sent: Outgoing[] = [];
	return { sent, sender: async (message) => { sent.push(message); return 'sent'; } };
}
/** A slow channel: each message takes `seconds` on the worker's clock, which the test keeps (`now`). */
function slowSender(startIso: string, seconds: number): { sent: { message: Outgoing; at: string }[]; sender: Sender; now: () => Date } {
	let now = Date.parse(startIso);
	const sent: { message: Outgoing; at: string }[] = [];
	return {
		sent, now: () => new Date(now),
		sender: async (message) => {
			sent.push({ message, at: new Date(now).toISOString() });
			now += seconds * 1000;
			return 'sent';
		}
	};
}
const send = (now: string, sender: Sender) => sendDueNotifications(test.db, { now: () => new Date(now), sender, origin: 'https://portal.example.fi' });

describe('the outbox', () => {
	it('the same event reaches the same person on the same channel once (unique key), also when queued again', () => {
		const event = { kind: 'tag' as const, familyId: 'fam-haddad', itemId: 'x-1', recipients: [{ kind: 'professional' as const, id: 'pro-anna' }], at: new Date('2026-11-23T10:00:00Z') };
		// Anna chose e-mail and text messages in the demo: two rows, whatever is queued again.
		expect(queueNotification(test.db, event)).toBe(2);
		expect(queueNotification(test.db, event)).toBe(0);
		expect(queueNotification(test.db, { ...event, recipients: [...event.recipients, ...event.recipients] })).toBe(0);
		expect(rows().map((r) => r.channel).sort()).toEqual(['email', 'sms']);
		expect(() => test.db.insert(t.notifications).values({ ...rows()[0], id: undefined }).run()).toThrow(/UNIQUE/);
	});

	it('a scheduler pass run twice (or after a restart) queues each reminder once', () => {
		const first = scheduleDueNotifications(test.db, new Date('2026-12-14T09:00:00Z'));
		expect(first).toBeGreaterThan(0);
		expect(scheduleDueNotifications(test.db, new Date('2026-12-14T09:01:00Z'))).toBe(0);
		expect(rows().length).toBe(first);
	});

	it('a safety signal is queued in the same transaction as the signal: a failing queue leaves no signal either', () => {
		test.db.run(sql`CREATE TEMP TRIGGER refuse_outbox BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`);
		expect(() => writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), { word: 'help' })).toThrow(/outbox refused/);
		expect(test.db.select().from(t.safetySignals).all()).toEqual([]);
		test.db.run(sql`DROP TRIGGER refuse_outbox`);
		// And a write whose transaction fails after queueing leaves nothing queued.
		expect(() => test.db.transaction((tx) => {
			queueNotification(tx, { kind: 'tag', familyId: 'fam-haddad', itemId: 'x', recipients: [{ kind: 'professional', id: 'pro-anna' }], at: new Date() });
			throw new Error('the write failed');
		})).toThrow('the write failed');
		expect(rows()).toEqual([]);
	});

	it('a safety signal reaches the coordinator at once, content-free, on her channels; nobody else', async () => {
		const result = writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), { word: 'äiti huutaa' });
		expect(result.ok).toBe(true);
		expect(rows().map((r) => [r.kind, r.recipientKind, r.recipientId, r.channel])).toEqual([
			['safety-signal', 'professional', 'pro-anna', 'email'], ['safety-signal', 'professional', 'pro-anna', 'sms']
		]);
		const { sent, sender } = capture();
		await send('2026-11-23T10:00:05Z', sender);
		expect(sent.map((s) => [s.channel, s.to])).toEqual([['email', 'anna@demo.example'], ['sms', '+358 40 100 0001']]);
		expect(sent[1].text).toBe('Sinulle on uusi turvallisuusviesti perheportaalissa: https://portal.example.fi/pro');
		for (const s of sent) expect(s.text + s.subject).not.toMatch(/äiti|Yasmin|Haddad|Anna|Virtanen/);
		expect(rows().every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
	});

	it('a safety signal queued for a coordinator who has handed over before it is sent reaches the new coordinator, once', async () => {
		// Sent at 23:59:50 Helsinki time; Anna's coordination ends at midnight and Mikko's begins.
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T21:59:50Z'), {});
		test.db.update(t.teamMemberships).set({ until: '2026-11-24' })
			.where(and(eq(t.teamMemberships.professionalId, 'pro-anna'), eq(t.teamMemberships.familyId, 'fam-haddad'))).run();
		test.db.insert(t.teamMemberships).values({ familyId: 'fam-haddad', professionalId: 'pro-mikko', role: 'coordinator', from: '2026-11-24', until: null }).run();
		const { sent, sender } = capture();
		// The worker's pass: the scheduler, then the sends.
		const pass = async (now: string) => { scheduleDueNotifications(test.db, new Date(now), { reminders: false }); await send(now, sender); };
		await pass('2026-11-23T22:00:10Z');
		expect(rowsFor('pro-anna').map((r) => r.status)).toEqual(['dropped', 'dropped']);
		const mikko = rowsFor('pro-mikko');
		expect(mikko.length).toBeGreaterThan(0);
		expect(mikko.every((r) => r.kind === 'safety-signal' && r.status === 'sent')).toBe(true);
		expect(sent.map((s) => s.to)).toEqual(mikko.map((r) => (r.channel === 'email' ? 'mikko@demo.example' : expect.any(String))));
		// Once: another pass queues nothing more.
		await pass('2026-11-23T22:05:00Z');
		expect(rowsFor('pro-mikko')).toHaveLength(mikko.length);
	});

	it('a coordinator who takes over a signal not yet handled hears of it; not of one handled', async () => {
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), {});
		const { sent, sender } = capture();
		await send('2026-11-23T10:00:05Z', sender);
		expect(sent.map((s) => s.to)).toContain('anna@demo.example');
		test.db.update(t.teamMemberships).set({ until: '2026-11-24' })
			.where(and(eq(t.teamMemberships.professionalId, 'pro-anna'), eq(t.teamMemberships.familyId, 'fam-haddad'))).run();
		test.db.insert(t.teamMemberships).values({ familyId: 'fam-haddad', professionalId: 'pro-mikko', role: 'coordinator', from: '2026-11-24', until: null }).run();
		scheduleDueNotifications(test.db, new Date('2026-11-24T08:00:00Z'), { reminders: false });
		expect(rowsFor('pro-mikko').map((r) => r.kind)).toEqual(rowsFor('pro-mikko').map(() => 'safety-signal'));
		expect(rowsFor('pro-mikko').length).toBeGreaterThan(0);
		// Handled: a later hand-over brings nothing.
		test.db.update(t.safetySignals).set({ handledAt: '2026-11-24T09:00:00Z' }).run();
		test.db.update(t.teamMemberships).set({ until: '2026-11-25' }).where(eq(t.teamMemberships.professionalId, 'pro-mikko')).run();
		test.db.insert(t.teamMemberships).values({ familyId: 'fam-haddad', professionalId: 'pro-johanna', role: 'coordinator', from: '2026-11-25', until: null }).run();
		scheduleDueNotifications(test.db, new Date('2026-11-25T08:00:00Z'), { reminders: false });
		expect(rowsFor('pro-johanna')).toEqual([]);
	});

	it('N3: the coordinator cannot turn safety signals off (no channel: e-mail); a young person can turn her reminders off', () => {
		expect(saveNotificationSettings(test.db, anna as never, { channel: 'none' })).toEqual({ ok: true });
		expect(saveNotificationSettings(test.db, yasmin as never, { channel: 'none', phone: '+358400000101' })).toEqual({ ok: true });
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), {});
		expect(rows().map((r) => [r.recipientId, r.channel])).toEqual([['pro-anna', 'email']]);
		// Yasmin's task due 2026-12-01 would be announced on 2026-11-30: she turned it off.
		scheduleDueNotifications(test.db, new Date('2026-11-30T09:00:00Z'));
		expect(rowsFor('yasmin')).toEqual([]);
	});
});

describe('who hears of what', () => {
	it('an invitation its invitee, a tag its recipient, a meeting tomorrow its participants who may see it', () => {
		const now = '2026-11-23T10:00:00Z';
		const invited = writes.inviteProfessional(ctx(anna, now), { to: 'pro-ville', text: 'Tule mukaan arviointiin' }) as { id: string };
		expect(rows().map((r) => [r.kind, r.itemId, r.recipientId])).toEqual([['invitation', invited.id, 'pro-ville']]);
		test.db.delete(t.notifications).run();
		const tagged = writes.addTag(ctx(anna, now), { item: 'task:task-amal-bills', to: 'pro-sanna' }) as { id: string };
		expect(rows().map((r) => [r.kind, r.itemId, r.recipientId])).toEqual([['tag', tagged.id, 'pro-sanna']]);
		test.db.delete(t.notifications).run();
		// The Lahtinen plan meeting is on 27 Nov: the pass on the 26th tells Hanna and Maria (Sari and Eveliina have no address).
		scheduleDueNotifications(test.db, new Date('2026-11-26T08:00:00Z'));
		const meeting = rows().filter((r) => r.kind === 'meeting-tomorrow');
		expect([...new Set(meeting.map((r) => r.recipientId))].sort()).toEqual(['pro-hanna', 'pro-maria']);
		expect(meeting.every((r) => r.eventId === 'meet-lahtinen-plan@2026-11-27T10:00:00+02:00')).toBe(true);
	});
});

describe('N2: only those who may see the item, when it is sent', () => {
	// Omar (9) is not mature: his custodian Amal may tick his task and hears that it is due tomorrow.
	const omarDue = '2026-12-14T09:00:00Z';

	it('a custodian hears of her young child\'s task; a blocked custodian is never queued', () => {
		scheduleDueNotifications(test.db, new Date(omarDue));
		expect(rowsFor('amal').map((r) => [r.kind, r.eventId])).toContainEqual(['task-due', 'task-omar-homework@2026-12-15']);
		test.db.delete(t.notifications).run();
		block('amal', 'omar');
		scheduleDueNotifications(test.db, new Date(omarDue));
		expect(rowsFor('amal').filter((r) => r.itemId === 'task-omar-homework')).toEqual([]);
	});

	it('a custodian blocked after queueing: the notification is dropped, not sent', async () => {
		scheduleDueNotifications(test.db, new Date(omarDue));
		block('amal', 'omar');
		const { sent, sender } = capture();
		await send('2026-12-14T09:00:30Z', sender);
		const row = rowsFor('amal').find((r) => r.itemId === 'task-omar-homework')!;
		expect(row).toMatchObject({ status: 'dropped' });
		expect(row.lastError).toMatch(/^N2/);
		expect(row.sentAt).toBeNull();
		// Amal's own task is due too: only that one reaches her.
		expect(sent.filter((s) => s.to === 'amal@example.org').length).toBe(rowsFor('amal').filter((r) => r.status === 'sent').length);
	});

	it('a young person\'s hidden plan is never announced to her mother (M5): the answer of the consultation team', async () => {
		giveEmail('member', 'tiina', 'tiina@example.org');
		giveEmail('member', 'aleksi', 'aleksi@example.org');
		const c = ctx(johanna, '2026-11-23T10:00:00Z', 'fam-makela');
		const opened = writes.openConsultation(c, { subject: 'aleksi', question: 'Miten tukea koulua?' }) as { id: string };
		expect(writes.recordConsultation(c, opened.id, { answer: 'Koulu ja päihdetyö yhdessä.' }).ok).toBe(true);
		expect(rowsFor('aleksi').map((r) => r.kind)).toEqual(['consultation-answer']);
		expect(rowsFor('tiina')).toEqual([]);
	});

	it('hidden after queueing: dropped at send time (a task of the mature child, queued to his mother before he hid his plan)', async () => {
		giveEmail('member', 'tiina', 'tiina@example.org');
		test.db.update(t.members).set({ hiddenFromCustodians: [] }).where(eq(t.members.id, 'aleksi')).run();
		queueNotification(test.db, { kind: 'task-overdue', familyId: 'fam-makela', itemId: 'task-aleksi-consult-questions', recipients: [{ kind: 'member', id: 'tiina' }], at: new Date('2026-12-02T09:00:00Z') });
		test.db.update(t.members).set({ hiddenFromCustodians: ['plan'] }).where(eq(t.members.id, 'aleksi')).run();
		const { sent, sender } = capture();
		await send('2026-12-02T09:00:10Z', sender);
		expect(sent).toEqual([]);
		expect(rowsFor('tiina')[0]).toMatchObject({ status: 'dropped', lastError: expect.stringContaining('M5') });
	});

	it('N3 when sent: a young person who turns her notifications off after a message was queued is not told of it', async () => {
		const liisa = pro('pro-liisa', 'org-youthhealth');
		expect(writes.replyInThread(ctx(liisa, '2026-11-23T10:00:00Z', 'fam-haddad'), { thread: 'th-yasmin-nurse', text: 'Torstai käy.' }).ok).toBe(true);
		expect(rowsFor('yasmin').length).toBeGreaterThan(0);
		expect(saveNotificationSettings(test.db, yasmin as never, { channel: 'none', phone: '+358400000101' })).toEqual({ ok: true });
		const { sent, sender } = capture();
		await send('2026-11-23T10:00:10Z', sender);
		expect(sent.filter((s) => s.to !== 'liisa@demo.example')).toEqual([]);
		expect(rowsFor('yasmin').every((r) => r.status === 'dropped' && r.lastError === 'N3: the person no longer chose this channel')).toBe(true);
	});

	it('the policy decides notify.item with N2 and the rules of the read behind it', () => {
		const facts = familyFacts(test.db, anna, 'fam-makela', at('2026-12-02T09:00:00Z'))!;
		const tiina = member('tiina', 'fam-makela'), aleksi = member('aleksi', 'fam-makela');
		expect(decide(facts, tiina, { type: 'notify.item', kind: 'task-overdue', itemId: 'task-aleksi-consult-questions' })).toEqual({ allow: false, rules: ['N2', 'M5'] });
		expect(decide(facts, aleksi, { type: 'notify.item', kind: 'task-overdue', itemId: 'task-aleksi-consult-questions' })).toMatchObject({ allow: true, rules: ['N2', 'M1'] });
		expect(decide(facts, aleksi, { type: 'notify.item', kind: 'task-overdue', itemId: 'no-such-task' })).toEqual({ allow: false, rules: ['N2'] });
		// A message: the thread's own read (G1): its participant yes, his mother not, an unknown thread nobody.
		expect(decide(facts, aleksi, { type: 'notify.item', kind: 'message', itemId: 'th-aleksi-ville' })).toMatchObject({ allow: true, rules: ['N2', 'G1'] });
		expect(decide(facts, tiina, { type: 'notify.item', kind: 'message', itemId: 'th-aleksi-ville' })).toEqual({ allow: false, rules: ['N2', 'G1'] });
		expect(decide(facts, aleksi, { type: 'notify.item', kind: 'message', itemId: 'th-1' })).toEqual({ allow: false, rules: ['N2'] });
	});

	it('a new message is announced, content-free, to the thread\'s other participants only: Yasmin\'s private line never reaches her mother', async () => {
		const now = '2026-11-23T10:00:00Z';
		expect(writes.replyInThread(ctx(yasmin, now), { thread: 'th-yasmin-nurse', text: 'Voidaanko siirtää torstain käyntiä?' }).ok).toBe(true);
		expect(rows().map((r) => [r.kind, r.recipientKind, r.recipientId, r.channel])).toEqual([['message', 'professional', 'pro-liisa', 'email']]);
		const started = writes.startThread(ctx(amal, now), { participants: ['professional:pro-anna'], text: 'Kysymys tapaamisesta' });
		expect(started.ok).toBe(true);
		// Anna chose e-mail and text messages; nobody else is in Amal's new thread.
		expect(rows().filter((r) => r.itemId !== 'th-yasmin-nurse').map((r) => [r.recipientId, r.channel]).sort()).toEqual([['pro-anna', 'email'], ['pro-anna', 'sms']]);
		expect(rowsFor('amal')).toEqual([]);
		const { sent, sender } = capture();
		await send('2026-11-23T10:00:10Z', sender);
		expect(sent.length).toBe(3);
		for (const message of sent) expect(JSON.stringify(message)).not.toMatch(/torstai|tapaami|Yasmin|Amal|Haddad/i);
	});
});

describe('N1: no contents in any notification', () => {
	const scenario = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8'));
	/** Every name, family name, organisation, service title and free text of the scenario. */
	const forbidden: string[] = [
		...scenario.organisations.map((o: { name: string }) => o.name),
		...scenario.professionals.flatMap((p: { name: string }) => [p.name, ...capitalised(p.name)]),
		...scenario.families.flatMap((f: Record<string, { name?: string; text?: string }[]> & { name: string }) => [
			f.name, ...capitalised(f.name),
			...f.members.map((m) => m.name!), ...f.services.map((s) => s.name!), ...f.goals.map((g) => g.text!), ...f.tasks.map((x) => x.text!),
			...f.voice.map((v) => v.text!).filter(Boolean), ...f.assessments.map((a) => a.text!), ...f.invitations.map((i) => i.text!)
		])
	].filter((s) => s && s.length >= 3);
	const SIGNALLERS = [member('yasmin', 'fam-haddad'), member('amal', 'fam-haddad'), member('sari', 'fam-lahtinen'), member('aleksi', 'fam-makela'), member('jari', 'fam-lahtinen')];
	const LOCALES = ['fi', 'sv', 'en', 'ar', 'fa', 'so', 'ru', 'uk', 'et'];

	it('whoever sends what, in whichever language, every text holds only the kind and the link', async () => {
		await fc.assert(fc.asyncProperty(
			fc.constantFrom(...SIGNALLERS), fc.stringMatching(/^Zq[A-Za-zÅÄÖåäö]{3,10}$/), fc.constantFrom(...LOCALES),
			fc.integer({ min: 0, max: 4 }),
			async (who, word, locale, day) => {
				test.db.delete(t.notifications).run();
				test.db.update(t.accounts).set({ locale }).run();
				const now = `2026-11-${String(24 + day).padStart(2, '0')}T10:00:00Z`;
				expect(writes.sendSafetySignal(ctx(who, now), { word }).ok).toBe(true);
				writes.addTag(ctx(anna, now), { item: 'task:task-amal-bills', to: 'pro-sanna', note: word });
				writes.inviteProfessional(ctx(anna, now), { to: 'pro-ville', text: `${word} please come` });
				scheduleDueNotifications(test.db, new Date(now));
				const { sent, sender } = capture();
				await send(now, sender);
				expect(sent.length).toBeGreaterThan(0);
				for (const s of sent) {
					const all = `${s.subject}\n${s.text}`;
					expect(all).not.toContain(word);
					for (const f of forbidden) expect(all, f).not.toContain(f);
					expect(all).toMatch(/https:\/\/portal\.example\.fi\/(pro|family)/);
				}
			}
		), { numRuns: 12 });
	});
});

describe('N3: quiet hours, on Helsinki time', () => {
	const quiet = { from: '21:00', until: '08:00' };

	it('quiet hours across midnight', () => {
		// Winter: Helsinki is UTC+2.
		expect(inQuietHours(quiet, new Date('2026-12-01T18:59:00Z'))).toBe(false); // 20:59
		expect(inQuietHours(quiet, new Date('2026-12-01T19:00:00Z'))).toBe(true); // 21:00
		expect(inQuietHours(quiet, new Date('2026-12-01T22:30:00Z'))).toBe(true); // 00:30
		expect(inQuietHours(quiet, new Date('2026-12-02T05:59:00Z'))).toBe(true); // 07:59
		expect(inQuietHours(quiet, new Date('2026-12-02T06:00:00Z'))).toBe(false); // 08:00
		expect(quietHoursEnd(quiet, new Date('2026-12-01T21:30:00Z')).toISOString()).toBe('2026-12-02T06:00:00.000Z');
		expect(quietHoursEnd(quiet, new Date('2026-12-02T01:30:00Z')).toISOString()).toBe('2026-12-02T06:00:00.000Z');
		expect(inQuietHours({ from: '13:00', until: '14:00' }, new Date('2026-12-02T11:30:00Z'))).toBe(true);
	});

	it('a reminder due in quiet hours waits until they end, then goes', async () => {
		// Yasmin: text messages, quiet 22:00-07:00 (demo). Her task is due 2026-12-01; the pass at 23:30 on 30 Nov finds it.
		scheduleDueNotifications(test.db, new Date('2026-11-30T21:30:00Z'));
		const { sent, sender } = capture();
		await send('2026-11-30T21:30:10Z', sender);
		expect(sent).toEqual([]);
		expect(rowsFor('yasmin')[0]).toMatchObject({ status: 'queued', nextAttemptAt: '2026-12-01T05:00:00.000Z', attempts: 0 });
		await send('2026-12-01T05:00:00Z', sender);
		expect(sent.map((s) => [s.channel, s.to])).toEqual([['sms', '+358400000101']]);
	});

	// Anna tags Sanna on three tasks in the afternoon; Sanna chose e-mail and quiet hours 21:00-07:30.
	const sanna = pro('pro-sanna', 'org-asw');
	function tagSannaThrice() {
		expect(saveNotificationSettings(test.db, sanna as never, { channel: 'email', quietFrom: '21:00', quietUntil: '07:30' })).toEqual({ ok: true });
		for (const task of ['task-amal-bills', 'task-amal-routine', 'task-sanna-arrangement']) {
			expect(writes.addTag(ctx(anna, '2026-11-23T10:00:00Z'), { item: `task:${task}`, to: 'pro-sanna' })).toMatchObject({ ok: true });
		}
		expect(rowsFor('pro-sanna').map((r) => r.channel)).toEqual(['email', 'email', 'email']);
	}

	it('judged when each row is sent: a pass slowed by its sends reaches the quiet hours, and the rows after that wait until they end', async () => {
		tagSannaThrice();
		// The pass begins at 20:59:45 in Helsinki (UTC+2); the SMTP server takes 10 s a message.
		const slow = slowSender('2026-11-23T18:59:45Z', 10);
		expect(await sendDueNotifications(test.db, { now: slow.now, sender: slow.sender })).toBe(3);
		expect(slow.sent.map((s) => s.at)).toEqual(['2026-11-23T18:59:45.000Z', '2026-11-23T18:59:55.000Z']);
		const [first, second, third] = rowsFor('pro-sanna');
		expect([first, second].map((r) => [r.status, r.sentAt])).toEqual([['sent', '2026-11-23T18:59:55.000Z'], ['sent', '2026-11-23T19:00:05.000Z']]);
		// 21:00:05 when its turn came: held until 07:30, not sent, not claimed.
		expect(third).toMatchObject({ status: 'queued', attempts: 0, sendingSince: null, nextAttemptAt: '2026-11-24T05:30:00.000Z' });
		const { sent, sender } = capture();
		await send('2026-11-24T05:29:59Z', sender);
		expect(sent).toEqual([]);
		await send('2026-11-24T05:30:00Z', sender);
		expect(sent.map((s) => s.to)).toEqual(['sanna@demo.example']);
	});

	it(`a pass takes no row after ${PASS_BUDGET_MS / 1000} s on the worker's clock; the next pass takes the rest`, async () => {
		tagSannaThrice();
		// 12:00 in Helsinki, nowhere near quiet hours; the SMTP server takes 20 s a message.
		const slow = slowSender('2026-11-23T10:00:00Z', 20);
		expect(await sendDueNotifications(test.db, { now: slow.now, sender: slow.sender })).toBe(2);
		expect(rowsFor('pro-sanna').map((r) => r.status)).toEqual(['sent', 'sent', 'queued']);
		expect(await sendDueNotifications(test.db, { now: slow.now, sender: slow.sender })).toBe(1);
		expect(slow.sent.map((s) => s.at)).toEqual(['2026-11-23T10:00:00.000Z', '2026-11-23T10:00:20.000Z', '2026-11-23T10:00:40.000Z']);
	});

	it('a safety signal or an emergency access goes before older rows: a pass cut short by a slow server sends it first', async () => {
		tagSannaThrice();
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:05:00Z'), {});
		const timo: Principal = { kind: 'professional', professionalId: 'pro-timo', organisationId: 'org-police', authority: true, name: 'timo' };
		expect(writes.openEmergency({ db: test.db, who: timo, familyId: 'fam-haddad', clock: at('2026-11-23T10:06:00Z') }, { reason: 'A child may be in danger tonight, checking now.' }).ok).toBe(true);
		// 12:10 in Helsinki; the SMTP server takes 20 s a message, so the pass takes two rows.
		const slow = slowSender('2026-11-23T10:10:00Z', 20);
		await sendDueNotifications(test.db, { now: slow.now, sender: slow.sender });
		const kindOf = (identity: string) => rows().find((r) => notificationIdentity(r) === identity)!.kind;
		expect(slow.sent.map((s) => kindOf(s.message.identity))).toEqual(['safety-signal', 'safety-signal']);
		await sendDueNotifications(test.db, { now: slow.now, sender: slow.sender });
		expect(slow.sent.slice(2).map((s) => kindOf(s.message.identity))).toEqual(['emergency-access', 'emergency-access']);
		expect(rowsFor('pro-sanna').map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
	});

	it('a safety signal does not wait for the coordinator\'s quiet hours', async () => {
		// Anna's quiet hours are 21:00-07:30; 23:00 in Helsinki.
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T21:00:00Z'), {});
		const { sent, sender } = capture();
		await send('2026-11-23T21:00:05Z', sender);
		expect(sent.length).toBe(2);
	});
});

describe('delivery: back-off and failure', () => {
	it('retries after 1, 2, 4 ... minutes, then fails with the error kept, without addresses', async () => {
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), {});
		test.db.delete(t.notifications).where(eq(t.notifications.channel, 'sms')).run();
		let tries = 0;
		const failing: Sender = async (m) => { tries++; throw new Error(`550 mailbox ${m.to} unavailable`); };
		let now = Date.parse('2026-11-23T10:00:00Z');
		const gaps: number[] = [];
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			await sendDueNotifications(test.db, { now: () => new Date(now), sender: failing });
			const row = rows()[0];
			expect(row.attempts).toBe(attempt);
			if (attempt < MAX_ATTEMPTS) {
				expect(row.status).toBe('queued');
				// Not yet: one millisecond before its time nothing is tried.
				await sendDueNotifications(test.db, { now: () => new Date(Date.parse(row.nextAttemptAt) - 1), sender: failing });
				gaps.push((Date.parse(row.nextAttemptAt) - now) / 60_000);
				now = Date.parse(row.nextAttemptAt);
			}
		}
		expect(tries).toBe(MAX_ATTEMPTS);
		expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 64]);
		const failed = rows()[0];
		expect(failed.status).toBe('failed');
		expect(failed.lastError).toBe('550 mailbox [address] unavailable');
		const report = deliveryReport(test.db);
		expect(report.failures).toEqual([{ at: failed.createdAt, kind: 'safety-signal', channel: 'email', error: '550 mailbox [address] unavailable' }]);
		expect(JSON.stringify(report)).not.toMatch(/anna|yasmin|haddad/i);
	});
});

describe('a crash mid-send (the restart guarantee)', () => {
	it('each row has one identity on every attempt, its own: the Message-ID and Idempotency-Key of its repeats', async () => {
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), {});
		const seen: string[] = [];
		const failing: Sender = async (m) => { seen.push(`${m.channel} ${m.identity}`); throw new Error('421 try later'); };
		await sendDueNotifications(test.db, { now: () => new Date('2026-11-23T10:00:00Z'), sender: failing });
		await sendDueNotifications(test.db, { now: () => new Date('2026-11-23T10:05:00Z'), sender: failing });
		const [email, sms] = rows();
		const expected = (row: typeof email) => `notification-${row.id}.${Date.parse(row.createdAt).toString(36)}`;
		expect(seen.sort()).toEqual([`email ${expected(email)}`, `email ${expected(email)}`, `sms ${expected(sms)}`, `sms ${expected(sms)}`]);
		expect(notificationIdentity(email)).toBe(expected(email));
		expect(messageIdOf(notificationIdentity(email), 'https://portal.example.fi')).toBe(`<${expected(email)}@portal.example.fi>`);
		// A failure ends the attempt: no claim is left behind.
		expect(rows().map((r) => r.sendingSince)).toEqual([null, null]);
	});

	it('a row claimed by a process that died goes again at once at the next start, under the same identity; others keep their time', async () => {
		writes.sendSafetySignal(ctx(yasmin, '2026-11-23T10:00:00Z'), {});
		const [email, sms] = rows();
		// The e-mail is handed over and never answered (the process dies in that moment); the text message fails normally.
		const handedOver: Outgoing[] = [];
		const dying: Sender = (m) => m.channel === 'email' ? (handedOver.push(m), new Promise(() => {})) : Promise.reject(new Error('503'));
		// One row a pass, neither awaited: the pass holding the e-mail never ends.
		for (let pass = 0; pass < 2; pass++) void sendDueNotifications(test.db, { now: () => new Date('2026-11-23T10:00:00Z'), sender: dying, limit: 1 });
		for (let tick = 0; tick < 5; tick++) await new Promise((r) => setImmediate(r));
		expect(handedOver).toHaveLength(1);
		const claimed = rows().find((r) => r.id === email.id)!;
		expect(claimed).toMatchObject({ status: 'queued', attempts: 1, sendingSince: '2026-11-23T10:00:00.000Z', nextAttemptAt: '2026-11-23T10:01:00.000Z' });
		const failed = rows().find((r) => r.id === sms.id)!;
		expect(failed).toMatchObject({ status: 'queued', attempts: 1, sendingSince: null, lastError: '503' });

		const restart = new Date('2026-11-23T10:00:20Z');
		expect(releaseAbandonedClaims(test.db, restart)).toBe(1);
		expect(releaseAbandonedClaims(test.db, restart)).toBe(0);
		expect(rows().find((r) => r.id === email.id)).toMatchObject({ nextAttemptAt: restart.toISOString(), sendingSince: null, attempts: 1 });
		expect(rows().find((r) => r.id === sms.id)!.nextAttemptAt).toBe('2026-11-23T10:01:00.000Z');

		const { sent, sender } = capture();
		await sendDueNotifications(test.db, { now: () => restart, sender });
		expect(sent.map((m) => [m.channel, m.identity])).toEqual([['email', handedOver[0].identity]]);
		expect(rows().find((r) => r.id === email.id)).toMatchObject({ status: 'sent', attempts: 2, sendingSince: null });
		// Sent rows are never claimed again.
		expect(releaseAbandonedClaims(test.db, new Date('2026-11-23T10:30:00Z'))).toBe(0);
	});
});

describe('a clean stop mid-send', () => {
	// 06:00 in Helsinki: no daily reminders join the pass; a safety signal gives Anna an e-mail and a text message.
	const signalAt = '2026-11-23T04:00:00Z';
	const stoppedClock = () => new Date('2026-11-23T04:00:05Z');

	/** A channel whose every message waits until the test answers it. */
	function answeredByTest() {
		const handedOver: Outgoing[] = [];
		const answers: (() => void)[] = [];
		const sender: Sender = (message) => new Promise((resolve) => {
			handedOver.push(message);
			answers.push(() => resolve('sent'));
		});
		return { handedOver, sender, answer: () => answers.shift()?.() };
	}

	it('waits for the send in flight and records it, takes no further row, and the next start sends nothing twice', async () => {
		writes.sendSafetySignal(ctx(yasmin, signalAt), {});
		const channel = answeredByTest();
		const worker = runNotificationWorker(test.db, { intervalMs: 10, now: stoppedClock, sender: channel.sender, origin: 'https://portal.example.fi' });
		await until(() => channel.handedOver.length === 1, 5, 'the worker sent nothing');
		const stopping = worker.stop();
		await new Promise((r) => setTimeout(r, 50));
		channel.answer();
		expect(await stopping).toBe(true);
		expect(channel.handedOver.map((m) => m.channel)).toEqual(['email']);
		const [email, sms] = rows();
		expect(email).toMatchObject({ status: 'sent', attempts: 1, sendingSince: null });
		expect(sms).toMatchObject({ status: 'queued', attempts: 0, sendingSince: null });

		// The next start: nothing left claimed; the text message goes, the e-mail not again.
		expect(releaseAbandonedClaims(test.db)).toBe(0);
		const { sent, sender } = capture();
		await sendDueNotifications(test.db, { now: stoppedClock, sender });
		expect(sent.map((m) => m.channel)).toEqual(['sms']);
	});

	it('a send still running after the wait stays claimed, and goes again at the next start under its identity (at least once)', async () => {
		writes.sendSafetySignal(ctx(yasmin, signalAt), {});
		const channel = answeredByTest();
		const worker = runNotificationWorker(test.db, { intervalMs: 10, stopWaitMs: 200, now: stoppedClock, sender: channel.sender });
		await until(() => channel.handedOver.length === 1, 5, 'the worker sent nothing');
		const waitedFrom = Date.now();
		expect(await worker.stop()).toBe(false);
		expect(Date.now() - waitedFrom).toBeGreaterThanOrEqual(190);
		expect(rows()[0]).toMatchObject({ status: 'queued', attempts: 1, sendingSince: '2026-11-23T04:00:05.000Z' });

		// The database closes (serving.ts), then the send ends: the pass notes it and leaves the claim.
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		test.db.$client.close();
		channel.answer();
		await until(() => warn.mock.calls.length > 0, 5, 'the late send was not noted');
		expect(String(warn.mock.calls[0][0])).toContain(`${channel.handedOver[0].identity} ended after the database closed`);
		expect(error).not.toHaveBeenCalled();
		warn.mockRestore();
		error.mockRestore();

		const reopened = openDatabase(test.path);
		try {
			expect(releaseAbandonedClaims(reopened, stoppedClock())).toBe(1);
			const { sent, sender } = capture();
			await sendDueNotifications(reopened, { now: stoppedClock, sender });
			expect(sent.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
			expect(sent.find((m) => m.channel === 'email')!.identity).toBe(channel.handedOver[0].identity);
		} finally {
			reopened.$client.close();
		}
	});
});

describe('N3: escalation to the on-duty address', () => {
	const signalAt = '2026-11-23T10:00:00Z';
	const plus = (minutes: number) => new Date(Date.parse(signalAt) + minutes * 60_000);
	const onDuty = () => rows().filter((r) => r.recipientKind === 'on-duty');

	it('after afterMinutes (30 in the demo) the coordinating organisation\'s on-duty address hears of an unopened signal', async () => {
		writes.sendSafetySignal(ctx(yasmin, signalAt), {});
		scheduleDueNotifications(test.db, plus(29));
		expect(onDuty()).toEqual([]);
		scheduleDueNotifications(test.db, plus(30));
		expect(onDuty().map((r) => [r.recipientId, r.channel])).toEqual([['org-cw', 'email'], ['org-cw', 'sms']]);
		scheduleDueNotifications(test.db, plus(45));
		expect(onDuty().length).toBe(2);
		const { sent, sender } = capture();
		await send(plus(31).toISOString(), sender);
		expect(sent.filter((s) => s.to === 'paivystys@ita.example.org' || s.to === '+358400000100').length).toBe(2);
	});

	it('not when the coordinator opened it in time (a page that showed it), nor when she handled it', () => {
		const signal = writes.sendSafetySignal(ctx(yasmin, signalAt), {}) as { id: string };
		readFamilyView(test.db, anna, 'fam-haddad', currentClock(plus(10)), 'family-page');
		scheduleDueNotifications(test.db, plus(40));
		expect(onDuty()).toEqual([]);
		// Another signal, marked handled: no escalation either.
		const second = writes.sendSafetySignal(ctx(amal, '2026-11-24T10:00:00Z'), {}) as { id: string };
		writes.handleSafetySignal(ctx(anna, '2026-11-24T10:05:00Z'), second.id);
		scheduleDueNotifications(test.db, new Date('2026-11-24T11:00:00Z'));
		expect(onDuty()).toEqual([]);
		expect(signal.id).toBeTruthy();
	});

	it("counts a read that a request has queued and not yet written (the access log's group commit)", async () => {
		writes.sendSafetySignal(ctx(yasmin, signalAt), {});
		const request = holdResponsesUntilLogged(() => readFamilyView(test.db, anna, 'fam-haddad', currentClock(plus(10)), 'family-page'));
		// The worker's pass in the same turn of the event loop, before the request's batch is written.
		scheduleDueNotifications(test.db, plus(40));
		await request;
		expect(onDuty()).toEqual([]);
		expect(test.db.select().from(t.accessLog).where(eq(t.accessLog.professionalId, 'pro-anna')).all().length).toBe(1);
	});

	// What each surface of a coordinator's read does to N3's "opened", for a safety signal and for an
	// emergency access: only the reads that show them count. Each read must write its own entry, so
	// that a surface which does not count is seen to be ignored, not merely to be silent.
	const surfaces: { surface: ReadSurface; read: (clock: Clock) => unknown; opens: boolean }[] = [
		{ surface: 'family-page', read: (clock) => readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page'), opens: true },
		{ surface: 'work-list', read: (clock) => professionalWork(test.db, anna as ProfessionalPrincipal, '', clock), opens: true },
		{ surface: 'family-api', read: (clock) => readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-api'), opens: true },
		{ surface: 'family-list', read: (clock) => listFamilies(test.db, anna, clock), opens: false },
		{ surface: 'messages', read: (clock) => readFamilyThreads(test.db, anna, 'fam-haddad', clock), opens: false },
		{ surface: 'calendar', read: (clock) => feedCalendar(test.db, anna, 'https://portal.example.fi', 'fi', clock), opens: false }
	];
	const annasEntries = (surface: ReadSurface) => test.db.select().from(t.accessLog)
		.where(and(eq(t.accessLog.professionalId, 'pro-anna'), eq(t.accessLog.familyId, 'fam-haddad'), eq(t.accessLog.surface, surface))).all();
	const timo: Principal = { kind: 'professional', professionalId: 'pro-timo', organisationId: 'org-police', authority: true, name: 'timo' };
	const raised = {
		'a safety signal': () => { writes.sendSafetySignal(ctx(yasmin, signalAt), {}); },
		'an emergency access': () => {
			expect(writes.openEmergency({ db: test.db, who: timo, familyId: 'fam-haddad', clock: at(signalAt) }, { reason: 'A child may be in danger tonight, checking now.' }).ok).toBe(true);
		}
	};
	for (const [item, raise] of Object.entries(raised)) {
		for (const { surface, read, opens } of surfaces) {
			it(`${item}: the coordinator's read on the ${surface} surface ${opens ? 'opens it' : 'does not open it'}`, () => {
				raise();
				read(currentClock(plus(10)));
				expect(annasEntries(surface).length).toBeGreaterThan(0);
				scheduleDueNotifications(test.db, plus(40));
				expect(onDuty().length).toBe(opens ? 0 : 2);
			});
		}
	}

	it('the messages page logs the basic data and the threads it shows, not the safety signals nor the plan', () => {
		writes.sendSafetySignal(ctx(yasmin, signalAt), {});
		expect(readFamilyThreads(test.db, anna, 'fam-haddad', currentClock(plus(10)))?.threads.length).toBeGreaterThan(0);
		const [entry] = annasEntries('messages');
		const categories = new Set((JSON.parse(entry.reads) as { category: string }[]).map((r) => r.category));
		expect([...categories].sort()).toEqual(['basic', 'messages']);
	});

	it('an entry written before the surface was recorded counts as it did then', () => {
		writes.sendSafetySignal(ctx(yasmin, signalAt), {});
		readFamilyView(test.db, anna, 'fam-haddad', currentClock(plus(10)), 'calendar');
		scheduleDueNotifications(test.db, plus(35));
		expect(onDuty().length).toBe(2);
		test.db.delete(t.notifications).run();
		test.db.update(t.accessLog).set({ surface: null }).where(eq(t.accessLog.professionalId, 'pro-anna')).run();
		scheduleDueNotifications(test.db, plus(40));
		expect(onDuty()).toEqual([]);
	});

	it('an emergency access opened and not reviewed is escalated the same way', () => {
		const timo = { kind: 'professional' as const, professionalId: 'pro-timo', organisationId: 'org-police', authority: true, name: 'timo' };
		const opened = writes.openEmergency({ db: test.db, who: timo, familyId: 'fam-haddad', clock: at(signalAt) }, { reason: 'A child may be in danger tonight, checking now.' });
		expect(opened.ok).toBe(true);
		expect(rowsFor('pro-anna').map((r) => r.kind)).toEqual(['emergency-access', 'emergency-access']);
		scheduleDueNotifications(test.db, plus(31));
		expect(onDuty().map((r) => r.kind)).toEqual(['emergency-access', 'emergency-access']);
	});
});

describe('scenario additions (FORMAT.md version 2)', () => {
	const demo = () => JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8'));

	it('contacts, notify and onDuty load; mistakes are named by their path', () => {
		const member = test.db.select({ email: t.members.email, phone: t.members.phone, notify: t.members.notify }).from(t.members).where(eq(t.members.id, 'yasmin')).get();
		expect(member).toEqual({ email: 'yasmin@example.org', phone: '+358400000101', notify: { channels: ['sms'], quiet: { from: '22:00', until: '07:00' } } });
		const bad = demo();
		bad.families[0].members[1].phone = '040 123';
		bad.families[0].members[0].notify = { channels: ['sms'] };
		bad.organisations[0].onDuty = { afterMinutes: 0 };
		bad.professionals[0].notify = { channels: ['email'], quiet: { from: '25:00', until: '08:00' } };
		const result = validateScenario(bad);
		expect(result.ok).toBe(false);
		const paths = (result as { problems: { path: string }[] }).problems.map((p) => p.path);
		expect(paths).toEqual(expect.arrayContaining([
			'families[0].members[1].phone', 'organisations[0].onDuty.afterMinutes', 'professionals[0].notify.quiet.from'
		]));
		const second = demo();
		second.families[0].members[0].notify = { channels: ['sms'] };
		const problems = (validateScenario(second) as { problems: { path: string; message: string }[] }).problems;
		expect(problems).toEqual([{ path: 'families[0].members[0].notify.channels[0]', message: 'text messages are chosen but the person has no "phone"' }]);
	});
});

/** The capitalised words of a name ("Haddadin perhe" -> "Haddadin"): "perhe" alone names nobody. */
function capitalised(name: string): string[] {
	return name.split(' ').filter((w) => /^\p{Lu}/u.test(w));
}

function block(memberId: string, childId: string) {
	test.db.insert(t.blocks).values({
		id: `b-${memberId}-${childId}`, familyId: 'fam-haddad', memberId, childId, reason: 'violence', setBy: 'pro-anna', from: '2026-11-01', review: '2027-01-01'
	}).run();
}

function giveEmail(kind: 'member', id: string, email: string) {
	if (kind === 'member') test.db.update(t.members).set({ email }).where(eq(t.members.id, id)).run();
}

describe('the worker\'s rhythm', () => {
	it('the daily reminders run once a Helsinki day from 08:00; escalations on every pass', () => {
		// 07:59 and 08:00 Helsinki time in winter (UTC+2).
		expect(dailyRemindersDue(null, new Date('2026-12-14T05:59:00Z'))).toBe(false);
		expect(dailyRemindersDue(null, new Date('2026-12-14T06:00:00Z'))).toBe(true);
		expect(dailyRemindersDue('2026-12-14', new Date('2026-12-14T15:00:00Z'))).toBe(false);
		// 00:30 on the 15th in Helsinki is still the 14th in UTC: a new day, but before 08:00.
		expect(dailyRemindersDue('2026-12-14', new Date('2026-12-14T22:30:00Z'))).toBe(false);
		expect(dailyRemindersDue('2026-12-14', new Date('2026-12-15T06:30:00Z'))).toBe(true);
	});

	it('an overdue task already announced for its due date no longer brings its family into the daily pass', () => {
		const now = new Date('2026-12-14T09:00:00Z');
		const before = familiesWithSomethingDue(test.db, '2026-12-14', now, true);
		expect(before.length).toBeGreaterThan(0);
		scheduleDueNotifications(test.db, now);
		const overdueAnnounced = test.db.select({ familyId: t.notifications.familyId }).from(t.notifications).where(eq(t.notifications.kind, 'task-overdue')).all().map((r) => r.familyId);
		expect(overdueAnnounced.length).toBeGreaterThan(0);
		// Leave that family only its announced overdue tasks: nothing else to remind of.
		const family = overdueAnnounced[0];
		const announced = test.db.select({ id: t.notifications.itemId }).from(t.notifications).where(eq(t.notifications.kind, 'task-overdue')).all().map((r) => r.id);
		for (const task of test.db.select().from(t.tasks).where(eq(t.tasks.familyId, family)).all()) {
			if (!announced.includes(task.id)) test.db.update(t.tasks).set({ done: true }).where(eq(t.tasks.id, task.id)).run();
		}
		test.db.delete(t.meetings).where(eq(t.meetings.familyId, family)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).not.toContain(family);
		// The same task with a new due date is a new event: the family is back.
		const familyTask = test.db.select().from(t.tasks).where(eq(t.tasks.familyId, family)).all().find((task) => announced.includes(task.id))!;
		test.db.update(t.tasks).set({ due: '2026-12-10' }).where(eq(t.tasks.id, familyTask.id)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).toContain(family);
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, false)).toEqual([]);
	});

	it('a task due today brings no family into the daily pass, nor a task nobody could be told of', () => {
		const now = new Date('2026-12-14T09:00:00Z');
		const family = familiesWithSomethingDue(test.db, '2026-12-14', now, true)[0];
		const tasks = test.db.select().from(t.tasks).where(eq(t.tasks.familyId, family)).all();
		test.db.delete(t.meetings).where(eq(t.meetings.familyId, family)).run();
		for (const task of tasks.slice(1)) test.db.update(t.tasks).set({ done: true }).where(eq(t.tasks.id, task.id)).run();
		const [task] = tasks;
		test.db.update(t.tasks).set({ done: false, due: '2026-12-14' }).where(eq(t.tasks.id, task.id)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).not.toContain(family);
		test.db.update(t.tasks).set({ due: '2026-12-15' }).where(eq(t.tasks.id, task.id)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).toContain(family);
		// Overdue, assigned to a member, and nobody in the family has an address: nobody to tell.
		const member = test.db.select().from(t.members).where(eq(t.members.familyId, family)).get()!;
		test.db.update(t.tasks).set({ due: '2026-12-01', assigneeMemberId: member.id, assigneeProfessionalId: null }).where(eq(t.tasks.id, task.id)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).toContain(family);
		test.db.update(t.members).set({ email: null, phone: null }).where(eq(t.members.familyId, family)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).not.toContain(family);
		// The task given to a professional with an address: the family is back.
		const professional = test.db.select().from(t.professionals).where(sql`${t.professionals.email} IS NOT NULL`).get()!;
		test.db.update(t.tasks).set({ assigneeMemberId: null, assigneeProfessionalId: professional.id }).where(eq(t.tasks.id, task.id)).run();
		expect(familiesWithSomethingDue(test.db, '2026-12-14', now, true)).toContain(family);
	});

	it('the worker\'s pass, one family at a time, queues what the whole pass queues', async () => {
		const now = new Date('2026-12-14T09:00:00Z');
		const gently = await scheduleDueNotificationsGently(test.db, now);
		expect(gently).toBeGreaterThan(0);
		expect(scheduleDueNotifications(test.db, now)).toBe(0);
	});

	it('the worker\'s pass told to stop queues no further family; the next pass queues the rest', async () => {
		const now = new Date('2026-12-14T09:00:00Z');
		const families = familiesWithSomethingDue(test.db, '2026-12-14', now, true);
		expect(families.length).toBeGreaterThan(1);
		const stopping = new AbortController();
		const pass = scheduleDueNotificationsGently(test.db, now, { signal: stopping.signal });
		stopping.abort(); // after the first family, which is queued before the pass first gives way
		await pass;
		expect(new Set(rows().map((r) => r.familyId))).toEqual(new Set([families[0]]));
		expect(scheduleDueNotifications(test.db, now)).toBeGreaterThan(0);
		expect(new Set(rows().map((r) => r.familyId)).size).toBeGreaterThan(1);
	});

	it('a pass without the reminders queues no task or meeting reminder; the same pass with them does', () => {
		expect(scheduleDueNotifications(test.db, new Date('2026-12-14T09:00:00Z'), { reminders: false })).toBe(0);
		expect(scheduleDueNotifications(test.db, new Date('2026-12-14T09:00:00Z'))).toBeGreaterThan(0);
	});
});
