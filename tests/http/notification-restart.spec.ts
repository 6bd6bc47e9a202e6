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
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, startSmsGateway, until, type MailCatcher, type SmsGateway } from '../support/mail-catcher';
import { testNow } from '../support/run-clock';
import { createScenarioDatabase, DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

type OutboxRow = { id: number; channel: string; status: string; attempts: number; created_at: string; sending_since: string | null; next_attempt_at: string };

function outbox(databasePath: string): OutboxRow[] {
	const db = new Database(databasePath, { readonly: true });
	try {
		return db.prepare(`SELECT id, channel, status, attempts, created_at, sending_since, next_attempt_at FROM notifications WHERE kind = 'safety-signal' ORDER BY id`).all() as OutboxRow[];
	} finally {
		db.close();
	}
}

/** The identity the portal gives a row (worker.ts notificationIdentity), worked out here from the row itself. */
const identityOf = (row: OutboxRow) => `notification-${row.id}.${Date.parse(row.created_at).toString(36)}`;

async function sendSignal(url: string, cookie: string, word: string) {
	const response = await fetch(`${url}/family?/sendSafetySignal`, {
		method: 'POST', redirect: 'manual',
		headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
		body: new URLSearchParams({ word })
	});
	expect(response.status).toBe(303);
}

describe('the server killed while sending, then restarted on the same database', () => {
	let smtp: MailCatcher;
	let sms: SmsGateway;
	let database: Awaited<ReturnType<typeof createScenarioDatabase>>;
	let env: Record<string, string>;
	const servers: RunningServer[] = [];

	beforeAll(async () => {
		[smtp, sms, database] = [await startMailCatcher(), await startSmsGateway(), await createScenarioDatabase()];
		env = { SMTP_URL: smtp.url, MAIL_FROM: 'noreply@portal.example.fi', SMS_URL: sms.url, NOTIFY_WORKER: 'on', NOTIFY_INTERVAL_SECONDS: '1' };
	});
	afterAll(async () => {
		for (const server of servers) await server.stop();
		await smtp?.close();
		await sms?.close();
		database?.remove();
	});

	it('sends every queued notification exactly once, within seconds of the restart', async () => {
		// The first message that arrives waits for its 250 until the portal is gone.
		let heldOne = false;
		smtp.hold(() => !heldOne && (heldOne = true));
		const first = await startServer({ databasePath: database.databasePath, env });
		servers.push(first);
		const { cookie } = await login(first.url, 'yasmin', DEMO_PASSWORD);
		for (const word of ['yksi', 'kaksi', 'kolme']) await sendSignal(first.url, cookie!, word);
		await until(() => smtp.held.length === 1, 20, 'the first e-mail never reached the SMTP server');
		expect(smtp.delivered).toHaveLength(0);

		await first.kill();
		await until(() => smtp.abandoned.length === 1, 10, 'the killed server\'s SMTP connection did not close');
		const afterKill = outbox(database.databasePath);
		// Three signals, Anna by e-mail and text message each; one e-mail claimed mid-send by a process now gone.
		expect(afterKill).toHaveLength(6);
		const inFlight = afterKill.filter((r) => r.sending_since !== null);
		expect(inFlight).toHaveLength(1);
		expect(inFlight[0]).toMatchObject({ channel: 'email', status: 'queued', attempts: 1 });
		expect(smtp.abandoned[0].messageId).toBe(`<${identityOf(inFlight[0])}@localhost>`);
		// Its back-off would keep it a minute: the restart must not wait for that.
		expect(Date.parse(inFlight[0].next_attempt_at) - testNow().getTime()).toBeGreaterThan(30_000);

		const restartedAt = Date.now();
		const second = await startServer({ databasePath: database.databasePath, env });
		servers.push(second);
		const rows = await until(() => {
			const now = outbox(database.databasePath);
			return now.every((r) => r.status === 'sent') && now;
		}, 15, 'not every notification was sent after the restart');
		const seconds = (Date.now() - restartedAt) / 1000;
		expect(seconds).toBeLessThan(15);
		expect(rows.every((r) => r.sending_since === null)).toBe(true);

		// Give a repeat the time to show itself (the worker passes every second).
		await new Promise((r) => setTimeout(r, 2500));
		const emails = rows.filter((r) => r.channel === 'email');
		const texts = rows.filter((r) => r.channel === 'sms');
		expect(smtp.delivered.map((m) => m.envelopeTo.join())).toEqual(['anna@demo.example', 'anna@demo.example', 'anna@demo.example']);
		expect(smtp.delivered.map((m) => m.messageId).sort()).toEqual(emails.map((r) => `<${identityOf(r)}@localhost>`).sort());
		expect(new Set(smtp.delivered.map((m) => m.messageId)).size).toBe(3);
		expect(smtp.delivered.map((m) => m.messageId)).toContain(smtp.abandoned[0].messageId);
		expect(sms.texts.map((t) => t.to)).toEqual(['+358401000001', '+358401000001', '+358401000001']);
		expect(sms.texts.map((t) => t.idempotencyKey).sort()).toEqual(texts.map(identityOf).sort());
		expect(smtp.held).toHaveLength(0);
		expect(second.output()).toContain('1 left mid-send by a stopped server');
	});
});
