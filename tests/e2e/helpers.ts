import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { addDays } from '../../src/lib/server/time';
import { testToday } from '../support/run-clock';
import { DEMO_PASSWORD, demoCodeFor, startServer, type RunningServer } from '../support/server';

export { DEMO_PASSWORD };

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
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, options: { keepLanguage?: boolean } = {}) {
	await page.goto('/login');
	const wanted = await page.locator('html').getAttribute('lang');
	await page.getByLabel(/Käyttäjätunnus|Username|Användarnamn/).fill(username);
	await page.getByLabel(/Salasana|Password|Lösenord/).fill(password);
	const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
	await page.getByRole('button', { name: /^(Kirjaudu|Sign in|Logga in)$/ }).click();
	const response = await answer;
	if (response.status() !== 303) return; // refused: the page shows why
	await page.waitForURL((url) => url.pathname !== '/login');
	// A demo professional or administrator passes the second factor with the demo key's code (#17).
	const code = demoCodeFor(username);
	if (code && new URL(page.url()).pathname === '/second-factor') {
		await page.locator('#factor-code').fill(code);
		await page.locator('form[action="?/totp"] button[type=submit]').click();
		await page.waitForURL((url) => url.pathname !== '/second-factor');
	}
	if (options.keepLanguage) return;
	const chosen = await page.locator('html').getAttribute('lang');
	if (!wanted || chosen === wanted) return;
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: wanted, url: page.url() }]);
	await page.reload();
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
