/**
 * The server is killed while sending and restarted: nothing lost, nothing sent twice
 * (issue #15). Through the built server, a real SMTP server (tests/support/mail-catcher.ts)
 * and the text-message gateway: three safety signals queue six notifications; the SMTP
 * server holds back its answer to the first message's DATA (it has the message, has not
 * said 250), the portal is SIGKILLed while it waits, and a second server on the same
 * database sends the rest at once. As in real SMTP, the message whose connection died
 * before 250 was not delivered; it is delivered by the second server under the same
 * Message-ID, so a receiver could also tell it from a new one.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../support/mail-catcher';
import { notificationRig, postForm } from '../support/notification-rig';
import { testNow } from '../support/run-clock';
import { DEMO_PASSWORD, login } from '../support/server';

type OutboxRow = { id: number; channel: string; status: string; attempts: number; created_at: string; sending_since: string | null; next_attempt_at: string };

/** The identity the portal gives a row (worker.ts notificationIdentity), worked out here from the row itself. */
const identityOf = (row: OutboxRow) => `notification-${row.id}.${Date.parse(row.created_at).toString(36)}`;

describe('the server killed while sending, then restarted on the same database', () => {
	const rig = notificationRig();
	const outbox = () => rig.query<OutboxRow>(`SELECT id, channel, status, attempts, created_at, sending_since, next_attempt_at FROM notifications WHERE kind = 'safety-signal' ORDER BY id`);

	it('sends every queued notification exactly once, within seconds of the restart', async () => {
		// The first message that arrives waits for its 250 until the portal is gone.
		let heldOne = false;
		rig.smtp.hold(() => !heldOne && (heldOne = true));
		const first = await rig.serve();
		const { cookie } = await login(first.url, 'yasmin', DEMO_PASSWORD);
		for (const word of ['yksi', 'kaksi', 'kolme']) await postForm(first.url, '/family?/sendSafetySignal', cookie!, [['word', word]]);
		await until(() => rig.smtp.held.length === 1, 20, 'the first e-mail never reached the SMTP server');
		expect(rig.smtp.delivered).toHaveLength(0);

		await first.kill();
		await until(() => rig.smtp.abandoned.length === 1, 10, 'the killed server\'s SMTP connection did not close');
		const afterKill = outbox();
		// Three signals, Anna by e-mail and text message each; one e-mail claimed mid-send by a process now gone.
		expect(afterKill).toHaveLength(6);
		const inFlight = afterKill.filter((r) => r.sending_since !== null);
		expect(inFlight).toHaveLength(1);
		expect(inFlight[0]).toMatchObject({ channel: 'email', status: 'queued', attempts: 1 });
		expect(rig.smtp.abandoned[0].messageId).toBe(`<${identityOf(inFlight[0])}@localhost>`);
		// Its back-off would keep it a minute: the restart must not wait for that.
		expect(Date.parse(inFlight[0].next_attempt_at) - testNow().getTime()).toBeGreaterThan(30_000);

		const restartedAt = Date.now();
		const second = await rig.serve();
		const rows = await until(() => {
			const now = outbox();
			return now.every((r) => r.status === 'sent') && now;
		}, 15, 'not every notification was sent after the restart');
		const seconds = (Date.now() - restartedAt) / 1000;
		expect(seconds).toBeLessThan(15);
		expect(rows.every((r) => r.sending_since === null)).toBe(true);

		// Give a repeat the time to show itself (the worker passes every second).
		await new Promise((r) => setTimeout(r, 2500));
		const emails = rows.filter((r) => r.channel === 'email');
		const texts = rows.filter((r) => r.channel === 'sms');
		expect(rig.smtp.delivered.map((m) => m.envelopeTo.join())).toEqual(['anna@demo.example', 'anna@demo.example', 'anna@demo.example']);
		expect(rig.smtp.delivered.map((m) => m.messageId).sort()).toEqual(emails.map((r) => `<${identityOf(r)}@localhost>`).sort());
		expect(new Set(rig.smtp.delivered.map((m) => m.messageId)).size).toBe(3);
		expect(rig.smtp.delivered.map((m) => m.messageId)).toContain(rig.smtp.abandoned[0].messageId);
		expect(rig.sms.texts.map((t) => t.to)).toEqual(['+358401000001', '+358401000001', '+358401000001']);
		expect(rig.sms.texts.map((t) => t.idempotencyKey).sort()).toEqual(texts.map(identityOf).sort());
		expect(rig.smtp.held).toHaveLength(0);
		expect(second.output()).toContain('1 left mid-send by a stopped server');
	});
});
