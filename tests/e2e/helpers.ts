import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Cookie, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { decodeTotpSecret } from '../../src/lib/server/second-factor/totp';
import { addDays } from '../../src/lib/server/time';
import { testToday } from '../support/run-clock';
import { DEMO_PASSWORD, demoFactorKey, registerServer, startServer, withServerCode, type RunningServer } from '../support/server';

export { DEMO_PASSWORD };

// The run's server was started by global setup, in another process: the codes this worker
// types are chosen from the steps its database has recorded (a code signs in once).
if (process.env.E2E_BASE_URL && process.env.E2E_DATABASE_PATH) registerServer(process.env.E2E_BASE_URL, process.env.E2E_DATABASE_PATH);

/**
 * `test` with a server of the worker's own, on a fresh copy of the demo, as `baseURL`
 * (`ownServer` gives its database path): for tests that change the demo's data or
 * measure it as loaded, so that other tests' reads and writes do not meet theirs.
 */
export const testWithOwnServer = test.extend<object, { ownServer: RunningServer }>({
	ownServer: [async ({}, use) => {
		const server = await startServer();
		await use(server);
		await server.stop();
	}, { scope: 'worker', timeout: 60_000 }],
	baseURL: async ({ ownServer }, use) => use(ownServer.url)
});

/** WCAG 2.1 A/AA checks on the page as it is now: serious or critical findings fail the test. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/**
 * Signs in through the form. The portal then speaks the member's recorded language (Amal:
 * Arabic); the stories are written in the language the sign-in page was in (the browser's,
 * or one the test chose there), so by default that language is set back for this browser
 * only (the account remembers nothing). `keepLanguage` leaves the portal's choice, for the
 * tests of that choice.
 *
 * A demo professional or administrator passes the second factor with a code of the demo
 * key that the account has not used (each code signs in once: tests/support/totp-steps.ts).
 * So that a run does not wait for new codes, this worker signs each of them in once per
 * server and later gives a new page that session's cookie, the way a browser keeps its
 * session; when the session has ended meanwhile (signed out, expired) it signs in again.
 * `fresh` always signs in through the form: for tests of signing in and of sessions.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, options: { keepLanguage?: boolean; fresh?: boolean } = {}) {
	await page.goto('/login');
	const wanted = await page.locator('html').getAttribute('lang');
	const origin = new URL(page.url()).origin;
	const key = demoFactorKey(username);
	const reusable = !!key && password === DEMO_PASSWORD && !options.fresh && !options.keepLanguage;
	if (!(reusable && (await resumeSession(page, origin, username)))) {
		await page.getByLabel(/Käyttäjätunnus|Username|Användarnamn/).fill(username);
		await page.getByLabel(/Salasana|Password|Lösenord/).fill(password);
		const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
		await page.getByRole('button', { name: /^(Kirjaudu|Sign in|Logga in)$/ }).click();
		const response = await answer;
		if (response.status() !== 303) return; // refused: the page shows why
		await page.waitForURL((url) => url.pathname !== '/login');
		if (key && new URL(page.url()).pathname === '/second-factor') {
			await withServerCode(origin, username, key, async (code) => {
				await page.locator('#factor-code').fill(code);
				await page.locator('form[action="?/totp"] button[type=submit]').click();
				await page.waitForURL((url) => url.pathname !== '/second-factor');
			});
			if (reusable) await rememberSession(page, origin, username);
		}
	}
	if (options.keepLanguage) return;
	const chosen = await page.locator('html').getAttribute('lang');
	if (!wanted || chosen === wanted) return;
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: wanted, url: page.url() }]);
	await page.reload();
}

/** Session cookies of the demo's professionals and administrators that this worker signed in, by server and username. */
const sessions = new Map<string, Cookie>();

async function rememberSession(page: Page, origin: string, username: string) {
	const cookie = (await page.context().cookies(origin)).find((c) => c.name === 'session');
	if (cookie) sessions.set(`${origin} ${username}`, cookie);
}

/** Opens the home with the session this worker signed in before; false (back on the sign-in page) when there is none or it has ended. */
async function resumeSession(page: Page, origin: string, username: string): Promise<boolean> {
	const cookie = sessions.get(`${origin} ${username}`);
	if (!cookie) return false;
	await page.context().addCookies([cookie]);
	await page.goto('/');
	if (new URL(page.url()).pathname !== '/login') return true;
	sessions.delete(`${origin} ${username}`);
	return false;
}

/**
 * Runs `use` with a code of `secret` (base32) that `username` has not used on the server
 * `page` is on, for the tests that type a code themselves.
 */
export function withUnusedCodeOnPage<T>(page: Page, username: string, secret: string, use: (code: string) => Promise<T>): Promise<T> {
	return withServerCode(new URL(page.url()).origin, username, decodeTotpSecret(secret)!, use);
}

/**
 * Tests that change a family get a family of their own (a parent, a child of ten, Johanna
 * as coordinator), written
 * into the running server's database (the record cache follows the triggers), so that
 * the demo families other tests read stay as they are.
 * `young`: also a mature young person of 15 (custody with the parent) with a goal and two
 * tasks of her own, and a task of the parent's; `accounts`: the parent and the young person
 * sign in as `<id>-parent` and `<id>-young` with the demo password; `teamMember`: a
 * professional (e.g. 'pro-ville') on the family's team beside the coordinator.
 */
export function seedFamily(id: string, options: { young?: boolean; accounts?: boolean; teamMember?: string } = {}) {
	const db = new Database(process.env.E2E_DATABASE_PATH!);
	const today = testToday();
	db.transaction(() => {
		db.prepare('INSERT INTO families (id, name, stage, path) VALUES (?, ?, ?, ?)')
			.run(id, `Testiperhe ${id}`, 'working', JSON.stringify([{ stage: 'working', from: addDays(today, -30) }]));
		db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(`${id}-parent`, id, 'Paula', '1985-05-05');
		db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(`${id}-child`, id, 'Kalle', addDays(today, -10 * 366));
		db.prepare('INSERT INTO custody (child_id, custodian_id) VALUES (?, ?)').run(`${id}-child`, `${id}-parent`);
		db.prepare("INSERT INTO team_memberships (family_id, professional_id, role, \"from\") VALUES (?, 'pro-johanna', 'coordinator', ?)").run(id, addDays(today, -60));
		if (options.teamMember) {
			db.prepare("INSERT INTO team_memberships (family_id, professional_id, role, \"from\") VALUES (?, ?, 'member', ?)").run(id, options.teamMember, addDays(today, -30));
		}
		if (options.young) {
			db.prepare('INSERT INTO members (id, family_id, name, birth_date, mature) VALUES (?, ?, ?, ?, 1)').run(`${id}-young`, id, 'Ronja', addDays(today, -15 * 366));
			db.prepare('INSERT INTO custody (child_id, custodian_id) VALUES (?, ?)').run(`${id}-young`, `${id}-parent`);
			db.prepare('INSERT INTO goals (id, family_id, subject_id, text) VALUES (?, ?, ?, ?)').run(`${id}-goal`, id, `${id}-young`, 'Ronja käy koulussa');
			const task = db.prepare('INSERT INTO tasks (id, family_id, goal_id, assignee_member_id, text, due, done) VALUES (?, ?, ?, ?, ?, ?, ?)');
			task.run(`${id}-alarm`, id, `${id}-goal`, `${id}-young`, 'Herätyskello soimaan seitsemältä', addDays(today, -3), 1);
			task.run(`${id}-talk`, id, `${id}-goal`, `${id}-young`, 'Juttele opettajan kanssa', addDays(today, 10), 0);
			task.run(`${id}-parent-task`, id, `${id}-goal`, `${id}-parent`, 'Soita koululle', addDays(today, 5), 0);
		}
		if (options.accounts) {
			// The demo password's hash, taken from a demo account: no argon2 here.
			const { password_hash: hash } = db.prepare("SELECT password_hash FROM accounts WHERE username = 'amal'").get() as { password_hash: string };
			const account = db.prepare("INSERT INTO accounts (id, username, password_hash, kind, member_id) VALUES (?, ?, ?, 'member', ?)");
			for (const member of options.young ? ['parent', 'young'] : ['parent']) account.run(`acc-${id}-${member}`, `${id}-${member}`, hash, `${id}-${member}`);
		}
	})();
	db.close();
}
