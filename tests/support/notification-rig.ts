/**
 * The setting of the notification tests that run the built server: a scenario database, a
 * mail catcher and a text-message gateway, and servers started one after another on that
 * database with the portal's mail and text messages going to them (the worker passing every
 * second). Registers its own `beforeAll` and `afterAll`: every server is stopped, every
 * peer closed and the database removed.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import { startMailCatcher, startSmsGateway, type MailCatcher, type SmsGateway } from './mail-catcher';
import { createScenarioDatabase, startServer, type RunningServer } from './server';

export type NotificationRig = {
	smtp: MailCatcher;
	sms: SmsGateway;
	databasePath: string;
	/** A server on the rig's database, sending to its peers; `clockAheadMs` moves its clock. */
	serve: (options?: { clockAheadMs?: number }) => Promise<RunningServer>;
	/** Rows of the rig's database, as it is now. */
	query: <T>(sql: string, ...params: unknown[]) => T[];
};

export function notificationRig(scenario?: () => string): NotificationRig {
	const servers: RunningServer[] = [];
	let database: Awaited<ReturnType<typeof createScenarioDatabase>> | undefined;
	const rig = {} as NotificationRig;
	beforeAll(async () => {
		[rig.smtp, rig.sms, database] = [await startMailCatcher(), await startSmsGateway(), await createScenarioDatabase(scenario?.())];
		rig.databasePath = database.databasePath;
		const env = { SMTP_URL: rig.smtp.url, MAIL_FROM: 'noreply@portal.example.fi', SMS_URL: rig.sms.url, NOTIFY_WORKER: 'on', NOTIFY_INTERVAL_SECONDS: '1' };
		rig.serve = async (options = {}) => {
			const server = await startServer({ databasePath: rig.databasePath, env, ...options });
			servers.push(server);
			return server;
		};
	});
	afterAll(async () => {
		for (const server of servers) await server.stop();
		await rig.smtp?.close();
		await rig.sms?.close();
		database?.remove();
	});
	rig.query = <T>(sql: string, ...params: unknown[]) => {
		const db = new Database(rig.databasePath, { readonly: true });
		try {
			return db.prepare(sql).all(...params) as T[];
		} finally {
			db.close();
		}
	};
	return rig;
}

/** A browser's form post (`accept: text/html`) with the session cookie; the answer must be the 303 of a done action. */
export async function postForm(url: string, path: string, cookie: string, fields: [string, string][]): Promise<void> {
	const response = await fetch(`${url}${path}`, {
		method: 'POST', redirect: 'manual',
		headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
		body: new URLSearchParams(fields)
	});
	expect(response.status, path).toBe(303);
}
