/**
 * FORMAT.md's `POST /login` contract as other clients meet it: 303 and a cookie on
 * success, 400 and none on failure, whatever the client accepts; same origin only; a
 * password is compared whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

function postLogin(url: string, headers: Record<string, string>, username: string, password: string) {
	return fetch(`${url}/login`, {
		method: 'POST', redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams({ username, password })
	});
}

const sessionCookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith('session=')) ?? null;

describe('POST /login for any client', () => {
	// axios sends the second; SvelteKit alone would answer both with a 200 JSON envelope.
	it.each(['application/json', 'application/json, text/plain, */*', '*/*'])('Accept %s: 303 and a cookie, then 400 and none for a wrong password', async (accept) => {
		const ok = await postLogin(server.url, { origin: server.url, accept }, 'yasmin', DEMO_PASSWORD);
		expect(ok.status).toBe(303);
		expect(ok.headers.get('location')).toBe('/family');
		expect(sessionCookieOf(ok)).toMatch(/^session=[a-z2-7]{32};/);
		const wrong = await postLogin(server.url, { origin: server.url, accept }, 'yasmin', 'not the password');
		expect(wrong.status).toBe(400);
		expect(sessionCookieOf(wrong)).toBeNull();
	});

	it('from another origin, or with no Origin header: 403 and no session', async () => {
		for (const headers of [{ origin: 'https://elsewhere.example' }, {}] as Record<string, string>[]) {
			const response = await postLogin(server.url, headers, 'yasmin', DEMO_PASSWORD);
			expect(response.status).toBe(403);
			expect(sessionCookieOf(response)).toBeNull();
		}
	});
});

describe('a password is compared whole', () => {
	it('the right 1024-character password with more after it is a wrong password', async () => {
		const password = 'p'.repeat(1024);
		const scenario = JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working',
			members: [{ id: 'maija', name: 'Maija', birthDate: '1990-01-01', username: 'maija', password }] }] });
		const own = await startServer({ scenario });
		try {
			const longer = await postLogin(own.url, { origin: own.url }, 'maija', `${password}-and-more`);
			expect(longer.status).toBe(400);
			expect(sessionCookieOf(longer)).toBeNull();
			const exact = await postLogin(own.url, { origin: own.url }, 'maija', password);
			expect(exact.status).toBe(303);
		} finally {
			await own.stop();
		}
	});
});
