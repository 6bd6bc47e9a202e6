/**
 * Who hears of what, through the built server, a real SMTP server and the text-message
 * gateway (tests/support/mail-catcher.ts), the server's own worker sending:
 * - N3 escalation: Yasmin's safety signal, not opened by the coordinator, reaches the
 *   organisation's on-duty address after `afterMinutes` (30 in the demo), content-free:
 *   the same database served again by a server whose clock is 31 minutes ahead;
 * - M5: Amal hears of the consultation team's answer about Omar, never of the one about
 *   Yasmin once Yasmin hid her plan (a real form post);
 * - M6: Jari, blocked from his children, hears nothing about Eveliina while Sari does
 *   (the demo gives neither an address: this test's copy of the demo does).
 */
import { describe, expect, it } from 'vitest';
import { until } from '../support/mail-catcher';
import { notificationRig, postForm } from '../support/notification-rig';
import { DEMO_PASSWORD, demoScenarioText, login } from '../support/server';

type OutboxRow = { kind: string; item_id: string; family_id: string; recipient_kind: string; recipient_id: string; channel: string; status: string };
const ON_DUTY_EMAIL = 'paivystys@ita.example.org', ON_DUTY_PHONE = '+358400000100';
const NAMES = /Yasmin|Haddad|Amal|Omar|Anna|Virtanen|Eveliina|Sari|Jari|Lahtinen|Hanna|lastensuojelu|uhkailee|koulu/i;

/** The demo with addresses for Sari and Jari, so that a notification to Jari could be sent if it were queued. */
function scenarioWithLahtinenAddresses(): string {
	const demo = JSON.parse(demoScenarioText()) as { families: { id: string; members: Record<string, unknown>[] }[] };
	const lahtinen = demo.families.find((f) => f.id === 'fam-lahtinen')!;
	for (const member of lahtinen.members) {
		if (member.id === 'sari' || member.id === 'jari') member.email = `${member.id}@example.org`;
	}
	return JSON.stringify(demo);
}

describe('escalation, hidden items and blocks, through the real server', () => {
	const rig = notificationRig(scenarioWithLahtinenAddresses);
	const outbox = () => rig.query<OutboxRow>('SELECT kind, item_id, family_id, recipient_kind, recipient_id, channel, status FROM notifications ORDER BY id');

	it('the on-duty address hears of an unopened safety signal after 30 minutes; Amal never of what Yasmin hid; Jari never of his children', async () => {
		const first = await rig.serve();
		const [yasmin, anna, hanna] = await Promise.all(['yasmin', 'anna', 'hanna'].map(async (name) => (await login(first.url, name, DEMO_PASSWORD)).cookie!));

		// M5: Yasmin hides her plan from her mother (she already hides her services).
		await postForm(first.url, '/family/privacy?/setHidden', yasmin, [['categories', 'services'], ['categories', 'plan']]);
		// The consultation team answers about Yasmin and about Omar; Hanna about Eveliina.
		const consultations: Record<string, string> = {};
		for (const [cookie, family, subject] of [[anna, 'fam-haddad', 'yasmin'], [anna, 'fam-haddad', 'omar'], [hanna, 'fam-lahtinen', 'eveliina']]) {
			await postForm(first.url, `/pro/families/${family}?/openConsultation`, cookie, [['subject', subject], ['question', 'Miten tukea koulua?']]);
			const [{ id }] = rig.query<{ id: string }>('SELECT id FROM consultations WHERE subject_id = ? ORDER BY rowid DESC LIMIT 1', subject);
			await postForm(first.url, `/pro/families/${family}?/recordConsultation`, cookie, [['id', id], ['answer', 'Koulu ja kotityö yhdessä.']]);
			consultations[subject] = id;
		}
		// Last, so that no page Anna loaded shows it to her: the signal stays unopened.
		await postForm(first.url, '/family?/sendSafetySignal', yasmin, [['word', 'isä uhkailee kotona']]);
		const coordinatorMail = await until(() => rig.smtp.delivered.find((m) => m.envelopeTo.includes('anna@demo.example') && m.text.includes('turvallisuusviesti')));
		await until(() => rig.smtp.delivered.some((m) => m.envelopeTo.includes('amal@example.org')) && rig.smtp.delivered.some((m) => m.envelopeTo.includes('sari@example.org')));
		await until(() => outbox().every((r) => r.status !== 'queued'), 20, 'the first server left notifications queued');
		expect(rig.smtp.delivered.some((m) => m.envelopeTo.includes(ON_DUTY_EMAIL))).toBe(false); // not before its time
		expect(coordinatorMail.text).not.toMatch(NAMES);
		await first.stop();

		// Half an hour later (31 minutes on the second server's clock), still not opened: the on-duty address hears of it.
		const later = await rig.serve({ clockAheadMs: 31 * 60_000 });
		const onDutyMail = await until(() => rig.smtp.delivered.find((m) => m.envelopeTo.includes(ON_DUTY_EMAIL)), 20, 'no escalation reached the on-duty address');
		const onDutyText = await until(() => rig.sms.texts.find((t) => t.to === ON_DUTY_PHONE), 20, 'no escalation text reached the on-duty phone');
		expect(onDutyMail.to).toEqual([ON_DUTY_EMAIL]);
		expect(onDutyMail.fromName).toBe('Perheportaali');
		expect(onDutyMail.subject).toBe('Uutta perheportaalissa');
		expect(onDutyMail.text).toContain(`Sinulle on uusi turvallisuusviesti perheportaalissa: ${later.url}/pro`);
		expect(onDutyText.text).toBe(`Sinulle on uusi turvallisuusviesti perheportaalissa: ${later.url}/pro`);
		for (const content of [onDutyMail.subject, onDutyMail.text, onDutyText.text]) expect(content).not.toMatch(NAMES);
		await until(() => outbox().every((r) => r.status !== 'queued'), 20, 'the second server left notifications queued');
		await new Promise((r) => setTimeout(r, 1500)); // a pass more: nothing else may come
		expect(rig.smtp.delivered.filter((m) => m.envelopeTo.includes(ON_DUTY_EMAIL))).toHaveLength(1);
		expect(rig.sms.texts.filter((t) => t.to === ON_DUTY_PHONE)).toHaveLength(1);

		const rows = outbox();
		expect(rows.filter((r) => r.recipient_kind === 'on-duty').map((r) => [r.kind, r.recipient_id, r.channel, r.status]).sort())
			.toEqual([['safety-signal', 'org-cw', 'email', 'sent'], ['safety-signal', 'org-cw', 'sms', 'sent']]);

		// M5: of the two answers, Amal heard only of Omar's; Yasmin heard of her own.
		const toAmal = rows.filter((r) => r.recipient_id === 'amal');
		expect(toAmal.filter((r) => r.kind === 'consultation-answer').map((r) => [r.item_id, r.status])).toEqual([[consultations.omar, 'sent']]);
		expect(toAmal.some((r) => r.item_id === consultations.yasmin)).toBe(false);
		expect(rows.filter((r) => r.item_id === consultations.yasmin && r.recipient_kind === 'member').map((r) => [r.recipient_id, r.channel, r.status])).toEqual([['yasmin', 'sms', 'sent']]);
		// What reached Amal's inbox is what the outbox sent her: one mail per sent row, none more.
		expect(rig.smtp.delivered.filter((m) => m.envelopeTo.includes('amal@example.org'))).toHaveLength(toAmal.filter((r) => r.status === 'sent' && r.channel === 'email').length);

		// M6: Sari heard of Eveliina's answer; Jari, with an address now, of nothing at all.
		expect(rows.filter((r) => r.recipient_id === 'sari' && r.item_id === consultations.eveliina).map((r) => r.status)).toEqual(['sent']);
		expect(rows.filter((r) => r.recipient_id === 'jari')).toEqual([]);
		expect(rig.smtp.delivered.some((m) => m.envelopeTo.includes('jari@example.org'))).toBe(false);
		for (const mail of rig.smtp.delivered) expect(`${mail.subject}\n${mail.text}`).not.toMatch(NAMES);
	});
});
