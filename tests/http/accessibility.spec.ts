/**
 * The accessibility statement and its feedback channel (Act 306/2019, rule F1) against
 * the built server with the demo data: anyone reads the statement, with the supervising
 * authority's contact; a browser without JavaScript sends feedback anonymously with a
 * plain form post; administrators see it on /admin with the days left of the 14 on the
 * run's clock; professionals and families never see it.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../support/run-clock';
import { DEMO_PASSWORD, demoScenarioText, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer({ scenario: demoScenarioText() }); });
afterAll(async () => { await server?.stop(); });

const get = (path: string, cookie = '', headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, { headers: { cookie, accept: 'text/html', ...headers }, redirect: 'manual' });
/** A plain form post as a browser without JavaScript sends it. */
const post = (path: string, fields: Record<string, string>, cookie = '') => fetch(`${server.url}${path}`, {
	method: 'POST', redirect: 'manual',
	headers: { cookie, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
	body: new URLSearchParams(fields)
});
function database<T>(use: (db: Database.Database) => T): T {
	const db = new Database(server.databasePath);
	try { return use(db); } finally { db.close(); }
}
const feedbackRows = () => database((db) => db.prepare('SELECT * FROM accessibility_feedback ORDER BY created').all() as { id: string; message: string; account_id: string | null; contact: string | null; page: string | null; answered_at: string | null }[]);
const feedbackCount = () => feedbackRows().length;
const DAY_MS = 86_400_000;

describe('the statement', () => {
	it('is public: an anonymous reader gets it with the supervising authority\'s contact', async () => {
		const response = await get('/accessibility');
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Saavutettavuusseloste');
		expect(html).toContain('Liikenne- ja viestintävirasto Traficom');
		expect(html).toContain('Saavutettavuusvalvonta');
		expect(html).toContain('href="mailto:saavutettavuus@traficom.fi"');
		expect(html).toContain('029\u00a0534\u00a05000'); // no line break inside the number
		expect(html).toContain('href="https://www.saavutettavuusvaatimukset.fi"');
		expect(html).toContain('WCAG 2.1');
	});

	it.each([['sv', 'Transport- och kommunikationsverket Traficom', 'Tillgänglighetsutlåtande'], ['en', 'Finnish Transport and Communications Agency Traficom', 'Accessibility statement']])(
		'is in %s too', async (language, authority, title) => {
			const html = await (await get('/accessibility', '', { 'accept-language': language })).text();
			expect(html).toContain(authority);
			expect(html).toContain(`<h1>${title}</h1>`);
			expect(html).toContain(`lang="${language}"`);
		});

	it('every page\'s footer links to it, naming the page the reader is on', async () => {
		const html = await (await get('/login')).text();
		expect(html).toMatch(/<footer[^>]*>[\s\S]*href="\/accessibility\?page=%2Flogin"[\s\S]*<\/footer>/);
		const amal = (await login(server.url, 'amal', DEMO_PASSWORD)).cookie!;
		expect(await (await get('/family', amal)).text()).toContain('href="/accessibility?page=%2Ffamily"');
	});

	it('prefills the page from ?page= only when it is a path of this site', async () => {
		expect(await (await get('/accessibility?page=%2Ffamily%2Ftasks')).text()).toContain('value="/family/tasks"');
		// The form's page field only: the header's language links carry the whole address back (encoded, checked on the way).
		const pageField = (html: string) => /<input[^>]*name="page"[^>]*>/.exec(html)?.[0] ?? '';
		const foreign = await (await get('/accessibility?page=https%3A%2F%2Fevil.example%2Fx')).text();
		expect(pageField(foreign)).not.toContain('evil.example');
		expect(pageField(await (await get('/accessibility?page=%2F%2Fevil.example')).text())).not.toContain('evil.example');
		expect(pageField(await (await get('/accessibility?page=%2Ffamily%2Ftasks')).text())).toContain('value="/family/tasks"');
	});

	it('a person who must change their password still reaches it (and nothing else)', async () => {
		database((db) => db.prepare("UPDATE accounts SET must_change_password = 1 WHERE username = 'pekka'").run());
		const pekka = (await login(server.url, 'pekka', DEMO_PASSWORD)).cookie!;
		expect((await get('/accessibility', pekka)).status).toBe(200);
		const elsewhere = await get('/pro', pekka);
		expect(elsewhere.status).toBe(303);
		expect(elsewhere.headers.get('location')).toBe('/account/password');
	});
});

describe('sending feedback without JavaScript', () => {
	it('an anonymous form post stores the message and shows a thank-you', async () => {
		const before = feedbackCount();
		const response = await post('/accessibility?/feedback', { message: 'Kuvan tekstit ovat liian pieniä', contact: 'lukija@example.fi', page: '/login' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/accessibility?done=feedback');
		const rows = feedbackRows();
		expect(rows).toHaveLength(before + 1);
		expect(rows.at(-1)).toMatchObject({ message: 'Kuvan tekstit ovat liian pieniä', contact: 'lukija@example.fi', page: '/login', account_id: null });
		const thanks = await (await get(response.headers.get('location')!)).text();
		expect(thanks).toContain('data-feedback-thanks');
		expect(thanks).toContain('Kiitos palautteesta!');
	});

	it('a signed-in sender\'s account id is recorded', async () => {
		const amal = (await login(server.url, 'amal', DEMO_PASSWORD)).cookie!;
		const response = await post('/accessibility?/feedback', { message: 'Amal: the page is hard with a screen reader' }, amal);
		expect(response.status).toBe(303);
		const accountId = database((db) => db.prepare("SELECT id FROM accounts WHERE username = 'amal'").pluck().get());
		expect(feedbackRows().at(-1)).toMatchObject({ account_id: accountId, contact: null, page: null });
	});

	it('bad input is refused with the reason beside the field, the values kept, and nothing stored', async () => {
		const before = feedbackCount();
		const response = await post('/accessibility?/feedback', { message: 'Hyvä viesti', contact: 'not a contact', page: '/login' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('id="feedback-contact-error"');
		expect(html).toContain('Hyvä viesti');
		const empty = await post('/accessibility?/feedback', { message: '', page: 'https://evil.example' });
		expect(empty.status).toBe(400);
		expect(feedbackCount()).toBe(before);
	});
});

describe('the administrators\' list on /admin', () => {
	let admin: string;
	beforeAll(async () => { admin = (await login(server.url, 'admin', DEMO_PASSWORD)).cookie!; });

	it('shows the days left of the 14 on the run\'s clock, the overdue ones first and marked', async () => {
		const now = testNow().getTime();
		database((db) => {
			const insert = db.prepare('INSERT INTO accessibility_feedback (id, created, message) VALUES (?, ?, ?)');
			insert.run('afb-ten-days', new Date(now - 10 * DAY_MS).toISOString(), 'Ten days old message');
			insert.run('afb-sixteen-days', new Date(now - 16 * DAY_MS).toISOString(), 'Sixteen days old message');
		});
		const html = await (await get('/admin', admin)).text();
		expect(html).toContain('data-accessibility-feedback');
		expect(html).toMatch(/data-feedback="afb-ten-days" data-days-left="4"/);
		expect(html).toMatch(/data-feedback="afb-sixteen-days" data-days-left="-2"/);
		expect(html).toContain('Myöhässä. Päiviä yli määräajan: 2.');
		expect(html).toContain('Päiviä jäljellä: 4.');
		expect(html).toContain('Päiviä jäljellä: 14.'); // the message sent in this run
		expect(html.indexOf('afb-sixteen-days')).toBeLessThan(html.indexOf('afb-ten-days'));
		expect(html).toContain('Kuvan tekstit ovat liian pieniä');
	});

	it('"answered" is recorded and logged, and the countdown stops', async () => {
		const response = await post('/admin?/answerAccessibilityFeedback', { feedback: 'afb-sixteen-days' }, admin);
		expect(response.status).toBe(303);
		expect(feedbackRows().find((row) => row.id === 'afb-sixteen-days')!.answered_at).not.toBeNull();
		const logged = database((db) => db.prepare("SELECT count(*) FROM administration_log WHERE action = 'answer-feedback' AND account_id = 'afb-sixteen-days'").pluck().get());
		expect(logged).toBe(1);
		const html = await (await get('/admin', admin)).text();
		expect(html).not.toMatch(/data-feedback="afb-sixteen-days" data-days-left/);
		expect(html).toContain('Merkitsi saavutettavuuspalautteen vastatuksi');
	});

	it('a professional gets no list: /admin is 404, posting "answered" is 404, and no message reaches her', async () => {
		const anna = (await login(server.url, 'anna', DEMO_PASSWORD)).cookie!;
		expect((await get('/admin', anna)).status).toBe(404);
		const answered = await post('/admin?/answerAccessibilityFeedback', { feedback: 'afb-ten-days' }, anna);
		expect(answered.status).toBe(404);
		expect(feedbackRows().find((row) => row.id === 'afb-ten-days')!.answered_at).toBeNull();
		for (const path of ['/pro', '/accessibility']) {
			const html = await (await get(path, anna)).text();
			expect(html, path).not.toContain('Ten days old message');
			expect(html, path).not.toContain('data-accessibility-feedback');
		}
	});

	it('a family member gets no list either', async () => {
		const amal = (await login(server.url, 'amal', DEMO_PASSWORD)).cookie!;
		expect((await get('/admin', amal)).status).toBe(404);
		for (const path of ['/family', '/accessibility']) expect(await (await get(path, amal)).text(), path).not.toContain('Ten days old message');
	});
});

describe('the rate limit', () => {
	it('a client that floods the form is refused with 429, and nothing more is stored', async () => {
		let status = 0;
		for (let i = 0; i < 10 && status !== 429; i++) status = (await post('/accessibility?/feedback', { message: `flood ${i}` })).status;
		expect(status).toBe(429);
		const before = feedbackCount();
		const refused = await post('/accessibility?/feedback', { message: 'still flooding' });
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('Olet lähettänyt monta palautetta lyhyessä ajassa.');
		expect(feedbackCount()).toBe(before);
	});
});
