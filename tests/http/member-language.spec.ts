/**
 * The member's own language (issue #14): after sign-in the interface is in the language
 * recorded for the member, right to left where it is written so, until the person chooses
 * another; that choice follows them to their next sign-in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

/** Signs in like a browser that prefers Finnish; returns the cookies the answer set. */
async function signIn(username: string): Promise<Map<string, string>> {
	const response = await fetch(`${server.url}/login`, {
		method: 'POST', redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'accept-language': 'fi' },
		body: new URLSearchParams({ username, password: DEMO_PASSWORD })
	});
	expect(response.status).toBe(303);
	return new Map(response.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
}
const header = (cookies: Map<string, string>) => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const page = async (path: string, cookies: Map<string, string>) =>
	(await fetch(`${server.url}${path}`, { headers: { cookie: header(cookies), 'accept-language': 'fi' } })).text();

it('Amal, recorded as speaking Arabic, gets her home in Arabic, right to left, though her browser asks for Finnish', async () => {
	const cookies = await signIn('amal');
	expect(cookies.get('PARAGLIDE_LOCALE')).toBe('ar');
	const html = await page('/family', cookies);
	expect(html).toMatch(/<html lang="ar" dir="rtl">/);
});

it('Yasmin, recorded as speaking Finnish, gets Finnish, left to right', async () => {
	const cookies = await signIn('yasmin');
	expect(cookies.get('PARAGLIDE_LOCALE')).toBe('fi');
	expect(await page('/family', cookies)).toMatch(/<html lang="fi" dir="ltr">/);
});

it('a professional without a choice keeps the browser\'s language', async () => {
	const cookies = await signIn('anna');
	expect(cookies.has('PARAGLIDE_LOCALE')).toBe(false);
});

it('Amal chooses Persian; her next sign-in, on any device, is in Persian', async () => {
	const cookies = await signIn('amal');
	const switched = await fetch(`${server.url}/language`, {
		method: 'POST', redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: header(cookies) },
		body: new URLSearchParams({ locale: 'fa', redirectTo: '/family' })
	});
	expect(switched.status).toBe(303);
	const again = await signIn('amal');
	expect(again.get('PARAGLIDE_LOCALE')).toBe('fa');
	expect(await page('/family', again)).toMatch(/<html lang="fa" dir="rtl">/);
});

it.each([
	['ar-SA,ar;q=0.9,en;q=0.5', 'ar', 'rtl'],
	['fa-IR', 'fa', 'rtl'],
	['so', 'so', 'ltr'],
	['uk-UA,uk;q=0.9,ru;q=0.8', 'uk', 'ltr'],
	['et-EE', 'et', 'ltr']
])('a browser asking for %s gets the sign-in page in %s (%s) before anyone signs in', async (accept, lang, dir) => {
	const html = await (await fetch(`${server.url}/login`, { headers: { 'accept-language': accept } })).text();
	expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
});
