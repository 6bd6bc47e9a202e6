/**
 * Issue #14 in Arabic and Persian, right to left, on a phone: a parent and a young person
 * (families of their own) read their home, tick a task, read their privacy page, and
 * reach the accessibility statement and its feedback form; axe on every page.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, seedFamily, signIn } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

const messages = (locale: string) => JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;

/** Chooses the language with the header's link (as a person would), so that it follows the account. */
async function choose(page: Page, locale: string, name: string) {
	await page.getByRole('navigation', { name: /^(Kieli|Språk|Language)$/ }).getByRole('link', { name }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
}

/** No page wider than the phone: right to left must not push anything off the left edge. */
async function expectNoSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

for (const [locale, name, who] of [['ar', 'العربية', 'parent'], ['fa', 'فارسی', 'young']] as const) {
	test(`${locale}: a ${who === 'parent' ? 'parent' : 'young person'} reads, ticks and decides right to left`, async ({ page }) => {
		test.slow(); // seven pages scanned by axe
		const t = messages(locale);
		const family = `fam-e2e-${locale}${Date.now()}`;
		seedFamily(family, { young: true, accounts: true });
		await signIn(page, `${family}-${who}`);
		await choose(page, locale, name);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.family_home_title);
		await expect(page.locator('section[aria-labelledby="now-helps-heading"]')).toContainText('Johanna Lehtonen');
		await expectNoSidewaysScroll(page);
		await expectAccessible(page);

		// One tap on the first open task lands back at it, the answer in this language.
		const task = page.locator('section[aria-labelledby="my-tasks-heading"] [data-my-task]').first();
		await task.getByRole('button', { name: t.task_mark_done }).click();
		await expect(page.getByRole('status')).toContainText(t.action_done_tickTask);
		await expect(page).toHaveURL(/#at-task-/);
		await expectAccessible(page);

		// Privacy: the consent form in this language (and, for the young person, what her guardians see).
		await page.getByRole('navigation', { name: t.nav_label }).getByRole('link', { name: t.nav_privacy }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.nav_privacy);
		await expect(page.getByRole('heading', { name: t.consent_form_heading })).toBeVisible();
		if (who === 'young') await expect(page.getByRole('heading', { name: t.guardians_see_heading })).toBeVisible();
		await expectNoSidewaysScroll(page);
		await expectAccessible(page);

		// The statement from the footer, and (once, for Persian) its feedback form.
		await page.getByRole('contentinfo').getByRole('link', { name: t.a11y_footer_link }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.a11y_title);
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await expectAccessible(page);
		if (locale === 'fa') {
			await page.getByLabel(t.a11y_field_message, { exact: true }).fill(`دکمه‌ها روی گوشی کوچک هستند ${Date.now()}`);
			await page.getByRole('button', { name: t.a11y_send }).click();
			await expect(page.getByRole('status')).toContainText(t.a11y_thanks.split('!')[0]);
			await expectAccessible(page);
		}
	});
}
