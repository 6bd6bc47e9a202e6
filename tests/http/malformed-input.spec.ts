/**
 * Bad input never gives a 5xx and never writes (issue #11, finding 3). Every form action
 * of every route and every POST endpoint, enumerated from the route files themselves (a
 * new action is covered, or this test fails until it is given a persona), gets bodies
 * that are not readable form data, sent by the persona that owns the action; afterwards
 * every table but the access log and the sessions is exactly as it was. Signing out
 * works with any body or none.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

type Persona = 'anna' | 'mikko' | 'timo' | 'admin' | 'amal' | null; // null: not signed in

/** Where each route with form actions is posted to, and by whom (the personas that own its actions). */
const ACTION_ROUTES: Record<string, { path: string; as: Persona[] }> = {
	'/(admin)/admin': { path: '/admin', as: ['admin'] },
	'/(family)/family': { path: '/family', as: ['amal'] },
	'/(family)/family/meetings': { path: '/family/meetings', as: ['amal'] },
	'/(family)/family/messages': { path: '/family/messages', as: ['amal'] },
	'/(family)/family/plan': { path: '/family/plan', as: ['amal'] },
	'/(family)/family/privacy': { path: '/family/privacy', as: ['amal'] },
	'/(family)/family/voice': { path: '/family/voice', as: ['amal'] },
	'/(pro)/pro': { path: '/pro', as: ['anna'] },
	'/(pro)/pro/emergency': { path: '/pro/emergency', as: ['timo'] },
	// The coordinator holds most tools, a team member the rest.
	'/(pro)/pro/families/[id=familyId]': { path: '/pro/families/fam-haddad', as: ['anna', 'mikko'] },
	'/(pro)/pro/families/[id=familyId]/messages': { path: '/pro/families/fam-haddad/messages', as: ['anna'] },
	'/account/password': { path: '/account/password', as: ['anna'] },
	'/account/notifications': { path: '/account/notifications', as: ['amal', 'anna'] },
	'/account/calendar': { path: '/account/calendar', as: ['amal', 'anna'] },
	'/login/oidc/link': { path: '/login/oidc/link', as: [null] },
	'/login': { path: '/login', as: [null] },
	'/welcome': { path: '/welcome', as: [null] },
	'/accessibility': { path: '/accessibility', as: [null, 'amal'] },
	// #17: ending another session, and the second-factor pages' code and passkey forms.
	'/account': { path: '/account', as: ['anna'] },
	'/second-factor': { path: '/second-factor', as: ['anna'] },
	'/second-factor/enrol': { path: '/second-factor/enrol', as: ['anna'] }
};

/** POST endpoints (`+server.ts`). /logout ends the session it is sent with: signed-in posts to it are tested below, one session each. */
const POST_ENDPOINTS: Record<string, { path: string; as: Persona[] }> = {
	'/language': { path: '/language', as: [null, 'amal'] },
	'/logout': { path: '/logout', as: [null] }
};

type Malformed = { name: string; type?: string; body?: Uint8Array<ArrayBuffer> };
const bytes = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const MULTIPART = 'multipart/form-data; boundary=----fuzz';
const part = (name: string, value: string) => `------fuzz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

/** Bodies that no form of the portal sends; every one of them must be refused before any write. */
const UNREADABLE: Malformed[] = [
	{ name: 'text/plain', type: 'text/plain;charset=UTF-8', body: bytes('word=hello\r\ntext=hello\r\n') },
	{ name: 'JSON', type: 'application/json', body: bytes('{"word":"hello","text":"hello","id":"x"}') },
	{ name: 'SvelteKit binary form', type: 'application/x-sveltekit-formdata', body: bytes('\u0000\u0001junk') },
	{ name: 'empty, no content-type' },
	{ name: 'empty, urlencoded', type: 'application/x-www-form-urlencoded', body: new Uint8Array(0) },
	{ name: 'empty, multipart', type: MULTIPART, body: new Uint8Array(0) },
	{ name: 'multipart with no fields', type: MULTIPART, body: bytes('------fuzz--\r\n') },
	{ name: 'multipart without a boundary', type: 'multipart/form-data', body: bytes(`${part('word', 'hello')}------fuzz--\r\n`) },
	{ name: 'multipart, truncated', type: MULTIPART, body: bytes(`${part('word', 'hello')}------fuzz\r\nContent-Disposition: form-da`) },
	{ name: 'multipart, non-UTF-8 value', type: MULTIPART, body: concat(bytes('------fuzz\r\nContent-Disposition: form-data; name="word"\r\n\r\n'), Uint8Array.of(0xff, 0xfe, 0xc3), bytes('\r\n------fuzz--\r\n')) },
	{ name: 'multipart with a file', type: MULTIPART, body: bytes('------fuzz\r\nContent-Disposition: form-data; name="word"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n------fuzz--\r\n') },
	{ name: 'urlencoded, invalid percent escapes', type: 'application/x-www-form-urlencoded', body: bytes('word=%zz&text=50%&id=%E0%A4%A') },
	{ name: 'urlencoded, escapes of non-UTF-8', type: 'application/x-www-form-urlencoded', body: bytes('word=%FF%FE&text=%C3') },
	{ name: 'urlencoded, raw non-UTF-8 bytes', type: 'application/x-www-form-urlencoded', body: concat(bytes('word='), Uint8Array.of(0xff, 0xfe, 0xc3), bytes('&text=x')) },
	{ name: 'urlencoded, repeated fields', type: 'application/x-www-form-urlencoded', body: bytes('word=a&word=b&text=a&text=b&id=x&id=y&locale=fi&locale=en') },
	{ name: 'urlencoded, beyond the body size limit', type: 'application/x-www-form-urlencoded', body: bytes(`word=${'a'.repeat(530_000)}`) }
];

/** Readable but wrong: refused by the checks of each action (or harmless, as a language switch without a language). */
const ODD: Malformed[] = [
	{ name: 'urlencoded, a huge field', type: 'application/x-www-form-urlencoded', body: bytes(`word=${'a'.repeat(60_000)}&text=${'b'.repeat(60_000)}`) }
];

const pageModules = import.meta.glob('../../src/routes/**/+page.server.ts');
const endpointModules = import.meta.glob('../../src/routes/**/+server.ts');

/** `../../src/routes/(pro)/pro/+page.server.ts` → `/(pro)/pro`, SvelteKit's route id. */
function routeId(file: string): string {
	return file.replace(/^.*\/src\/routes/, '').replace(/\/\+(page\.server|server)\.ts$/, '') || '/';
}

/** Every named form action (`default` included) of every page, read from the route modules. */
async function formActions(): Promise<{ route: string; name: string }[]> {
	const found: { route: string; name: string }[] = [];
	for (const [file, load] of Object.entries(pageModules)) {
		const module = (await load()) as { actions?: Record<string, unknown> };
		for (const name of Object.keys(module.actions ?? {})) found.push({ route: routeId(file), name });
	}
	return found;
}

/** Every route whose `+server.ts` exports a POST handler. */
async function postEndpoints(): Promise<string[]> {
	const found: string[] = [];
	for (const [file, load] of Object.entries(endpointModules)) {
		if ('POST' in ((await load()) as object)) found.push(routeId(file));
	}
	return found;
}

/** Each table's rows (but the access log's and the sessions'), in a stable order: equal before and after means nothing was written. */
function tableContents(databasePath: string): Record<string, string[]> {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('access_log', 'sessions') ORDER BY name").pluck().all() as string[];
		return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all().map((row) => JSON.stringify(row)).sort()]));
	} finally {
		db.close();
	}
}

let server: RunningServer;
const cookies = new Map<Persona, string | undefined>([[null, undefined]]);
beforeAll(async () => {
	server = await startServer();
	for (const persona of ['anna', 'mikko', 'timo', 'admin', 'amal'] as const) {
		const result = await login(server.url, persona, DEMO_PASSWORD);
		expect(result.status).toBe(303);
		cookies.set(persona, result.cookie!);
	}
});
afterAll(async () => { await server?.stop(); });

/**
 * One POST as a browser would send it (same origin, so SvelteKit's CSRF check lets it
 * through). The status of the answer; for an action's JSON answer (an enhanced form),
 * whose HTTP status is 200 even for a failure, the status inside it.
 */
async function post(path: string, malformed: Malformed, cookie: string | undefined, accept = 'text/html'): Promise<number> {
	const headers: Record<string, string> = { origin: server.url, accept };
	if (malformed.type) headers['content-type'] = malformed.type;
	if (cookie) headers.cookie = cookie;
	const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: malformed.body, redirect: 'manual' });
	const text = await response.text();
	if (response.status === 200 && response.headers.get('content-type')?.startsWith('application/json')) {
		const answer = JSON.parse(text) as { type?: string; status?: number };
		if (answer.type && answer.status) return answer.status;
	}
	return response.status;
}

describe('malformed bodies to every form action and POST endpoint', () => {
	it('every route with form actions and every POST endpoint has its personas here', async () => {
		const actions = await formActions();
		// Sanity: the route files were found (a broken glob must not pass for "nothing to test").
		expect(actions.length).toBeGreaterThan(40);
		expect([...new Set(actions.map((a) => a.route))].sort()).toEqual(Object.keys(ACTION_ROUTES).sort());
		expect((await postEndpoints()).sort()).toEqual(Object.keys(POST_ENDPOINTS).sort());
	});

	it('answer 4xx (never 5xx) and write nothing', { timeout: 120_000 }, async () => {
		const targets: { path: string; persona: Persona }[] = [];
		for (const { route, name } of await formActions()) {
			const { path, as } = ACTION_ROUTES[route] ?? { path: route, as: [] };
			for (const persona of as) targets.push({ path: name === 'default' ? path : `${path}?/${name}`, persona });
		}
		for (const route of await postEndpoints()) {
			for (const persona of POST_ENDPOINTS[route]?.as ?? []) targets.push({ path: POST_ENDPOINTS[route].path, persona });
		}
		const before = tableContents(server.databasePath);
		expect(Object.keys(before).length).toBeGreaterThan(20);
		expect(before.safety_signals.length + before.voice_items.length).toBeGreaterThan(0);
		const serverErrors: string[] = [];
		const notRefused: string[] = [];
		let sent = 0;
		for (const [t, { path, persona }] of targets.entries()) {
			for (const [b, malformed] of [...UNREADABLE, ...ODD].entries()) {
				// Both of SvelteKit's answers to an action: the HTML page and the JSON of an enhanced form.
				const accept = (t + b) % 2 === 0 ? 'text/html' : 'application/json';
				const status = await post(path, malformed, cookies.get(persona), accept);
				sent++;
				const what = `${persona ?? 'anonymous'} ${path} ${malformed.name} (${accept}): ${status}`;
				if (status >= 500) serverErrors.push(what);
				// Signing out is the one post that works with any body (tested below).
				else if (UNREADABLE.includes(malformed) && path !== '/logout' && status < 400) notRefused.push(what);
			}
		}
		expect(sent).toBeGreaterThan(1000);
		expect(serverErrors).toEqual([]);
		expect(tableContents(server.databasePath)).toEqual(before);
		expect(notRefused).toEqual([]);
	});

	it('a page answer says in the person\'s language that the form could not be read, and that nothing was saved', async () => {
		const fi = JSON.parse(readFileSync(new URL('../../messages/fi.json', import.meta.url), 'utf8'));
		const response = await fetch(`${server.url}/family?/sendSafetySignal`, {
			method: 'POST', redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', 'content-type': 'text/plain', cookie: cookies.get('amal')! },
			body: bytes('word=hello')
		});
		expect(response.status).toBe(415);
		const page = await response.text();
		expect(page).toContain(fi.error_form_title);
		expect(page).toContain(fi.error_form_text);
		const json = await fetch(`${server.url}/family?/sendSafetySignal`, {
			method: 'POST', redirect: 'manual',
			headers: { origin: server.url, accept: 'application/json', 'content-type': MULTIPART, cookie: cookies.get('amal')! },
			body: bytes(`${part('word', 'hello')}------fuzz\r\nContent-Disposition: form-da`)
		});
		expect(json.status).toBe(400);
		const answer = await json.json();
		expect(answer.type).toBe('error');
		expect(answer.error.message).toMatch(/form/i);
	});

	it('a body over the size limit is told apart: too large (413), nothing saved', async () => {
		const fi = JSON.parse(readFileSync(new URL('../../messages/fi.json', import.meta.url), 'utf8'));
		const tooLarge = UNREADABLE.find((m) => m.name === 'urlencoded, beyond the body size limit')!;
		const response = await fetch(`${server.url}/family?/sendSafetySignal`, {
			method: 'POST', redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html', 'content-type': tooLarge.type!, cookie: cookies.get('amal')! },
			body: tooLarge.body
		});
		expect(response.status).toBe(413);
		expect(await response.text()).toContain(fi.error_form_too_large_text);
	});

	it('the reserved name `default` and unknown action names are 404, not 500', async () => {
		const form = { name: 'a readable form', type: 'application/x-www-form-urlencoded', body: bytes('word=hello&id=x') };
		for (const { path, as } of Object.values(ACTION_ROUTES)) {
			for (const name of ['default', 'no-such-action']) {
				expect(await post(`${path}?/${name}`, form, cookies.get(as[0])), `${path}?/${name}`).toBe(404);
			}
		}
	});

	it('the sign-in form asks for the username and password again (400), as FORMAT.md has it', async () => {
		const status = await post('/login', UNREADABLE[0], undefined, 'text/html');
		expect(status).toBe(400);
	});
});

describe('signing out', () => {
	/**
	 * A fresh session of its own for each post: signing out ends it. The professionals no
	 * other test here signs in take turns, since an app code signs an account in once
	 * and the next code comes 30 s later.
	 */
	const professionals = ['liisa', 'sanna', 'pekka', 'hanna', 'maria', 'johanna', 'ville', 'elina'];
	let turn = 0;
	async function freshSession(username = professionals[turn++ % professionals.length]): Promise<string> {
		const result = await login(server.url, username, DEMO_PASSWORD);
		expect(result.status).toBe(303);
		return result.cookie!;
	}
	const signedIn = async (cookie: string) => (await fetch(`${server.url}/api/v1/families`, { headers: { cookie } })).status === 200;
	const proHome = async (cookie: string) => {
		const response = await fetch(`${server.url}/pro`, { headers: { cookie }, redirect: 'manual' });
		return { status: response.status, location: response.headers.get('location') };
	};

	it.each([...UNREADABLE, ...ODD].map((m) => [m.name, m] as const))('with %s ends the session', async (_name, malformed) => {
		const cookie = await freshSession();
		expect(await signedIn(cookie)).toBe(true);
		const status = await post('/logout', malformed, cookie);
		expect(status).toBeLessThan(500);
		// The cookie no longer opens anything.
		expect(await signedIn(cookie)).toBe(false);
		expect((await fetch(`${server.url}/api/v1/families`, { headers: { cookie } })).status).toBe(401);
		expect(await proHome(cookie)).toEqual({ status: 303, location: '/login' });
	});

	it('with no body and no content-type at all answers 303 to /login and ends the session', async () => {
		const cookie = await freshSession();
		const response = await fetch(`${server.url}/logout`, { method: 'POST', headers: { origin: server.url, cookie }, redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login');
		expect(await signedIn(cookie)).toBe(false);
	});

	// Three sessions of one account: the third may wait for the next code (up to 15 s).
	it('ends other sessions only when a readable form says "everywhere"', { timeout: 60_000 }, async () => {
		const other = await freshSession('marja');
		const broken = { name: 'everywhere, truncated', type: MULTIPART, body: bytes(`${part('everywhere', '1')}------fuzz\r\nContent-Disp`) };
		const first = await freshSession('marja');
		await post('/logout', broken, first);
		expect(await signedIn(first)).toBe(false);
		expect(await signedIn(other)).toBe(true);
		const second = await freshSession('marja');
		await post('/logout', { name: 'everywhere', type: 'application/x-www-form-urlencoded', body: bytes('everywhere=1') }, second);
		expect(await signedIn(second)).toBe(false);
		expect(await signedIn(other)).toBe(false);
	});
});
