/**
 * A young person's safety signal reaches the coordinator by e-mail and by text message,
 * content-free (POLICY.md N1, N3), through the built server: a real SMTP server (the
 * `smtp-server` package, mail decoded by `mailparser`) and a small HTTP server as the
 * text message gateway (tests/support/mail-catcher.ts); the server's own worker sends.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, startSmsGateway, until, type MailCatcher, type SmsGateway } from '../support/mail-catcher';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

/** Yasmin's safety signal with a word, from the family home's form. */
async function yasminSendsSafetySignal(server: RunningServer) {
	const { cookie } = await login(server.url, 'yasmin', DEMO_PASSWORD);
	const response = await fetch(`${server.url}/family?/sendSafetySignal`, {
		method: 'POST', redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookie! },
		body: new URLSearchParams({ word: 'isä uhkailee kotona' })
	});
	expect(response.status).toBe(303);
}

describe('a safety signal reaches the coordinator by e-mail and text message', () => {
	let smtp: MailCatcher;
	let sms: SmsGateway;
	let server: RunningServer;

	beforeAll(async () => {
		[smtp, sms] = [await startMailCatcher(), await startSmsGateway()];
		server = await startServer({
			env: {
				SMTP_URL: smtp.url, MAIL_FROM: 'noreply@portal.example.fi',
				SMS_URL: sms.url, NOTIFY_WORKER: 'on', NOTIFY_INTERVAL_SECONDS: '1'
			}
		});
	});
	afterAll(async () => {
		await server?.stop();
		await smtp?.close();
		await sms?.close();
	});

	it('within seconds, naming nobody, from the portal\'s neutral name, with a link to the portal', async () => {
		await yasminSendsSafetySignal(server);

		const mail = await until(() => smtp.delivered.find((m) => m.envelopeTo.includes('anna@demo.example')));
		const text = await until(() => sms.texts.find((t) => t.to === '+358401000001'));
		expect(mail.fromName).toBe('Perheportaali');
		expect(mail.fromAddress).toBe('noreply@portal.example.fi');
		expect(mail.to).toEqual(['anna@demo.example']);
		const subject = mail.subject;
		const body = mail.text;
		expect(subject).toBe('Uutta perheportaalissa');
		expect(body).toContain(`Sinulle on uusi turvallisuusviesti perheportaalissa: ${server.url}/pro`);
		expect(text.text).toBe(`Sinulle on uusi turvallisuusviesti perheportaalissa: ${server.url}/pro`);
		// Each carries its outbox row's identity, so that a repeat after a crash can be told (notification-restart.spec.ts).
		expect(mail.messageId).toMatch(/^<notification-\d+\.[0-9a-z]+@localhost>$/);
		expect(text.idempotencyKey).toMatch(/^notification-\d+\.[0-9a-z]+$/);
		for (const content of [subject, body, text.text]) {
			expect(content).not.toMatch(/uhkailee|Yasmin|Haddad|Anna|Virtanen|lastensuojelu/i);
		}
		// Nobody else heard of it: only Anna's address and phone.
		expect(smtp.delivered.flatMap((m) => m.envelopeTo).every((to) => to.includes('anna@demo.example'))).toBe(true);
		expect(sms.texts.map((t) => t.to)).toEqual(['+358401000001']);
	});
});

describe('without SMTP_URL and SMS_URL (a development machine) nothing is sent', () => {
	let server: RunningServer;
	beforeAll(async () => { server = await startServer({ env: { NOTIFY_WORKER: 'on', NOTIFY_INTERVAL_SECONDS: '1' } }); });
	afterAll(async () => { await server?.stop(); });

	const statuses = () => {
		const db = new Database(server.databasePath, { readonly: true });
		try {
			return db.prepare("SELECT channel, status FROM notifications WHERE kind = 'safety-signal' ORDER BY channel").all() as { channel: string; status: string }[];
		} finally {
			db.close();
		}
	};

	it('the notification stays in the outbox as logged, and the server log names the address and no contents', async () => {
		await yasminSendsSafetySignal(server);
		const rows = await until(() => { const all = statuses(); return all.length > 0 && all.every((r) => r.status !== 'queued') && all; });
		expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'logged'));
		expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'sms']);
		expect(server.output()).toContain('notification (email, not sent: no SMTP_URL) to anna@demo.example');
		expect(server.output()).toContain('notification (sms, not sent: no SMS_URL) to +358 40 100 0001');
		expect(server.output()).not.toMatch(/uhkailee/);
	});
});
