/**
 * The ways out (FORMAT.md version 2): e-mail by SMTP (`SMTP_URL`, from `MAIL_FROM`) and
 * text messages as a JSON POST `{ to, text }` to the gateway at `SMS_URL`. Without the
 * channel's setting nothing is sent: the notification is written to the server's log and
 * stays in the outbox as `logged`, so that a development machine sends nothing.
 * Every message carries its outbox row's identity (Message-ID, Idempotency-Key header;
 * the JSON body stays `{ to, text }`), so that a repeat after a crash can be recognised.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel } from './types';
import { normalisePhone } from '../../phone';

/** The portal's neutral sender name (N1) when MAIL_FROM gives none. */
export const NEUTRAL_SENDER_NAME = 'Perheportaali';

/**
 * One message to hand over. `identity` is the outbox row's own name, the same on every
 * attempt: the e-mail's Message-ID and the gateway's Idempotency-Key are made of it, so
 * that a receiver can tell a repeat after the server died mid-send (worker.ts).
 */
export type Outgoing = { channel: Channel; to: string; subject: string; text: string; identity: string; origin: string };
/** sent: handed over; logged: no channel configured, written to the log instead. */
export type Delivery = 'sent' | 'logged';
export type Sender = (message: Outgoing) => Promise<Delivery>;

/** MAIL_FROM as an address with the neutral display name: `Perheportaali <noreply@...>`. */
export function mailFrom(env: Record<string, string | undefined> = process.env): string {
	const from = env.MAIL_FROM?.trim() || 'noreply@localhost';
	return from.includes('<') ? from : `"${NEUTRAL_SENDER_NAME}" <${from}>`;
}

/**
 * How long an SMTP server may keep a send waiting, in ms. nodemailer's defaults (2 min to
 * connect, 10 min of silence) let a hung server hold the worker's pass, and with it the
 * N3 escalations that run between passes, for minutes; and keep a stopping server alive.
 * A send that times out is retried with back-off like any failure.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as const;
/** The same bound for the text-message gateway's answer. */
const SMS_TIMEOUT_MS = 15_000;

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
	if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }) };
	return transport.transporter;
}

/** The e-mail's Message-ID for a row's identity: `<notification-12.abc@portal.example.fi>`, the host of the portal's address. */
export function messageIdOf(identity: string, origin: string): string {
	let host = 'localhost';
	try {
		host = new URL(origin).hostname || host;
	} catch { /* a malformed ORIGIN: the server would not have started; keep a valid id anyway */ }
	return `<${identity}@${host}>`;
}

/** Sends one message on its channel, or logs it when the channel is not configured. Throws on a failure. */
export function channelSender(env: Record<string, string | undefined> = process.env): Sender {
	return async (message) => {
		if (message.channel === 'email') {
			if (!env.SMTP_URL) return logged(message);
			await transporterFor(env.SMTP_URL).sendMail({
				from: mailFrom(env), to: message.to, subject: message.subject, text: message.text,
				messageId: messageIdOf(message.identity, message.origin)
			});
			return 'sent';
		}
		if (!env.SMS_URL) return logged(message);
		const response = await fetch(env.SMS_URL, {
			method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': message.identity },
			body: JSON.stringify({ to: normalisePhone(message.to), text: message.text }),
			signal: AbortSignal.timeout(SMS_TIMEOUT_MS)
		});
		if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
		return 'sent';
	};
}

function logged(message: Outgoing): Delivery {
	// The text has no contents (N1); the address is the recipient's own, logged on the server only.
	console.log(`notification (${message.channel}, not sent: no ${message.channel === 'email' ? 'SMTP_URL' : 'SMS_URL'}) to ${message.to}: ${message.text.split('\n')[0]}`);
	return 'logged';
}
