/**
 * The far ends of the portal's notifications in tests, real peers on 127.0.0.1:
 * - an SMTP server (the `smtp-server` package, nodemailer's own) whose messages are
 *   decoded by `mailparser` as a mail client would (headers, quoted-printable, UTF-8);
 * - the text-message gateway (FORMAT.md version 2): a JSON POST `{ to, text }`.
 *
 * Like real SMTP, a message counts as delivered only once the server answered 250 to its
 * DATA: `hold` lets a test keep that answer back (the server has the message, the portal
 * waits), and a message whose connection dies before the answer is never delivered.
 */
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type CaughtMail = {
	/** The envelope's recipients (RCPT TO). */
	envelopeTo: string[];
	/** The From header as written, e.g. `"Perheportaali" <noreply@...>`, and its address and display name. */
	from: string; fromAddress: string; fromName: string;
	/** The To header's addresses. */
	to: string[];
	subject: string; text: string; messageId: string;
	headers: Map<string, unknown>;
};

export type MailCatcher = {
	url: string;
	/** Messages answered 250 (delivered), in order. */
	delivered: CaughtMail[];
	/** Messages received whose answer is being held back. */
	held: CaughtMail[];
	/** Messages received whose connection closed before the answer: not delivered. */
	abandoned: CaughtMail[];
	/** Holds the answer to DATA of every message for which `which` is true, until `releaseAll` or the client goes away. */
	hold: (which: (mail: CaughtMail) => boolean) => void;
	/** Answers every held message 250 and holds no more. */
	releaseAll: () => void;
	close: () => Promise<void>;
};

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
	(Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

/** Starts the SMTP server on a free port. No TLS, no AUTH (not advertised, so not used). */
export async function startMailCatcher(): Promise<MailCatcher> {
	const delivered: CaughtMail[] = [];
	const held: CaughtMail[] = [];
	const abandoned: CaughtMail[] = [];
	let holding: ((mail: CaughtMail) => boolean) | null = null;
	const waiting = new Map<CaughtMail, { session: string; answer: () => void }>();

	const server = new SMTPServer({
		authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, banner: 'test mail catcher',
		onData(stream, session, callback) {
			simpleParser(stream).then((parsed) => {
				const mail: CaughtMail = {
					envelopeTo: session.envelope.rcptTo.map((r) => r.address),
					from: parsed.from?.text ?? '',
					fromAddress: parsed.from?.value[0]?.address ?? '', fromName: parsed.from?.value[0]?.name ?? '',
					to: addresses(parsed.to), subject: parsed.subject ?? '', text: parsed.text ?? '',
					messageId: parsed.messageId ?? '', headers: parsed.headers
				};
				const answer = () => { waiting.delete(mail); held.splice(held.indexOf(mail), 1); delivered.push(mail); callback(); };
				if (holding?.(mail)) {
					held.push(mail);
					waiting.set(mail, { session: session.id, answer });
				} else {
					delivered.push(mail);
					callback();
				}
			}, (error: Error) => callback(error));
		},
		onClose(session) {
			// The client went away while its message waited for the answer: never delivered.
			for (const [mail, wait] of waiting) {
				if (wait.session !== session.id) continue;
				waiting.delete(mail);
				held.splice(held.indexOf(mail), 1);
				abandoned.push(mail);
			}
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server.server, 'listening');
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`, delivered, held, abandoned,
		hold: (which) => { holding = which; },
		releaseAll: () => {
			holding = null;
			for (const wait of [...waiting.values()]) wait.answer();
		},
		close: () => new Promise((done) => server.close(() => done()))
	};
}

export type CaughtText = { to: string; text: string; idempotencyKey: string | null; headers: IncomingHttpHeaders };

export type SmsGateway = { url: string; texts: CaughtText[]; close: () => Promise<void> };

/** The text-message gateway: takes `{ to, text }` as JSON (and nothing else: the body is checked), answers 202. */
export async function startSmsGateway(): Promise<SmsGateway> {
	const texts: CaughtText[] = [];
	const server: HttpServer = createHttpServer((request, response) => {
		let body = '';
		request.on('data', (c) => (body += c));
		request.on('end', () => {
			const parsed = JSON.parse(body) as Record<string, unknown>;
			if (Object.keys(parsed).sort().join() !== 'text,to') {
				response.writeHead(400).end();
				return;
			}
			const key = request.headers['idempotency-key'];
			texts.push({ to: String(parsed.to), text: String(parsed.text), idempotencyKey: typeof key === 'string' ? key : null, headers: request.headers });
			response.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/send`, texts,
		close: () => new Promise((done) => server.close(() => done()))
	};
}

/** Waits until `check` gives a value (polling every 100 ms), or fails after `seconds`. */
export async function until<T>(check: () => T | undefined | null | false, seconds = 20, what = 'nothing arrived in time'): Promise<T> {
	for (let i = 0; i < seconds * 10; i++) {
		const value = check();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(what);
}
