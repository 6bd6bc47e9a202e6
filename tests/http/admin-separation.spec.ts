/**
 * Separation of duties (A1, D1) against the built server with the demo data: an
 * administrator's session reaches no family data, no professional page and no emergency
 * access, whatever it asks; a right reaches a professional only when a second
 * administrator confirms it, and leaves at once when revoked.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PATH, demoScenarioText, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let admin: string;
let admin2: string;
beforeAll(async () => {
	server = await startServer({ scenario: demoScenarioText() });
	admin = (await login(server.url, 'admin', DEMO_PASSWORD)).cookie!;
	admin2 = (await login(server.url, 'admin2', DEMO_PASSWORD)).cookie!;
});
afterAll(async () => { await server?.stop(); });

const get = (path: string, cookie: string) => fetch(`${server.url}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
/** A plain form post as a browser without JavaScript sends it. */
const post = (path: string, cookie: string, fields: Record<string, string>) => fetch(`${server.url}${path}`, {
	method: 'POST', redirect: 'manual',
	headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams(fields)
});
const count = (query: string) => {
	const db = new Database(server.databasePath, { readonly: true });
	try { return db.prepare(query).pluck().get() as number; } finally { db.close(); }
};

/** Names and free texts of the demo families: none may appear in anything an administrator gets. */
function familyTexts(): string[] {
	const demo = JSON.parse(readFileSync(DEMO_PATH, 'utf8'));
	const texts: string[] = [];
	for (const f of demo.families) {
		texts.push(f.name, ...f.members.map((m: { name: string }) => m.name));
		for (const x of [...f.services, ...f.goals, ...f.tasks, ...f.assessments, ...f.voice]) texts.push(x.name ?? x.text);
	}
	return texts.filter((t) => typeof t === 'string' && t.length > 3);
}

describe('an administrator session (A1)', () => {
	it('both demo administrators sign in to /admin', async () => {
		expect(admin).toMatch(/^session=/);
		expect(admin2).toMatch(/^session=/);
		expect((await get('/admin', admin2)).status).toBe(200);
	});

	it('the API lists no family and answers 404 for every family and its access log', async () => {
		const list = await get('/api/v1/families', admin);
		expect(list.status).toBe(200);
		expect(await list.json()).toEqual({ families: [] });
		for (const id of ['fam-haddad', 'fam-lahtinen', 'fam-makela']) {
			expect((await get(`/api/v1/families/${id}`, admin)).status, id).toBe(404);
			expect((await get(`/api/v1/families/${id}/access-log`, admin)).status, id).toBe(404);
		}
	});

	it.each(['/pro', '/pro/emergency', '/pro/outcomes', '/pro/families/fam-haddad', '/pro/families/fam-lahtinen', '/family'])('%s is 404', async (path) => {
		expect((await get(path, admin)).status).toBe(404);
	});

	it('cannot open an emergency access by posting the form, and nothing is written', async () => {
		const before = count('SELECT count(*) FROM emergency_accesses');
		const response = await post('/pro/emergency?/open', admin, { family: 'Haddad', reason: 'Poliisin pyyntö, lapsi vaarassa tänä yönä' });
		expect(response.status).toBe(404);
		expect(count('SELECT count(*) FROM emergency_accesses')).toBe(before);
		expect(count('SELECT count(*) FROM access_log')).toBe(0);
	});

	it('no family name or text in anything it reached', async () => {
		let everything = '';
		for (const path of ['/', '/admin', '/api/v1/families', '/pro', '/pro/emergency', '/family', '/api/v1/families/fam-haddad']) {
			const response = await get(path, admin);
			everything += (response.headers.get('location') ?? '') + await response.text();
		}
		const texts = familyTexts();
		expect(texts.length).toBeGreaterThan(30);
		expect(texts.filter((text) => everything.includes(text))).toEqual([]);
	});
});

describe('rights take two administrators (D1)', () => {
	it('a ticked authority box on creation is refused and creates no account', async () => {
		const response = await post('/admin?/createProfessional', admin, { name: 'Olli Oikeus', organisation: 'org-police', username: 'olli-http', authority: 'on' });
		expect(response.status).toBe(400);
		expect(count("SELECT count(*) FROM accounts WHERE username = 'olli-http'")).toBe(0);
	});

	it('proposed by one, refused to the same one, confirmed by another; revoked at once by one', async () => {
		const pekka = (await login(server.url, 'pekka', DEMO_PASSWORD)).cookie!;
		expect((await get('/pro/emergency', pekka)).status).toBe(404);

		const proposed = await post('/admin?/proposeRight', admin, { account: 'pro:pro-pekka', right: 'authority' });
		expect(proposed.status).toBe(303);
		expect(proposed.headers.get('location')).toBe('/admin?done=proposeRight');
		const page = await (await get('/admin', admin)).text();
		const proposal = page.match(/name="proposal" value="(prop-[a-z2-7]+)"/)![1];
		expect(page).not.toContain('action="?/confirmRight"');
		expect(page).toContain('data-waiting');
		expect((await get('/pro/emergency', pekka)).status).toBe(404);

		const own = await post('/admin?/confirmRight', admin, { proposal });
		expect(own.status).toBe(403);
		expect((await get('/pro/emergency', pekka)).status).toBe(404);

		expect(await (await get('/admin', admin2)).text()).toContain('action="?/confirmRight"');
		const confirmed = await post('/admin?/confirmRight', admin2, { proposal });
		expect(confirmed.status).toBe(303);
		expect((await get('/pro/emergency', pekka)).status).toBe(200);

		const revoked = await post('/admin?/revokeRight', admin, { account: 'pro:pro-pekka', right: 'authority' });
		expect(revoked.status).toBe(303);
		expect((await get('/pro/emergency', pekka)).status).toBe(404);
		expect(count("SELECT count(*) FROM administration_log WHERE account_id = 'pro:pro-pekka'")).toBe(3);
	});

	it('a professional cannot reach the administration', async () => {
		const timo = (await login(server.url, 'timo', DEMO_PASSWORD)).cookie!;
		expect((await get('/admin', timo)).status).toBe(404);
		expect((await post('/admin?/confirmRight', timo, { proposal: 'prop-x' })).status).toBe(404);
	});
});
