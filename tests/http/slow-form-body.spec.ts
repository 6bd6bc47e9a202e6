/**
 * A form's body can take long to arrive (a slow link, or on purpose). A sign-out
 * everywhere (a lost phone) while it arrives must stop its write: the session is asked
 * again once the body is read, not only when the request began.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';
import { slowFormPost } from '../support/slow-form-post';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

function voiceCount(text: string): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare('SELECT count(*) FROM voice_items WHERE text = ?').pluck().get(text) as number;
	} finally {
		db.close();
	}
}

/** Posts a view to Amal's voice page, the body in two parts; `between` runs after the first part is sent. */
async function slowPost(cookie: string, text: string, between: () => Promise<void>) {
	const post = slowFormPost(server.url, '/family/voice?/createVoice', cookie, new URLSearchParams({ kind: 'view', text, shareWithTeam: 'on' }).toString());
	// Let the server begin the request (hooks, guard) before the session ends.
	await new Promise((resolve) => setTimeout(resolve, 300));
	await between();
	post.finish();
	return post.answer;
}

describe('a session ended while a form body arrives', () => {
	it('the write does not happen, and the answer sends the person to sign in', async () => {
		const { cookie } = await login(server.url, 'amal', DEMO_PASSWORD);
		const other = await login(server.url, 'amal', DEMO_PASSWORD);
		const text = `Hidas viesti ${Date.now()}`;
		const response = await slowPost(cookie!, text, async () => {
			const out = await fetch(`${server.url}/logout`, {
				method: 'POST', redirect: 'manual', body: 'everywhere=1',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: other.cookie! }
			});
			expect(out.status).toBe(303);
		});
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
});
