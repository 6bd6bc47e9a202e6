import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
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
