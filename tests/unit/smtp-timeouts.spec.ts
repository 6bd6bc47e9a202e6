/**
 * A hung SMTP server (it accepts the connection and never greets) fails the send within
 * the portal's bound, with real nodemailer over a real socket: nodemailer's own defaults
 * would wait minutes, holding the worker's pass and the N3 escalations behind it.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSender, SMTP_TIMEOUTS } from '../../src/lib/server/notifications/channels';

let silent: Server;
const sockets: Socket[] = [];
let port = 0;
beforeAll(async () => {
	silent = createServer((socket) => sockets.push(socket));
	await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
	port = (silent.address() as { port: number }).port;
});
afterAll(async () => {
	for (const socket of sockets) socket.destroy();
	await new Promise((resolve) => silent.close(resolve));
});

describe('SMTP timeouts', () => {
	it(`a server that never greets fails the send after about ${SMTP_TIMEOUTS.greetingTimeout / 1000} s, not minutes`, async () => {
		const send = channelSender({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'noreply@portal.example.fi' });
		const started = Date.now();
		await expect(send({ channel: 'email', to: 'anna@demo.example', subject: 'Perheportaali', text: 'x', identity: 'notification-1.test', origin: 'https://portal.example.fi' }))
			.rejects.toThrow(/greeting|timeout/i);
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(SMTP_TIMEOUTS.greetingTimeout - 500);
		expect(waited).toBeLessThan(SMTP_TIMEOUTS.greetingTimeout + 5_000);
	}, SMTP_TIMEOUTS.greetingTimeout + 15_000);
});
