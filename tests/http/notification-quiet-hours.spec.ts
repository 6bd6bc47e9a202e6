/**
 * N3 quiet hours through the built server, its own worker sending to a real SMTP server
 * (tests/support/notification-rig.ts): Amal's quiet hours are set around the run's present
 * (an hour each side, Helsinki time); the consultation team's answer about her son is
 * queued for her and held, not sent; the same database served again when her quiet hours
 * are over (a server whose clock is two hours ahead) sends it, once.
 */
import { describe, expect, it } from 'vitest';
import { helsinkiTimeOfDay } from '../../src/lib/server/notifications/quiet';
import { until } from '../support/mail-catcher';
import { notificationRig, postForm } from '../support/notification-rig';
import { testNow } from '../support/run-clock';
import { DEMO_PASSWORD, demoScenarioText, login } from '../support/server';
import { m } from '../../src/lib/paraglide/messages';

const HOUR = 3_600_000;
/** The answer's sentence in Amal's language (Arabic, the demo's), without its link. */
const ANSWER_TEXT = m.notify_text_consultation_answer({ link: '' }, { locale: 'ar' }).trim();
type OutboxRow = { status: string; next_attempt_at: string; created_at: string };

/** The demo with Amal's quiet hours from an hour before the run's present to an hour after it. */
function scenarioWithAmalQuietNow(): string {
	const demo = JSON.parse(demoScenarioText()) as { families: { id: string; members: Record<string, unknown>[] }[] };
	const amal = demo.families.find((f) => f.id === 'fam-haddad')!.members.find((m) => m.id === 'amal')!;
	const now = testNow().getTime();
	amal.notify = { channels: ['email'], quiet: { from: helsinkiTimeOfDay(new Date(now - HOUR)), until: helsinkiTimeOfDay(new Date(now + HOUR)) } };
	return JSON.stringify(demo);
}

describe('quiet hours hold a notification until they end', () => {
	const rig = notificationRig(scenarioWithAmalQuietNow);
	const answerRows = () => rig.query<OutboxRow>(`SELECT status, next_attempt_at, created_at FROM notifications WHERE kind = 'consultation-answer' AND recipient_id = 'amal'`);
	const answerMails = () => rig.smtp.delivered.filter((m) => m.envelopeTo.includes('amal@example.org') && m.text.includes(ANSWER_TEXT));

	it('held in Amal\'s quiet hours, sent once after them', async () => {
		const first = await rig.serve();
		const { cookie: anna } = await login(first.url, 'anna', DEMO_PASSWORD);
		await postForm(first.url, '/pro/families/fam-haddad?/openConsultation', anna!, [['subject', 'omar'], ['question', 'Miten tukea koulua?']]);
		const [{ id }] = rig.query<{ id: string }>('SELECT id FROM consultations WHERE subject_id = ? ORDER BY rowid DESC LIMIT 1', 'omar');
		await postForm(first.url, '/pro/families/fam-haddad?/recordConsultation', anna!, [['id', id], ['answer', 'Koulu ja kotityö yhdessä.']]);

		// The worker (a pass a second) has looked at it and put it off to the end of her quiet hours.
		const [held] = await until(() => {
			const rows = answerRows();
			return rows.length === 1 && Date.parse(rows[0].next_attempt_at) - Date.parse(rows[0].created_at) > 30 * 60_000 && rows;
		}, 20, 'the answer was not held for the quiet hours');
		expect(held.status).toBe('queued');
		expect(Date.parse(held.next_attempt_at)).toBeGreaterThan(testNow().getTime() + 50 * 60_000);
		await new Promise((r) => setTimeout(r, 2000)); // two passes more: still nothing, nor anything else to her
		expect(rig.smtp.delivered.filter((m) => m.envelopeTo.includes('amal@example.org'))).toEqual([]);
		await first.stop();

		// Two hours later her quiet hours are over: it goes, once.
		await rig.serve({ clockAheadMs: 2 * HOUR });
		await until(() => answerMails().length === 1, 20, 'the held answer was not sent after the quiet hours');
		await new Promise((r) => setTimeout(r, 1500));
		expect(answerMails()).toHaveLength(1);
		expect(answerRows().map((r) => r.status)).toEqual(['sent']);
		expect(answerMails()[0].text).not.toMatch(/Omar|Haddad|Amal|koulu/i);
	});
});
