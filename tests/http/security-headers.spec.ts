/**
 * The headers every answer carries, against the built server (`handleSecurityHeaders` in
 * hooks.server.ts and `kit.csp` in svelte.config.js): the content security policy, framing,
 * sniffing, referrer, HSTS and permissions; and no shared cache keeps what a signed-in
 * person was shown. The pages carry no script (the root layout turns csr off), so the
 * policy allows scripts from this site only: no nonce, no hash, no `unsafe-inline`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let familyCookie: string;
let professionalCookie: string;

beforeAll(async () => {
	server = await startServer();
	familyCookie = (await login(server.url, 'amal', DEMO_PASSWORD)).cookie!;
	professionalCookie = (await login(server.url, 'anna', DEMO_PASSWORD)).cookie!;
	expect(familyCookie).toBeTruthy();
	expect(professionalCookie).toBeTruthy();
});
afterAll(async () => { await server?.stop(); });

const EXPECTED_POLICY: Record<string, string> = {
	'default-src': "'self'",
	'script-src': "'self'",
	'style-src': "'self' 'unsafe-inline'",
	'img-src': "'self' data:",
	'object-src': "'none'",
	'base-uri': "'self'",
	'form-action': "'self'",
	'frame-ancestors': "'none'"
};

const ALWAYS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
	'strict-transport-security': 'max-age=31536000; includeSubDomains'
};

async function get(path: string, cookie?: string) {
	const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
	return { status: response.status, headers: response.headers, text: await response.text() };
}

function directives(policy: string | null): Record<string, string> {
	expect(policy, 'a content-security-policy header').toBeTruthy();
	return Object.fromEntries(policy!.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
		const [name, ...values] = part.split(/\s+/);
		return [name, values.join(' ')];
	}));
}

describe('security headers', () => {
	const pages = [
		{ who: 'anonymous', path: '/login', cookie: () => undefined },
		{ who: 'a parent', path: '/family', cookie: () => familyCookie },
		{ who: 'a professional', path: '/pro/families/fam-haddad', cookie: () => professionalCookie }
	];

	it.each(pages)('a page for $who ($path) has the whole policy, scripts from this site only', async ({ path, cookie }) => {
		const answer = await get(path, cookie());
		expect(answer.status).toBe(200);
		expect(directives(answer.headers.get('content-security-policy'))).toEqual(EXPECTED_POLICY);
		for (const [name, value] of Object.entries(ALWAYS)) expect(answer.headers.get(name), name).toBe(value);
		// The policy holds because the page needs no script: none is written, inline or linked.
		expect(answer.text).not.toMatch(/<script/i);
	});

	it('an anonymous page may be cached; a signed-in page and the API may not', async () => {
		expect((await get('/login')).headers.get('cache-control') ?? '').not.toContain('no-store');
		for (const [path, cookie] of [['/family', familyCookie], ['/pro/families/fam-haddad', professionalCookie], ['/api/v1/families/fam-haddad', professionalCookie]]) {
			const answer = await get(path, cookie);
			expect(answer.status, path).toBe(200);
			expect(answer.headers.get('cache-control'), path).toBe('private, no-store');
		}
	});

	it('answers that are not pages carry the same headers (the API, a 404, a 401)', async () => {
		for (const [path, cookie, status] of [['/api/v1/families/fam-haddad', professionalCookie, 200], ['/no-such-page', undefined, 404], ['/api/v1/families', undefined, 401]] as const) {
			const answer = await get(path, cookie);
			expect(answer.status, path).toBe(status);
			for (const [name, value] of Object.entries(ALWAYS)) expect(answer.headers.get(name), `${path} ${name}`).toBe(value);
		}
	});
});
