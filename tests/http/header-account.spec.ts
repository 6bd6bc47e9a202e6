/**
 * The small header and the account page (issue #13) against the built server: language
 * links are plain GETs that remember the choice and come back only to a path of this
 * site; the account page holds the account actions the header no longer has.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageNames } from '../../src/lib/language-names';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

const LOCALE_COOKIE = /^PARAGLIDE_LOCALE=([^;]*)/;

async function get(path: string, cookie?: string) {
	const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
	const localeCookie = response.headers.getSetCookie().map((c) => LOCALE_COOKIE.exec(c)?.[1]).find((value) => value !== undefined);
	return { status: response.status, location: response.headers.get('location'), localeCookie, text: await response.text() };
}

async function postLanguage(fields: Record<string, string>) {
	const response = await fetch(`${server.url}/language`, {
		method: 'POST', redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams(fields)
	});
	const localeCookie = response.headers.getSetCookie().map((c) => LOCALE_COOKIE.exec(c)?.[1]).find((value) => value !== undefined);
	return { status: response.status, location: response.headers.get('location'), localeCookie };
}

const languageLink = (locale: string, to: string) => `/language?${new URLSearchParams({ locale, to })}`;

describe('GET /language', () => {
	it('remembers the language and goes back to the page, query included', async () => {
		const answer = await get(languageLink('sv', '/pro/families/fam-haddad?tool=plan'));
		expect(answer.status).toBe(303);
		expect(answer.location).toBe('/pro/families/fam-haddad?tool=plan');
		expect(answer.localeCookie).toBe('sv');
		const page = await get('/login', `PARAGLIDE_LOCALE=${answer.localeCookie}`);
		expect(page.text).toContain('<html lang="sv"');
		expect(page.text).toContain('<h1>Logga in</h1>');
	});

	it.each(['//evil.example', '/\\evil.example', 'https://evil.example', '/\t/evil.example', 'evil.example'])('never leaves the site for %j: goes home', async (to) => {
		const answer = await get(languageLink('en', to));
		expect(answer.status).toBe(303);
		expect(answer.location).toBe('/');
		expect(answer.localeCookie).toBe('en');
	});

	it('goes home when no page is named', async () => {
		const answer = await get('/language?locale=en');
		expect(answer.status).toBe(303);
		expect(answer.location).toBe('/');
	});

	it.each(['xx', '', 'EN', 'fi-FI'])('refuses the unknown language %j with a clear message and sets nothing', async (locale) => {
		const answer = await get(languageLink(locale, '/login'));
		expect(answer.status).toBe(400);
		expect(answer.localeCookie).toBeUndefined();
		expect(answer.text).toContain('svenska (sv)');
		expect(answer.text).toMatch(/Tätä kieltä ei ole/);
	});
});

describe('POST /language (kept for forms)', () => {
	it('remembers the language and goes back', async () => {
		expect(await postLanguage({ locale: 'en', redirectTo: '/welcome' })).toEqual({ status: 303, location: '/welcome', localeCookie: 'en' });
	});

	it.each(['//evil.example', '/\\evil.example', 'https://evil.example'])('never leaves the site for %j', async (redirectTo) => {
		expect(await postLanguage({ locale: 'sv', redirectTo })).toMatchObject({ status: 303, location: '/' });
	});
});

describe('the header', () => {
	it('lists each language in itself, as links back to this page; the current one marked', async () => {
		const page = await get('/login');
		const links = [...page.text.matchAll(/<a href="(\/language\?[^"]*)"([^>]*)>([^<]*)<\/a>/g)]
			.map(([, href, attributes, name]) => ({ href, attributes: attributes.replace(/ class="[^"]*"/, ''), name }));
		expect(links.slice(0, 3)).toEqual([
			{ href: '/language?locale=fi&amp;to=%2Flogin', attributes: ' lang="fi" hreflang="fi" aria-current="true"', name: 'suomi' },
			{ href: '/language?locale=sv&amp;to=%2Flogin', attributes: ' lang="sv" hreflang="sv"', name: 'svenska' },
			{ href: '/language?locale=en&amp;to=%2Flogin', attributes: ' lang="en" hreflang="en"', name: 'English' }
		]);
		// Every language the portal speaks, each named in itself, in the project's order.
		expect(links.map((link) => link.name)).toEqual(Object.values(languageNames));
		expect(links[3]).toEqual({ href: '/language?locale=ar&amp;to=%2Flogin', attributes: ' lang="ar" hreflang="ar"', name: 'العربية' });
		expect(page.text).not.toContain('href="/account"');
	});

	it('has the account link for a signed-in person, and no sign-out forms any more', async () => {
		const { cookie } = await login(server.url, 'amal', DEMO_PASSWORD);
		const page = await get('/family', cookie!);
		const header = /<header class="site-header[^"]*">([\s\S]*?)<\/header>/.exec(page.text)?.[1] ?? '';
		expect(header).toContain('href="/account"');
		expect(header).toContain('Oma tili');
		expect(header).not.toContain('<form');
		expect(header).not.toContain('/account/password');
	});
});

describe('/account', () => {
	it('sends an anonymous visitor to sign in', async () => {
		expect(await get('/account')).toMatchObject({ status: 303, location: '/login' });
	});

	it.each([
		['amal', 'Amal', 'Perheenjäsenen tili'],
		['anna', 'Anna Virtanen', 'Työntekijän tili'],
		['admin', '', 'Ylläpitäjän tili']
	])('%s sees who they are, the password link and both ways to sign out', async (username, name, kind) => {
		const { cookie } = await login(server.url, username, DEMO_PASSWORD);
		const page = await get('/account', cookie!);
		expect(page.status).toBe(200);
		expect(page.text).toContain(`<h1>Oma tili</h1>`);
		expect(page.text).toMatch(new RegExp(`data-account-name[^>]*>Kirjautuneena: ${name}`));
		expect(page.text).toContain(kind);
		expect(page.text).toContain('href="/account/password"');
		expect(page.text.match(/<form method="POST" action="\/logout">/g)).toHaveLength(2);
		expect(page.text).toContain('name="everywhere"');
	});

	it('signing out there ends the session', async () => {
		const { cookie } = await login(server.url, 'yasmin', DEMO_PASSWORD);
		const out = await fetch(`${server.url}/logout`, {
			method: 'POST', redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: cookie! }, body: ''
		});
		expect(out.status).toBe(303);
		expect(await get('/account', cookie!)).toMatchObject({ status: 303, location: '/login' });
	});
});

describe('a password that must be changed', () => {
	it('leaves signing out possible: the account link leads to the password page, which has a sign-out form', async () => {
		const db = new Database(server.databasePath);
		try {
			db.prepare("UPDATE accounts SET must_change_password = 1 WHERE username = 'ville'").run();
		} finally {
			db.close();
		}
		const { cookie } = await login(server.url, 'ville', DEMO_PASSWORD);
		expect(await get('/account', cookie!)).toMatchObject({ status: 303, location: '/account/password' });
		const page = await get('/account/password', cookie!);
		expect(page.status).toBe(200);
		expect(page.text).toMatch(/<form method="POST" action="\/logout">\s*<button type="submit"[^>]*>Kirjaudu ulos<\/button>/);
	});
});

