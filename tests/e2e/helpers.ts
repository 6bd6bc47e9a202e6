import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { addDays } from '../../src/lib/server/time';
import { testToday } from '../support/run-clock';
import { DEMO_PASSWORD } from '../support/server';

export { DEMO_PASSWORD };

/** WCAG 2.1 A/AA checks on the page as it is now: serious or critical findings fail the test. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel(/Käyttäjätunnus|Username|Användarnamn/).fill(username);
	await page.getByLabel(/Salasana|Password|Lösenord/).fill(password);
	await page.getByRole('button', { name: /^(Kirjaudu|Sign in|Logga in)$/ }).click();
}

/**
 * Tests that change a family get a family of their own (a parent, a child of ten, Johanna
 * as coordinator), written
 * into the running server's database (the record cache follows the triggers), so that
 * the demo families other tests read stay as they are. With `youngPerson`, the family has
 * a young person of 15 too (Paula her custodian) who can sign in with the demo password:
 * her username is returned.
 */
export function seedFamily(id: string, options: { youngPerson?: boolean } = {}): { youngUsername: string | null } {
	const db = new Database(process.env.E2E_DATABASE_PATH!);
	const today = testToday();
	const youngUsername = options.youngPerson ? `nuori-${id}` : null;
	db.transaction(() => {
		db.prepare('INSERT INTO families (id, name, stage, path) VALUES (?, ?, ?, ?)')
			.run(id, `Testiperhe ${id}`, 'working', JSON.stringify([{ stage: 'working', from: addDays(today, -30) }]));
		db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(`${id}-parent`, id, 'Paula', '1985-05-05');
		db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(`${id}-child`, id, 'Kalle', addDays(today, -10 * 366));
		db.prepare('INSERT INTO custody (child_id, custodian_id) VALUES (?, ?)').run(`${id}-child`, `${id}-parent`);
		db.prepare("INSERT INTO team_memberships (family_id, professional_id, role, \"from\") VALUES (?, 'pro-johanna', 'coordinator', ?)").run(id, addDays(today, -60));
		if (youngUsername) {
			const young = `${id}-young`;
			db.prepare('INSERT INTO members (id, family_id, name, birth_date) VALUES (?, ?, ?, ?)').run(young, id, 'Nelli', addDays(today, -(15 * 365 + 100)));
			db.prepare('INSERT INTO custody (child_id, custodian_id) VALUES (?, ?)').run(young, `${id}-parent`);
			// The demo's argon2 hash of the demo password, so that no hashing is needed here.
			const hash = db.prepare("SELECT password_hash FROM accounts WHERE username = 'yasmin'").pluck().get() as string;
			db.prepare("INSERT INTO accounts (id, username, password_hash, kind, member_id) VALUES (?, ?, ?, 'member', ?)").run(`member:${young}`, youngUsername, hash, young);
		}
	})();
	db.close();
	return { youngUsername };
}

