/**
 * The second factor (#17) against the built server: a professional with the password
 * alone reaches no family data (every /api/v1 route 403, every /pro page leads to the
 * factor page, form posts refused); the `otp` field of POST /login signs in fully; a
 * scenario professional without `totpSecret` enrols at first sign-in; a recovery code
 * works once; an app code signs in once; the account page lists sessions and failed
 * sign-ins.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTotpSecret, totpCodeAt } from '../../src/lib/server/second-factor/totp';
import { testNow } from '../support/run-clock';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoScenarioText, login, startServer, withServerCode, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
	// Pekka has no demo key here: he must enrol at his first sign-in.
	const scenario = JSON.parse(demoScenarioText());
	delete scenario.professionals.find((p: { username?: string }) => p.username === 'pekka').totpSecret;
	server = await startServer({ scenario: JSON.stringify(scenario) });
});
afterAll(async () => { await server?.stop(); });

async function get(path: string, cookie: string) {
	const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } });
	return { status: response.status, location: response.headers.get('location'), type: response.headers.get('content-type'), text: await response.text() };
}

async function post(path: string, cookie: string, fields: Record<string, string>) {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST', redirect: 'manual',
		headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams(fields)
	});
	return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

const DEMO_KEY = decodeTotpSecret(DEMO_TOTP_SECRET)!;
const API = ['/api/v1/families', '/api/v1/families/fam-haddad', '/api/v1/families/fam-haddad/access-log'];
const PRO_PAGES = ['/pro', '/pro/families/fam-haddad', '/pro/emergency', '/pro/outcomes', '/account', '/welcome', '/'];

describe('a professional with the password alone', () => {
	it('lands on the factor page; every API route answers 403 JSON and every page leads to the factor page', async () => {
		const half = await login(server.url, 'anna', DEMO_PASSWORD, { otp: null });
		expect(half).toMatchObject({ status: 303, location: '/second-factor' });
		for (const path of API) {
			const answer = await get(path, half.cookie!);
			expect(answer.status, path).toBe(403);
			expect(JSON.parse(answer.text), path).toEqual({ error: 'second-factor-required' });
		}
		for (const path of PRO_PAGES) expect(await get(path, half.cookie!), path).toMatchObject({ status: 303, location: '/second-factor' });
		expect((await get('/second-factor', half.cookie!)).status).toBe(200);
		// A form action refuses: nothing is written.
		expect((await post('/account/password?/change', half.cookie!, { current: DEMO_PASSWORD, next: 'uusi-salasana-2026', repeat: 'uusi-salasana-2026' })).status).toBe(403);
		expect((await post('/account?/endSession', half.cookie!, { session: 'x' })).status).toBe(403);
		expect((await login(server.url, 'anna', DEMO_PASSWORD, { otp: null })).status).toBe(303); // the password still works
	});

	it('an administrator likewise', async () => {
		const half = await login(server.url, 'admin', DEMO_PASSWORD, { otp: null });
		expect(await get('/admin', half.cookie!)).toMatchObject({ status: 303, location: '/second-factor' });
		expect((await post('/admin?/resetFactor', half.cookie!, { account: 'pro:pro-mikko' })).status).toBe(403);
	});

	it('passes with the app code on the factor page, and then reaches the API', async () => {
		const half = await login(server.url, 'mikko', DEMO_PASSWORD, { otp: null });
		expect(await post('/second-factor?/totp', half.cookie!, { code: '000000' })).toMatchObject({ status: 400 });
		await withServerCode(server.url, 'mikko', DEMO_KEY, async (code) => {
			expect(await post('/second-factor?/totp', half.cookie!, { code })).toMatchObject({ status: 303, location: '/pro' });
		});
		expect((await get('/api/v1/families', half.cookie!)).status).toBe(200);
	});
});

describe('POST /login with otp', () => {
	it('signs in fully: the API and pages answer 200', async () => {
		const full = await login(server.url, 'anna', DEMO_PASSWORD);
		expect(full).toMatchObject({ status: 303, location: '/pro' });
		for (const path of API) expect((await get(path, full.cookie!)).status, path).toBe(200);
		for (const path of ['/pro', '/pro/families/fam-haddad', '/account']) expect((await get(path, full.cookie!)).status, path).toBe(200);
	});

	it('a wrong code is refused like a wrong password: 400 and no session', async () => {
		const wrong = await login(server.url, 'johanna', DEMO_PASSWORD, { otp: '123456' === totpCodeAt(DEMO_KEY, testNow().getTime()) ? '654321' : '123456' });
		expect(wrong).toMatchObject({ status: 400, cookie: null });
	});

	it('a member needs no second factor', async () => {
		const amal = await login(server.url, 'amal', DEMO_PASSWORD);
		expect(amal).toMatchObject({ status: 303, location: '/family' });
		expect((await get('/api/v1/families', amal.cookie!)).status).toBe(200);
	});
});

describe('an app code signs in once (RFC 6238 §5.2)', () => {
	/** The account's sign-ins by the app code: true for each that passed, oldest first. */
	const codeSignIns = (accountId: string) => {
		const db = new Database(server.databasePath, { readonly: true });
		try {
			return db.prepare("SELECT success FROM sign_in_events WHERE account_id = ? AND method = 'totp' ORDER BY id").pluck().all(accountId).map(Boolean);
		} finally {
			db.close();
		}
	};

	it('the same code again is refused like a wrong one, in the login post and on the factor page; the next step\'s code signs in', async () => {
		const wrong = await login(server.url, 'liisa', DEMO_PASSWORD, { otp: '000000' });
		await withServerCode(server.url, 'liisa', DEMO_KEY, async (otp) => {
			expect(await login(server.url, 'liisa', DEMO_PASSWORD, { otp })).toMatchObject({ status: 303, location: '/pro' });
			expect(await login(server.url, 'liisa', DEMO_PASSWORD, { otp })).toEqual(wrong);
			const half = await login(server.url, 'liisa', DEMO_PASSWORD, { otp: null });
			const onPage = await post('/second-factor?/totp', half.cookie!, { code: otp });
			expect(onPage.status).toBe(400);
			expect(onPage.text).toContain('Koodi ei kelpaa. Tarkista se ja yritä uudelleen.');
			expect((await get('/api/v1/families', half.cookie!)).status).toBe(403);
		});
		expect(wrong).toMatchObject({ status: 400, cookie: null });
		expect(codeSignIns('pro:pro-liisa')).toEqual([false, true, false, false]);
		expect(await login(server.url, 'liisa', DEMO_PASSWORD)).toMatchObject({ status: 303, location: '/pro' });
	});

	it('a code of a step older than the last one used is refused, though the window still holds it', async () => {
		const now = testNow().getTime();
		expect((await login(server.url, 'ville', DEMO_PASSWORD, { otp: totpCodeAt(DEMO_KEY, now + 30_000) })).status).toBe(303);
		expect(await login(server.url, 'ville', DEMO_PASSWORD, { otp: totpCodeAt(DEMO_KEY, now) })).toMatchObject({ status: 400, cookie: null });
	});

	it('a used code counts as a failed try: three wrong codes after it, and even a new code waits', async () => {
		await withServerCode(server.url, 'maria', DEMO_KEY, async (otp) => {
			expect((await login(server.url, 'maria', DEMO_PASSWORD, { otp })).status).toBe(303);
			expect((await login(server.url, 'maria', DEMO_PASSWORD, { otp })).status).toBe(400);
		});
		for (let i = 0; i < 3; i++) expect((await login(server.url, 'maria', DEMO_PASSWORD, { otp: '000000' })).status).toBe(400);
		expect(await login(server.url, 'maria', DEMO_PASSWORD)).toMatchObject({ status: 429, cookie: null });
	});

	it('two sign-ins with the same code at once: exactly one is signed in', async () => {
		const both = await withServerCode(server.url, 'hanna', DEMO_KEY, (otp) => Promise.all([1, 2].map(() => login(server.url, 'hanna', DEMO_PASSWORD, { otp }))));
		expect(both.map((answer) => answer.status).sort()).toEqual([303, 400]);
		expect(both.filter((answer) => answer.cookie)).toHaveLength(1);
	});
});

describe('a scenario professional without totpSecret', () => {
	it('enrols at the first sign-in, gets ten recovery codes once, and a recovery code works once', async () => {
		const first = await login(server.url, 'pekka', DEMO_PASSWORD, { otp: null });
		expect(await get('/second-factor', first.cookie!)).toMatchObject({ status: 303, location: '/second-factor/enrol' });
		expect(await get('/api/v1/families', first.cookie!)).toMatchObject({ status: 403 });
		const page = await get('/second-factor/enrol', first.cookie!);
		const secret = /name="secret" value="([A-Z2-7]+)"/.exec(page.text)![1];
		expect(page.text).toContain('otpauth://totp/');
		const key = decodeTotpSecret(secret)!;
		const enrolled = await withServerCode(server.url, 'pekka', key, (code) => post('/second-factor/enrol?/totp', first.cookie!, { secret, code }));
		expect(enrolled.status, enrolled.location ?? '').toBe(200);
		const codes = [...enrolled.text.matchAll(/<code[^>]*>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})<\/code>/g)].map((m) => m[1]);
		expect(codes).toHaveLength(10);
		expect((await get('/api/v1/families', first.cookie!)).status).toBe(200);

		// Next sign-in: the app code works in the login post, a recovery code once on the factor page.
		expect((await withServerCode(server.url, 'pekka', key, (otp) => login(server.url, 'pekka', DEMO_PASSWORD, { otp }))).status).toBe(303);
		const second = await login(server.url, 'pekka', DEMO_PASSWORD, { otp: null });
		expect(await post('/second-factor?/recovery', second.cookie!, { code: codes[3] })).toMatchObject({ status: 303, location: '/pro' });
		const third = await login(server.url, 'pekka', DEMO_PASSWORD, { otp: null });
		expect(await post('/second-factor?/recovery', third.cookie!, { code: codes[3] })).toMatchObject({ status: 400 });
		// The password alone cannot add a factor to an enrolled account.
		expect(await get('/second-factor/enrol', third.cookie!)).toMatchObject({ status: 303, location: '/second-factor' });
		expect(await post('/second-factor/enrol?/totp', third.cookie!, { secret, code: totpCodeAt(key, testNow().getTime()) })).toMatchObject({ status: 303, location: '/second-factor' });
	});
});

describe('the account page', () => {
	it('lists the sessions with a sign-out for the others, and failed sign-ins', async () => {
		expect((await login(server.url, 'sanna', 'not the password')).status).toBe(400);
		const other = await login(server.url, 'sanna', DEMO_PASSWORD);
		const mine = await login(server.url, 'sanna', DEMO_PASSWORD);
		const page = await get('/account', mine.cookie!);
		expect(page.text).toContain('data-sign-in="failed"');
		expect(page.text).toContain('data-session="current"');
		const otherId = /name="session" value="([0-9a-f]{64})"/.exec(page.text)![1];
		expect(await post('/account?/endSession', mine.cookie!, { session: otherId })).toMatchObject({ status: 303 });
		expect(await get('/pro', other.cookie!)).toMatchObject({ status: 303, location: '/login' });
		expect((await get('/pro', mine.cookie!)).status).toBe(200);
		// Another account's session is not one's own to end (Elina: no other test here signs her in, so her codes are unused).
		const elina = await login(server.url, 'elina', DEMO_PASSWORD);
		const elinaId = /name="session" value="([0-9a-f]{64})"/.exec((await get('/account', (await login(server.url, 'elina', DEMO_PASSWORD)).cookie!)).text)![1];
		expect((await post('/account?/endSession', mine.cookie!, { session: elinaId })).status).toBe(404);
		expect((await get('/pro', elina.cookie!)).status).toBe(200);
	});
});
