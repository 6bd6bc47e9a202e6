/**
 * A form's body can take long to arrive (a slow link, or on purpose). A sign-out
 * everywhere (a lost phone) while it arrives must stop its write: the session is asked
 * again once the body is read, not only when the request began.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, login, startServer, withServerCode, type RunningServer } from '../support/server';
import { slowFormPost } from '../support/slow-form-post';
import { decodeTotpSecret } from '../../src/lib/server/second-factor/totp';
import { sessionIdOf, SESSION_COOKIE } from '../../src/lib/server/session';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

function query<T>(sql: string, ...parameters: unknown[]): T {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).pluck().get(...parameters) as T;
	} finally {
		db.close();
	}
}

const voiceCount = (text: string) => query<number>('SELECT count(*) FROM voice_items WHERE text = ?', text);

/** Posts `fields` to `path`, the body in two parts; `between` runs after the first part is sent. */
async function slowPostTo(path: string, cookie: string, fields: Record<string, string>, between: () => Promise<void>) {
	const post = slowFormPost(server.url, path, cookie, new URLSearchParams(fields).toString());
	// Let the server begin the request (hooks, guard) before the session ends.
	await new Promise((resolve) => setTimeout(resolve, 300));
	await between();
	post.finish();
	return post.answer;
}

/** Posts a view to Amal's voice page, the body in two parts. */
const slowPost = (cookie: string, text: string, between: () => Promise<void>) =>
	slowPostTo('/family/voice?/createVoice', cookie, { kind: 'view', text, shareWithTeam: 'on' }, between);

/** Sign out everywhere, from another session of the same person. */
async function signOutEverywhere(cookie: string) {
	const out = await fetch(`${server.url}/logout`, {
		method: 'POST', redirect: 'manual', body: 'everywhere=1',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie }
	});
	expect(out.status).toBe(303);
}

const sessionIdOfCookie = (cookie: string) => sessionIdOf(cookie.slice(`${SESSION_COOKIE}=`.length).split(';')[0]);

describe('a session ended while a form body arrives', () => {
	it('the write does not happen, and the answer sends the person to sign in', async () => {
		const { cookie } = await login(server.url, 'amal', DEMO_PASSWORD);
		const other = await login(server.url, 'amal', DEMO_PASSWORD);
		const text = `Hidas viesti ${Date.now()}`;
		const response = await slowPost(cookie!, text, () => signOutEverywhere(other.cookie!));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login');
		expect(voiceCount(text)).toBe(0);
	});

	it('with the session still open the same slow post is written', async () => {
		const { cookie } = await login(server.url, 'amal', DEMO_PASSWORD);
		const text = `Hidas viesti ${Date.now()}`;
		const response = await slowPost(cookie!, text, async () => {});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toContain('done=createVoice');
		expect(voiceCount(text)).toBe(1);
	});

	it('the hand-written posts ask again too: ending another session sends the person to sign in', async () => {
		const { cookie } = await login(server.url, 'sari', DEMO_PASSWORD);
		const other = await login(server.url, 'sari', DEMO_PASSWORD);
		const response = await slowPostTo('/account?/endSession', cookie!, { session: sessionIdOfCookie(other.cookie!) }, () => signOutEverywhere(other.cookie!));
		// Without the check the post went on and answered 404 (the session it named was gone).
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login');
	});

	it('a second factor posted while the session ends is neither used nor recorded', async () => {
		const accountId = query<string>("SELECT id FROM accounts WHERE username = 'anna'");
		const attempts = () => query<number>("SELECT count(*) FROM sign_in_events WHERE account_id = ? AND method = 'totp'", accountId);
		const before = attempts();
		const half = await login(server.url, 'anna', DEMO_PASSWORD, { otp: null });
		const other = await login(server.url, 'anna', DEMO_PASSWORD, { otp: null });
		const response = await withServerCode(server.url, 'anna', decodeTotpSecret(DEMO_TOTP_SECRET)!, (code) =>
			slowPostTo('/second-factor?/totp', half.cookie!, { code }, () => signOutEverywhere(other.cookie!)));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login');
		expect(attempts()).toBe(before);
		expect(query<number | null>('SELECT last_step FROM totp_credentials WHERE account_id = ?', accountId)).toBeNull();
	});
});
