/**
 * Families' e-identification (#17) against a real OpenID provider started here
 * (`oidc-provider`), with the built portal configured for it: the first sign-in links
 * the identity with the coordinator's sign-in code, later ones go straight in; a tampered
 * `state`, `nonce` or ID token signature and an unlinked identity without a code sign
 * nobody in.
 */
import Database from 'better-sqlite3';
import { HtmlValidate } from 'html-validate';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db';
import { currentClock } from '../../src/lib/server/family-access';
import { addMember, createSignInCode } from '../../src/lib/server/family-start';
import type { ProfessionalPrincipal } from '../../src/lib/server/policy/types';
import { CookieBrowser, createTestProvider, signInAtProvider, type TestProvider } from '../support/oidc-provider';
import { DEMO_PASSWORD, demoScenarioText, login, startServer, type RunningServer } from '../support/server';

const messages = (key: string) => ['fi', 'sv', 'en'].map((locale) =>
	JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'))[key] as string);
const says = (html: string, key: string) => messages(key).some((text) => html.includes(text));

let provider: TestProvider;
let server: RunningServer;
beforeAll(async () => {
	provider = await createTestProvider();
	// The scenario links Amal's subject for this provider (members[].oidcSubject; the loader reads OIDC_ISSUER).
	process.env.OIDC_ISSUER = provider.issuer;
	const scenario = JSON.parse(demoScenarioText());
	scenario.families.flatMap((f: { members: { id: string; oidcSubject?: string }[] }) => f.members).find((m: { id: string }) => m.id === 'amal').oidcSubject = 'subject-amal-from-scenario';
	try {
		server = await startServer({ env: provider.env, scenario: JSON.stringify(scenario) });
	} finally {
		delete process.env.OIDC_ISSUER;
	}
	await provider.serve(server.url);
});
afterAll(async () => {
	if (process.env.DEBUG_OIDC) console.log(server?.output());
	await server?.stop();
	await provider?.stop();
});

const anna: ProfessionalPrincipal = { kind: 'professional', professionalId: 'pro-anna', organisationId: 'org-cw', authority: false, name: 'Anna' };

/** A new member of the Haddad family and the coordinator's sign-in code for them, written as the portal's own functions write them. */
function newMemberWithCode(name: string): { memberId: string; code: string } {
	const db = openDatabase(server.databasePath);
	try {
		const clock = currentClock();
		const memberId = (addMember(db, anna, 'fam-haddad', { name, birthDate: '1985-03-03' }, clock) as { id: string }).id;
		const code = (createSignInCode(db, anna, 'fam-haddad', memberId, clock) as { code: string }).code;
		return { memberId, code };
	} finally {
		db.$client.close();
	}
}

function query<T>(sql: string, ...params: unknown[]): T {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).pluck().get(...params) as T;
	} finally {
		db.close();
	}
}

/** The portal's start: a 303 to the provider with PKCE (S256), state and nonce, and the flow cookie. */
async function startAtPortal(browser: CookieBrowser): Promise<URL> {
	const started = await browser.request(`${server.url}/login/oidc`);
	expect(started.status).toBe(303);
	const target = new URL(started.location!);
	expect(target.origin).toBe(provider.issuer);
	expect(target.searchParams.get('code_challenge_method')).toBe('S256');
	expect(target.searchParams.get('scope')).toBe('openid');
	for (const name of ['state', 'nonce', 'code_challenge']) expect(target.searchParams.get(name)?.length).toBeGreaterThan(20);
	const cookie = started.setCookies.find((c) => c.startsWith('oidc_flow='))!;
	expect(cookie).toMatch(/HttpOnly/i);
	expect(cookie).toMatch(/SameSite=Lax/i);
	// Ten minutes from when the browser gets it, whatever the phone's clock says: Max-Age, never Expires.
	expect(cookie).toMatch(/Max-Age=600(;|$)/i);
	expect(cookie).not.toMatch(/Expires=/i);
	return target;
}

/** The whole round: portal, provider's forms as `subject`, back to the portal's callback. */
async function signInAs(subject: string, tamper: (url: URL) => void = () => {}) {
	const browser = new CookieBrowser();
	const target = await startAtPortal(browser);
	tamper(target);
	const callback = await signInAtProvider(browser, target.href, subject);
	return { browser, callback: await browser.request(callback) };
}

const sessionOf = (browser: CookieBrowser) => browser.cookie(server.url, 'session');

describe('e-identification for families', () => {
	it('the login page offers it and says how to get a new code', async () => {
		const page = await new CookieBrowser().request(`${server.url}/login`);
		expect(page.html).toContain('href="/login/oidc"');
		expect(says(page.html, 'oidc_sign_in')).toBe(true);
		expect(says(page.html, 'oidc_forgot_password')).toBe(true);
	});

	it('the first sign-in links the identity with the code, later sign-ins go straight in', async () => {
		const { memberId, code } = newMemberWithCode('Rami');
		const first = await signInAs('subject-rami');
		expect(first.callback.status).toBe(303);
		expect(first.callback.location).toBe(`${server.url}/login/oidc/link`);
		expect(sessionOf(first.browser)).toBeUndefined();
		const form = await first.browser.request(`${server.url}/login/oidc/link`);
		expect(form.status).toBe(200);
		expect(says(form.html, 'oidc_link_intro')).toBe(true);

		const linked = await first.browser.request(`${server.url}/login/oidc/link`, { form: { code } });
		expect(linked.status).toBe(303);
		expect(linked.location).toBe(`${server.url}/family?done=welcome`);
		expect(sessionOf(first.browser)).toBeTruthy();
		const home = await first.browser.request(`${server.url}/family`);
		expect(home.status).toBe(200);
		expect(home.html).toContain('Rami');
		// Kept: the issuer and a keyed hash of the subject; not the subject, not the identity number offered.
		expect(query<number>('SELECT count(*) FROM oidc_identities WHERE account_id = ?', `mem:${memberId}`)).toBe(1);
		const dump = query<string>("SELECT group_concat(issuer || subject_hash || account_id) FROM oidc_identities");
		expect(dump).not.toContain('subject-rami');
		expect(dump).not.toContain('010190');

		const later = await signInAs('subject-rami');
		expect(later.callback.status).toBe(303);
		expect(later.callback.location).toBe(`${server.url}/family`);
		expect(sessionOf(later.browser)).toBeTruthy();
		expect((await later.browser.request(`${server.url}/family`)).status).toBe(200);

		// The code is used up: another identity cannot take it.
		const other = await signInAs('subject-somebody-else');
		const refused = await other.browser.request(`${server.url}/login/oidc/link`, { form: { code } });
		expect(refused.status).toBe(400);
		expect(says(refused.html, 'oidc_link_code_invalid')).toBe(true);
		expect(sessionOf(other.browser)).toBeUndefined();
	});

	it('a member who already has a password links e-identification from her account page, and later signs in with it alone', async () => {
		const { cookie } = await login(server.url, 'yasmin', DEMO_PASSWORD);
		const browser = new CookieBrowser();
		browser.setCookie(server.url, 'session', cookie!.split('=')[1]);
		const account = await browser.request(`${server.url}/account`);
		expect(account.html).toContain('href="/login/oidc?link=account"');
		const started = await browser.request(`${server.url}/login/oidc?link=account`);
		expect(started.status).toBe(303);
		const callback = await browser.request(await signInAtProvider(browser, started.location!, 'subject-yasmin'));
		expect(callback.status).toBe(303);
		expect(callback.location).toBe(`${server.url}/account?done=oidcLinked#account-oidc-heading`);
		expect(query<number>('SELECT count(*) FROM oidc_identities WHERE account_id = ?', 'mem:yasmin')).toBe(1);
		expect((await browser.request(`${server.url}/account`)).html).toContain('data-eid-linked');

		const later = await signInAs('subject-yasmin');
		expect(later.callback.location).toBe(`${server.url}/family`);
		const me = await later.browser.request(`${server.url}/family`);
		expect(me.html).toContain('Yasmin');
	});

	it('an identity linked to another account is not moved to the signed-in member\'s, and without a session the account link is an ordinary sign-in', async () => {
		const { cookie } = await login(server.url, 'tiina', DEMO_PASSWORD);
		const browser = new CookieBrowser();
		browser.setCookie(server.url, 'session', cookie!.split('=')[1]);
		const started = await browser.request(`${server.url}/login/oidc?link=account`);
		const callback = await browser.request(await signInAtProvider(browser, started.location!, 'subject-amal-from-scenario'));
		expect(callback.status).toBe(400);
		expect(query<string>('SELECT account_id FROM oidc_identities WHERE id = ?', 'oidc-amal')).toBe('mem:amal');
		expect(query<number>("SELECT count(*) FROM oidc_identities WHERE account_id = 'mem:tiina'")).toBe(0);
		expect(server.output()).toContain('linked-to-another');

		// No session: the mark links nothing; an unknown identity waits for a code as always.
		const anonymous = new CookieBrowser();
		const plain = await anonymous.request(`${server.url}/login/oidc?link=account`);
		const answer = await anonymous.request(await signInAtProvider(anonymous, plain.location!, 'subject-nobody-yet'));
		expect(answer.location).toBe(`${server.url}/login/oidc/link`);
		expect(sessionOf(anonymous)).toBeUndefined();
	});

	it('a subject linked in the scenario (members[].oidcSubject) signs in directly', async () => {
		const { browser, callback } = await signInAs('subject-amal-from-scenario');
		expect(callback.location).toBe(`${server.url}/family`);
		const me = await browser.request(`${server.url}/api/v1/families`);
		expect(me.status).toBe(200);
		expect(JSON.parse(me.html).families.map((f: { id: string }) => f.id)).toEqual(['fam-haddad']);
		expect(query<string>('SELECT account_id FROM oidc_identities WHERE id = ?', 'oidc-amal')).toBe('mem:amal');
	});

	it('an unlinked identity without a code gets a clear page and no session', async () => {
		const { browser, callback } = await signInAs('subject-stranger');
		expect(callback.location).toBe(`${server.url}/login/oidc/link`);
		const page = await browser.request(`${server.url}/login/oidc/link`);
		expect(says(page.html, 'oidc_link_no_code')).toBe(true);
		const empty = await browser.request(`${server.url}/login/oidc/link`, { form: { code: '' } });
		expect(empty.status).toBe(400);
		const wrong = await browser.request(`${server.url}/login/oidc/link`, { form: { code: 'AAAA-BBBB-CCCC' } });
		expect(wrong.status).toBe(400);
		expect(says(wrong.html, 'oidc_link_code_invalid')).toBe(true);
		expect(sessionOf(browser)).toBeUndefined();
		expect([callback, page, empty, wrong].flatMap((r) => r.setCookies).some((c) => c.startsWith('session='))).toBe(false);
		// Without the flow's cookie (another browser), the link page offers nothing to link.
		const elsewhere = await new CookieBrowser().request(`${server.url}/login/oidc/link`, { form: { code: 'AAAA-BBBB-CCCC' } });
		expect(elsewhere.status).toBe(400);
		expect(says(elsewhere.html, 'oidc_link_expired')).toBe(true);
	});

	it('a tampered state is refused and signs nobody in', async () => {
		const browser = new CookieBrowser();
		await startAtPortal(browser).then(async (target) => {
			const callback = new URL(await signInAtProvider(browser, target.href, 'subject-rami'));
			callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
			const answer = await browser.request(callback.href);
			expect(answer.status).toBe(400);
			expect(says(answer.html, 'oidc_failed_text')).toBe(true);
			expect(sessionOf(browser)).toBeUndefined();
			// Refused for the state, not for something else on the way.
			expect(server.output()).toContain('unexpected "state" response parameter value');
		});
	});

	it('a tampered nonce is refused, even for a linked identity', async () => {
		const { browser, callback } = await signInAs('subject-rami', (url) => url.searchParams.set('nonce', 'a-nonce-the-portal-never-made-0123456789'));
		expect(callback.status).toBe(400);
		expect(says(callback.html, 'oidc_failed_text')).toBe(true);
		expect(sessionOf(browser)).toBeUndefined();
		expect(server.output()).toContain('unexpected ID Token "nonce" claim value');
	});

	it('an ID token with a broken signature is refused', async () => {
		await provider.tamperSignature(true);
		try {
			const { browser, callback } = await signInAs('subject-rami');
			expect(callback.status).toBe(400);
			expect(sessionOf(browser)).toBeUndefined();
			// openid-client skips this check for the token endpoint's answer unless told (config.ts).
			expect(server.output()).toContain('JWT signature verification failed');
		} finally {
			await provider.tamperSignature(false);
		}
		// The same sign-in with the token as issued works: it was the signature alone.
		const { browser } = await signInAs('subject-rami');
		expect(sessionOf(browser)).toBeTruthy();
	});

	it('a replayed answer from the provider is refused: the flow is used once', async () => {
		const browser = new CookieBrowser();
		const target = await startAtPortal(browser);
		const callback = await signInAtProvider(browser, target.href, 'subject-rami');
		const cookieBefore = browser.cookie(server.url, 'oidc_flow');
		expect((await browser.request(callback)).status).toBe(303);
		// The same flow cookie and the same answer again, from another browser.
		const replay = new CookieBrowser();
		replay.setCookie(server.url, 'oidc_flow', cookieBefore!);
		const again = await replay.request(callback);
		expect(again.status).toBe(400);
		expect(server.output()).toContain('sign-in refused: no-flow');
		expect(sessionOf(replay)).toBeUndefined();
	});

	it('its pages are valid HTML (as html-validity.spec.ts reads the other pages)', async () => {
		// The style rules Svelte's output cannot follow are off, as in html-validity.spec.ts.
		const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: {
			'void-style': 'off', 'no-trailing-whitespace': 'off', 'attribute-boolean-style': 'off', 'attribute-empty-style': 'off'
		} });
		const { browser } = await signInAs('subject-validity');
		const pages = {
			login: (await new CookieBrowser().request(`${server.url}/login`)).html,
			link: (await browser.request(`${server.url}/login/oidc/link`)).html,
			linkRefused: (await browser.request(`${server.url}/login/oidc/link`, { form: { code: 'AAAA-BBBB-CCCC' } })).html,
			nothingWaiting: (await new CookieBrowser().request(`${server.url}/login/oidc/link`)).html,
			refused: (await new CookieBrowser().request(`${server.url}/login/oidc/callback?code=x&state=y`)).html
		};
		for (const [name, html] of Object.entries(pages)) {
			const report = await validator.validateString(html);
			expect({ name, findings: report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`)) }).toEqual({ name, findings: [] });
		}
	});
});
