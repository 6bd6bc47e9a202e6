/**
 * A young person's safety signal reaches the coordinator by e-mail and by text message,
 * content-free (POLICY.md N1, N3), through the built server: a tiny real SMTP server
 * (node:net, enough of RFC 5321 to take messages) and a tiny HTTP server as the text
 * message gateway, both started here; the server's own worker sends.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

type Mail = { from: string; to: string[]; data: string };

/** An SMTP server that accepts every message and keeps it. No TLS, no AUTH: not advertised, so not used. */
function smtpServer(mails: Mail[]): Server {
	return createServer((socket) => {
		socket.setEncoding('utf8');
		let buffer = '';
		let mail: Mail = { from: '', to: [], data: '' };
		let inData = false;
		socket.write('220 test-smtp ready\r\n');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					mail.data = buffer.slice(0, end);
					buffer = buffer.slice(end + 5);
					mails.push(mail);
					mail = { from: '', to: [], data: '' };
					inData = false;
					socket.write('250 queued\r\n');
					continue;
				}
				const end = buffer.indexOf('\r\n');
				if (end < 0) return;
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test-smtp\r\n');
				else if (verb === 'MAIL') { mail.from = line.slice(10); socket.write('250 ok\r\n'); }
				else if (verb === 'RCPT') { mail.to.push(line.slice(8)); socket.write('250 ok\r\n'); }
				else if (verb === 'DATA') { inData = true; socket.write('354 go ahead\r\n'); }
				else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
				else socket.write('250 ok\r\n');
			}
		});
	});
}

/** The text message gateway: `{ to, text }` as JSON. */
function smsGateway(texts: { to: string; text: string }[]): HttpServer {
	return createHttpServer((request, response) => {
		let body = '';
		request.on('data', (c) => (body += c));
		request.on('end', () => {
			texts.push(JSON.parse(body));
			response.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
}

async function listen(server: Server | HttpServer): Promise<number> {
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return (server.address() as { port: number }).port;
}

/** The body as written (RFC 2045 quoted-printable, UTF-8). */
function quotedPrintable(text: string): string {
	const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

async function until<T>(check: () => T | undefined, seconds = 20): Promise<T> {
	for (let i = 0; i < seconds * 10; i++) {
		const value = check();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('nothing arrived in time');
}

describe('a safety signal reaches the coordinator by e-mail and text message', () => {
	const mails: Mail[] = [];
	const texts: { to: string; text: string }[] = [];
	const smtp = smtpServer(mails);
	const sms = smsGateway(texts);
	let server: RunningServer;

	beforeAll(async () => {
		const [smtpPort, smsPort] = [await listen(smtp), await listen(sms)];
		server = await startServer({
			env: {
				SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'noreply@portal.example.fi',
				SMS_URL: `http://127.0.0.1:${smsPort}/send`, NOTIFY_WORKER: 'on', NOTIFY_INTERVAL_SECONDS: '1'
			}
		});
	});
	afterAll(async () => {
		await server?.stop();
		smtp.close();
		sms.close();
	});

	it('within seconds, naming nobody, from the portal\'s neutral name, with a link to the portal', async () => {
		const { cookie } = await login(server.url, 'yasmin', DEMO_PASSWORD);
		const response = await fetch(`${server.url}/family?/sendSafetySignal`, {
			method: 'POST', redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: cookie! },
			body: new URLSearchParams({ word: 'isä uhkailee kotona' })
		});
		expect(response.status).toBe(303);

		const mail = await until(() => mails.find((m) => m.to.some((to) => to.includes('anna@demo.example'))));
		const text = await until(() => texts.find((t) => t.to === '+358401000001'));
		expect(mail.data).toMatch(/^From: Perheportaali <noreply@portal\.example\.fi>$/m);
		const [headers, ...rest] = mail.data.split(/\r?\n\r?\n/);
		const subject = /^Subject: (.*)$/m.exec(headers)![1];
		const body = quotedPrintable(rest.join('\n\n'));
		expect(subject).toBe('Uutta perheportaalissa');
		expect(body).toContain(`Sinulle on uusi turvallisuusviesti perheportaalissa: ${server.url}/pro`);
		expect(text.text).toBe(`Sinulle on uusi turvallisuusviesti perheportaalissa: ${server.url}/pro`);
		for (const content of [subject, body, text.text]) {
			expect(content).not.toMatch(/uhkailee|Yasmin|Haddad|Anna|Virtanen|lastensuojelu/i);
		}
		// Nobody else heard of it: only Anna's address and phone.
		expect(mails.flatMap((m) => m.to).every((to) => to.includes('anna@demo.example'))).toBe(true);
		expect(texts.map((t) => t.to)).toEqual(['+358401000001']);
	});
});
