/**
 * The HTTP contract of FORMAT.md against the built server with the demo data: every
 * persona signs in, and each family's API answer holds exactly the item ids worked out
 * by hand from POLICY.md below (an oracle independent of the code); no hidden item's
 * text appears in any page or response the persona can reach.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoScenarioText, login, startServer, type RunningServer } from '../support/server';

/** The pages behind the family's navigation, besides the home. */
const FAMILY_PAGES = ['/family/situation', '/family/plan', '/family/meetings', '/family/voice', '/family/privacy', '/family/messages'];
const FAMILIES = ['fam-haddad', 'fam-lahtinen', 'fam-makela'] as const;
type Expected = Partial<Record<(typeof FAMILIES)[number], string[]>>;

const HADDAD_ALL_TASKS = ['task-yasmin-therapist', 'task-yasmin-alarm', 'task-omar-homework', 'task-amal-routine', 'task-mikko-visits', 'task-amal-bills', 'task-sanna-arrangement'];
const HADDAD_TEAM_VOICE = ['v-yasmin-view', 'v-amal-view', 'v-amal-feedback'];
// Meetings are family-level basic data (README); Jari is blocked for Eveliina, who takes part in the plan meeting (M6).
const HADDAD_MEETINGS = ['meet-haddad-plan', 'meet-haddad-weekly'];
const LAHTINEN_MEETINGS = ['meet-lahtinen-plan', 'meet-lahtinen-jari'];
const MAKELA_MEETINGS = ['meet-makela-review', 'meet-makela-end'];
const LAHTINEN_TEAM_VOICE = ['v-eveliina-view', 'v-jari-view', 'v-sari-view'];
const LAHTINEN_BLOCKS = ['b-jari-eveliina', 'b-jari-eetu'];
const MAKELA_TEAM_VOICE = ['v-aleksi-consult', 'v-tiina-feedback'];
const ALEKSI_SERVICES = ['svc-aleksi-placement', 'unit:svc-aleksi-placement', 'svc-aleksi-consultation', 'svc-aleksi-familywork'];

// Threads (G1-G3): participants only, professionals only while on the team; the thread id and its message ids.
// Yasmin's line to her youth nurse reaches neither her mother nor the coordinator; Jari, blocked for Eveliina,
// no longer reads the thread from before the block that she is in; Mikko, off the Mäkelä team, not Tiina's.
const thread = (id: string, messages: number) => [id, ...Array.from({ length: messages }, (_, i) => `msg-${id.slice(3)}-${i + 1}`)];
const TH_YASMIN = thread('th-yasmin-nurse', 3);
const TH_AMAL = thread('th-amal-anna', 3);
const TH_JARI = thread('th-jari-hanna', 2);
const TH_BEFORE_BLOCK = thread('th-lahtinen-before-block', 2);
const TH_SARI = thread('th-sari-maria', 1);
const TH_ALEKSI = thread('th-aleksi-ville', 2);
const TH_TIINA = thread('th-tiina-mikko', 1);

/** Worked out by hand from POLICY.md; `unit:` marks a service shown with its unit (M9). */
const EXPECTED: Record<string, Expected> = {
	amal: { 'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'svc-amal-debt', 'svc-amal-interpreter', 'svc-omar-familywork', 'svc-omar-curator',
		'goal-yasmin-school', 'goal-family-evenings', 'goal-amal-debts', ...HADDAD_ALL_TASKS, 'v-amal-view', 'v-amal-feedback',
		'c-amal-omar-familywork', 'c-amal-self-asw', 'c-amal-family-plan', 'c-amal-yasmin-old', 'c-amal-family-basic-school', ...TH_AMAL] },
	yasmin: { 'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'svc-yasmin-nurse', 'unit:svc-yasmin-nurse', 'svc-yasmin-earlier', 'goal-yasmin-school', 'goal-family-evenings',
		'task-yasmin-therapist', 'task-yasmin-alarm', 'task-mikko-visits', 'v-yasmin-view', 'v-yasmin-diary', 'v-amal-view',
		'c-yasmin-nurse', 'c-yasmin-refuse-asw', 'c-amal-yasmin-old', ...TH_YASMIN] },
	anna: { 'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'svc-yasmin-nurse', 'unit:svc-yasmin-nurse', 'svc-omar-familywork', 'svc-omar-curator', 'svc-amal-debt',
		'svc-amal-interpreter', 'svc-yasmin-earlier', 'goal-yasmin-school', 'goal-family-evenings', 'goal-amal-debts', ...HADDAD_ALL_TASKS,
		'as-yasmin-mental', 'as-amal-care', 'as-family-safety', ...HADDAD_TEAM_VOICE, 'c-amal-omar-familywork', 'c-amal-self-asw',
		'c-amal-family-plan', 'c-yasmin-nurse', 'c-yasmin-refuse-asw', 'c-amal-yasmin-old', 'c-amal-family-basic-school', 'inv-haddad-curator', ...TH_AMAL] },
	mikko: { 'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'svc-omar-familywork', 'svc-omar-curator', 'goal-family-evenings', 'task-omar-homework', 'task-mikko-visits',
		'as-family-safety', ...HADDAD_TEAM_VOICE, 'c-amal-omar-familywork', 'c-amal-family-plan', 'c-amal-yasmin-old'] },
	liisa: { 'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'svc-yasmin-nurse', 'unit:svc-yasmin-nurse', 'svc-yasmin-earlier', 'goal-yasmin-school', 'task-yasmin-therapist',
		'task-yasmin-alarm', 'as-yasmin-mental', ...HADDAD_TEAM_VOICE, 'c-yasmin-nurse', ...TH_YASMIN] },
	sanna: { 'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'svc-amal-debt', 'svc-amal-interpreter', 'goal-amal-debts', 'task-amal-routine', 'task-amal-bills',
		'task-sanna-arrangement', ...HADDAD_TEAM_VOICE, 'c-amal-self-asw', 'c-yasmin-refuse-asw'] },
	pekka: {
		'fam-haddad': ['basic', ...HADDAD_MEETINGS, 'inv-haddad-curator'],
		'fam-lahtinen': ['basic', ...LAHTINEN_MEETINGS, 'svc-eetu-daycare', 'unit:svc-eetu-daycare', ...LAHTINEN_TEAM_VOICE, 'c-sari-eetu-school', 'c-jari-eveliina-shelter', ...LAHTINEN_BLOCKS]
	},
	sari: { 'fam-lahtinen': ['basic', ...LAHTINEN_MEETINGS, 'svc-sari-shelter', 'unit:svc-sari-shelter', 'svc-eveliina-shelter', 'unit:svc-eveliina-shelter', 'svc-eetu-daycare',
		'unit:svc-eetu-daycare', 'goal-lahtinen-safety', 'goal-eveliina-school', 'task-sari-safetyplan', 'task-eveliina-visit', 'task-hanna-court',
		'v-sari-view', 'v-eveliina-view', 'v-jari-view', 'c-sari-eetu-school', 'c-sari-self-shelter', 'c-sari-family-shelter', 'c-eveliina-shelter',
		'c-jari-eveliina-shelter', ...TH_SARI] },
	// M7 (version 2): blocked for his children, Jari no longer reads the family goal "the children and their mother are safe"
	// nor its task, the statement to the court about the custody dispute.
	jari: { 'fam-lahtinen': ['basic', 'meet-lahtinen-jari', 'svc-jari-group', 'v-jari-view', ...TH_JARI] },
	eveliina: { 'fam-lahtinen': ['basic', ...LAHTINEN_MEETINGS, 'svc-eveliina-shelter', 'unit:svc-eveliina-shelter', 'goal-lahtinen-safety', 'goal-eveliina-school',
		'task-eveliina-visit', 'task-hanna-court', 'v-eveliina-view', 'v-jari-view', 'c-eveliina-shelter', 'c-jari-eveliina-shelter', ...TH_BEFORE_BLOCK] },
	hanna: { 'fam-lahtinen': ['basic', ...LAHTINEN_MEETINGS, 'svc-sari-shelter', 'unit:svc-sari-shelter', 'svc-eveliina-shelter', 'unit:svc-eveliina-shelter', 'svc-eetu-daycare',
		'unit:svc-eetu-daycare', 'svc-jari-group', 'goal-lahtinen-safety', 'goal-eveliina-school', 'task-sari-safetyplan', 'task-eveliina-visit',
		'task-hanna-court', 'as-lahtinen-safety', 'as-eveliina-bond', ...LAHTINEN_TEAM_VOICE, 'c-sari-eetu-school', 'c-eveliina-shelter',
		'c-sari-self-shelter', 'c-jari-eveliina-shelter', 'c-sari-family-shelter', ...LAHTINEN_BLOCKS, 'ea-lahtinen-1', ...TH_JARI, ...TH_BEFORE_BLOCK] },
	maria: { 'fam-lahtinen': ['basic', ...LAHTINEN_MEETINGS, 'svc-sari-shelter', 'unit:svc-sari-shelter', 'svc-eveliina-shelter', 'unit:svc-eveliina-shelter',
		'goal-eveliina-school', 'task-sari-safetyplan', 'task-eveliina-visit', 'as-eveliina-bond', ...LAHTINEN_TEAM_VOICE,
		'c-eveliina-shelter', 'c-sari-self-shelter', 'c-sari-family-shelter', ...LAHTINEN_BLOCKS, ...TH_SARI] },
	tiina: { 'fam-makela': ['basic', ...MAKELA_MEETINGS, 'svc-tiina-peer', ...ALEKSI_SERVICES, 'goal-makela-contact', 'task-tiina-visit', 'v-tiina-feedback',
		'c-tiina-self-kotomaki', 'c-tiina-family-consult', ...TH_TIINA] },
	aleksi: { 'fam-makela': ['basic', ...MAKELA_MEETINGS, ...ALEKSI_SERVICES, 'goal-aleksi-substance', 'goal-makela-contact', 'task-aleksi-consult-questions',
		'task-ville-weekly', 'v-aleksi-consult', 'v-tiina-feedback', 'c-aleksi-consult', 'c-aleksi-kotomaki', ...TH_ALEKSI] },
	johanna: { 'fam-makela': ['basic', ...MAKELA_MEETINGS, 'svc-tiina-peer', ...ALEKSI_SERVICES, 'goal-aleksi-substance', 'goal-makela-contact',
		'task-aleksi-consult-questions', 'task-ville-weekly', 'task-tiina-visit', 'as-aleksi-mental', 'as-aleksi-strengths', ...MAKELA_TEAM_VOICE,
		'c-aleksi-consult', 'c-aleksi-kotomaki', 'c-tiina-self-kotomaki', 'c-tiina-family-consult'] },
	ville: { 'fam-makela': ['basic', ...MAKELA_MEETINGS, 'svc-tiina-peer', ...ALEKSI_SERVICES, 'goal-aleksi-substance', 'task-aleksi-consult-questions',
		'task-ville-weekly', 'as-aleksi-mental', 'as-aleksi-strengths', ...MAKELA_TEAM_VOICE, 'c-aleksi-kotomaki', 'c-tiina-self-kotomaki', ...TH_ALEKSI] },
	elina: { 'fam-makela': ['basic', ...MAKELA_MEETINGS, ...ALEKSI_SERVICES, 'goal-aleksi-substance', 'goal-makela-contact', 'task-aleksi-consult-questions',
		'task-ville-weekly', 'as-aleksi-mental', 'as-aleksi-strengths', ...MAKELA_TEAM_VOICE, 'c-aleksi-consult', 'c-tiina-family-consult'] },
	timo: {},
	// A manager sees outcome figures only: no family through the API.
	marja: {},
	admin: {},
	admin2: {}
};

type Json = Record<string, unknown> & { id: string };
/** The ids a family API answer shows, `basic` and `unit:` included. */
function idsOf(body: Record<string, unknown>): string[] {
	const ids: string[] = body.basic ? ['basic'] : [];
	for (const key of ['services', 'goals', 'tasks', 'assessments', 'voice', 'consents', 'blocks', 'invitations', 'emergencyAccesses', 'meetings']) {
		for (const item of body[key] as Json[]) {
			ids.push(item.id);
			if (key === 'services' && 'unit' in item && item.unit) ids.push(`unit:${item.id}`);
		}
	}
	for (const thread of body.threads as (Json & { messages: Json[] })[]) ids.push(thread.id, ...thread.messages.map((message) => message.id));
	return ids.sort();
}

/** Every free text of the demo, keyed by the id whose visibility governs it. */
function demoTexts(): [string, string][] {
	const demo = JSON.parse(readFileSync(new URL('../../src/lib/server/demo/demo-scenario.json', import.meta.url), 'utf8'));
	const texts: [string, string][] = [];
	for (const f of demo.families) {
		for (const s of f.services) {
			texts.push([s.id, s.name]);
			if (s.unit) texts.push([`unit:${s.id}`, s.unit]);
		}
		for (const x of [...f.goals, ...f.tasks, ...f.assessments, ...f.voice, ...f.invitations]) texts.push([x.id, x.text]);
		for (const v of f.voice) for (const answer of Object.values(v.answers ?? {}) as string[]) texts.push([v.id, answer]);
		for (const m of f.meetings ?? []) if (m.title) texts.push([m.id, m.title]);
		for (const b of f.blocks) if (b.note) texts.push([b.id, b.note]);
		for (const e of f.emergencyAccess) texts.push([e.id, e.reason]);
		// A withdrawn message's text is seen by nobody (its id is never visible under this key).
		for (const t of f.threads ?? []) for (const msg of t.messages) texts.push([msg.withdrawn ? `withdrawn:${msg.id}` : msg.id, msg.text]);
	}
	return texts.filter(([, text]) => text !== '');
}

let server: RunningServer;
beforeAll(async () => { server = await startServer({ scenario: demoScenarioText() }); });
afterAll(async () => { await server?.stop(); });

const get = (path: string, cookie?: string) => fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

describe('HTTP contract', () => {
	it.each(['/api/v1/families', '/api/v1/families/fam-haddad', '/api/v1/families/fam-haddad/access-log', '/api/v1/families/bad.id', '/api/v1/families/bad.id/access-log'])('%s answers 401 without a session', async (path) => {
		expect((await get(path)).status).toBe(401);
	});

	it('POST /login: 303 and a session cookie on success; the same neutral answer for a wrong user and a wrong password', async () => {
		const ok = await login(server.url, 'amal', DEMO_PASSWORD);
		expect(ok.status).toBe(303);
		expect(ok.location).toBe('/family');
		expect(ok.cookie).toMatch(/^session=[a-z2-7]{32}$/);
		const wrongPassword = await login(server.url, 'anna', 'not the password');
		const wrongUser = await login(server.url, 'nobody-here', 'not the password');
		expect(wrongPassword.cookie).toBeNull();
		expect(wrongUser.cookie).toBeNull();
		expect(wrongPassword.status).toBe(wrongUser.status);
	});

	it('GET /login serves the sign-in page whatever Accept says', async () => {
		const response = await get('/login');
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('name="username"');
	});

	it('the answers carry the field names FORMAT.md gives them', async () => {
		const { cookie } = await login(server.url, 'amal', DEMO_PASSWORD);
		const list = await (await get('/api/v1/families', cookie!)).json();
		expect(list.families.length).toBeGreaterThan(0);
		for (const family of list.families) expect(Object.keys(family).sort()).toEqual(['id', 'name']);
		const family = await (await get(`/api/v1/families/${list.families[0].id}`, cookie!)).json();
		expect(family.threads.length).toBeGreaterThan(0);
		for (const thread of family.threads) {
			expect(thread).toEqual(expect.objectContaining({ id: expect.any(String), participants: expect.any(Array), why: expect.anything(), messages: expect.any(Array) }));
			expect(thread.messages.length).toBeGreaterThan(0);
			for (const message of thread.messages) {
				expect(message).toEqual(expect.objectContaining({ id: expect.any(String), author: expect.any(String), sent: expect.any(String), withdrawn: expect.any(Boolean) }));
				expect(Number.isNaN(Date.parse(message.sent))).toBe(false);
				expect('text' in message).toBe(!message.withdrawn);
			}
		}
		const log = await (await get(`/api/v1/families/${list.families[0].id}/access-log`, cookie!)).json();
		expect(Object.keys(log)).toEqual(['entries']);
	});

	it('a malformed or unknown family id is 404, as is a family of which the caller may see nothing', async () => {
		const { cookie } = await login(server.url, 'anna', DEMO_PASSWORD);
		for (const malformed of ['/api/v1/families/no%20such', '/api/v1/families/bad.id/access-log']) {
			const response = await get(malformed, cookie!);
			expect(response.status).toBe(404);
			expect(await response.json()).toEqual({ message: 'Not found' });
		}
		expect((await get('/api/v1/families/fam-nowhere', cookie!)).status).toBe(404);
		expect((await get('/api/v1/families/fam-lahtinen', cookie!)).status).toBe(404);
		expect((await get('/api/v1/families/fam-lahtinen/access-log', cookie!)).status).toBe(404);
	});
});

describe.each(Object.entries(EXPECTED))('persona %s', (username, expected) => {
	let cookie: string;
	beforeAll(async () => {
		const result = await login(server.url, username, DEMO_PASSWORD);
		expect(result.status).toBe(303);
		cookie = result.cookie!;
	});

	it('lists exactly the families with anything to see', async () => {
		const body = await (await get('/api/v1/families', cookie)).json();
		expect(body.families.map((f: { id: string }) => f.id).sort()).toEqual(Object.keys(expected).sort());
	});

	it.each(FAMILIES)('sees exactly the allowed items of %s', async (familyId) => {
		const response = await get(`/api/v1/families/${familyId}`, cookie);
		const want = expected[familyId];
		if (!want) {
			expect(response.status).toBe(404);
			return;
		}
		expect(response.status).toBe(200);
		expect(idsOf(await response.json())).toEqual([...want].sort());
	});

	it('no hidden text in any page or answer it can reach', async () => {
		const visible = new Set(Object.values(expected).flat());
		const familyIds = Object.keys(expected);
		const home = await get('/', cookie);
		const homePath = home.headers.get('location') ?? '/';
		const paths = [homePath, ...familyIds.map((id) => `/api/v1/families/${id}`), ...familyIds.map((id) => `/api/v1/families/${id}/access-log`)];
		if (homePath === '/pro') paths.push(...familyIds.map((id) => `/pro/families/${id}`), ...familyIds.map((id) => `/pro/families/${id}/messages`));
		// Every page of the family's navigation reads the same view: none may show more.
		if (homePath === '/family') paths.push(...FAMILY_PAGES);
		let everything = '';
		for (const path of paths) {
			const response = await get(path, cookie);
			expect(response.status, path).toBe(200);
			// As a reader sees it: no-break spaces and hyphens as plain ones, direction isolates
			// (phone numbers in right-to-left text) dropped, so a number shown is still found.
			everything += (await response.text()).replaceAll('\u00a0', ' ').replaceAll('&nbsp;', ' ').replaceAll('\u2011', '-').replace(/[\u2066-\u2069]/g, '');
		}
		const texts = demoTexts();
		// A text that a visible item carries too (a shelter shared by mother and child) is no leak.
		const visibleTexts = new Set(texts.filter(([id]) => visible.has(id)).map(([, text]) => text));
		const leaks = texts.filter(([id, text]) => !visible.has(id) && !visibleTexts.has(text) && everything.includes(text)).map(([id]) => id);
		expect(leaks).toEqual([]);
	});
});
