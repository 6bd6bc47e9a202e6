/**
 * The server stopped cleanly (SIGTERM) while sending, then started again: the send in
 * flight is finished and recorded before the database closes, no further row is taken, and
 * nothing goes out twice. Through the built server, a real SMTP server
 * (tests/support/mail-catcher.ts) and the text-message gateway: a safety signal queues
 * Anna's e-mail and text message; the SMTP server holds back its answer to the e-mail's
 * DATA until the server has been told to stop. A server that closed its database at once
 * could not mark the e-mail sent, and the next start would send it again.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../support/mail-catcher';
import { notificationRig, postForm } from '../support/notification-rig';
import { DEMO_PASSWORD, login } from '../support/server';
import { slowFormPost } from '../support/slow-form-post';

type OutboxRow = { channel: string; status: string; attempts: number; sending_since: string | null };

describe('the server stopped (SIGTERM) while sending, then started again on the same database', () => {
	const rig = notificationRig();
	const outbox = () => rig.query<OutboxRow>(`SELECT channel, status, attempts, sending_since FROM notifications WHERE kind = 'safety-signal' ORDER BY id`);

	it('records the send in flight before the database closes; the next start sends the rest and nothing twice', async () => {
		let heldOne = false;
		rig.smtp.hold(() => !heldOne && (heldOne = true));
		const first = await rig.serve();
		const { cookie } = await login(first.url, 'yasmin', DEMO_PASSWORD);
		await postForm(first.url, '/family?/sendSafetySignal', cookie!, [['word', 'apua']]);
		await until(() => rig.smtp.held.length === 1, 20, 'the e-mail never reached the SMTP server');

		const stopped = first.stop();
		const toldToStop = await until(() => first.output().includes('notifications: stopping'), 10).then(() => true, () => false);
		// The SMTP server answers a second into the worker's stop: the database must still be open
		// then. Answered in any case, so that a failing server is not left waiting for it.
		await new Promise((r) => setTimeout(r, 1000));
		rig.smtp.releaseAll();
		expect(await stopped).toBe(0);
		expect(first.output()).toContain('closed cleanly');
		const [email, sms] = outbox();
		expect(email).toMatchObject({ channel: 'email', status: 'sent', attempts: 1, sending_since: null });
		// Told to stop, the worker took no further row.
		expect(toldToStop, 'the worker was told to stop').toBe(true);
		expect(sms).toMatchObject({ channel: 'sms', status: 'queued', attempts: 0, sending_since: null });
		expect(rig.sms.texts).toEqual([]);

		const second = await rig.serve();
		await until(() => outbox().every((r) => r.status === 'sent'), 15, 'the text message was not sent after the start');
		// Give a repeat the time to show itself (the worker passes every second).
		await new Promise((r) => setTimeout(r, 2500));
		expect(rig.smtp.delivered.map((m) => m.envelopeTo.join())).toEqual(['anna@demo.example']);
		expect(rig.sms.texts.map((t) => t.to)).toEqual(['+358401000001']);
		expect(second.output()).not.toContain('left mid-send');
	}, 90_000);
});

describe('the stop begins at the signal, not after the requests in flight have drained', () => {
	const rig = notificationRig();

	it('told to stop (SIGTERM) while a slow request holds the drain, the worker stops at once', async () => {
		let heldOne = false;
		rig.smtp.hold(() => !heldOne && (heldOne = true));
		const server = await rig.serve();
		const yasmin = await login(server.url, 'yasmin', DEMO_PASSWORD);
		const amal = await login(server.url, 'amal', DEMO_PASSWORD);
		await postForm(server.url, '/family?/sendSafetySignal', yasmin.cookie!, [['word', 'apua']]);
		await until(() => rig.smtp.held.length === 1, 20, 'the e-mail never reached the SMTP server');
		// Amal's view arrives slowly: adapter-node waits for it before its shutdown event.
		const slow = slowFormPost(server.url, '/family/voice?/createVoice', amal.cookie!, `kind=view&text=${encodeURIComponent('Hidas näkemys')}&shareWithTeam=on`);
		await new Promise((r) => setTimeout(r, 300));
		const stopped = server.stop();
		const stoppedAtOnce = await until(() => server.output().includes('notifications: stopping'), 5).then(() => true, () => false);
		slow.finish();
		rig.smtp.releaseAll();
		expect((await slow.answer).status).toBe(303);
		expect(await stopped).toBe(0);
		expect(stoppedAtOnce, 'the worker was told to stop while the request was still arriving').toBe(true);
		expect(server.output()).toContain('closed cleanly');
	}, 60_000);
});

