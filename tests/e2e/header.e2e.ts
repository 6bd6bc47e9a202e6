import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

/** Issue #13: on a 390×844 phone the header takes at most 15 % of the first screen. */
const PHONE = { width: 390, height: 844 };
const HEADER_MAX_PX = Math.floor(PHONE.height * 0.15);

async function expectSmallHeader(page: Page) {
	const header = (await page.locator('header.site-header').boundingBox())!;
	expect(header.height, `header ${header.height} px`).toBeLessThanOrEqual(HEADER_MAX_PX);
	expect(header.width).toBeLessThanOrEqual(PHONE.width);
	// Every link in it is a touch target of at least 24×24 px (WCAG 2.2, 2.5.8).
	for (const link of await page.locator('header.site-header a').all()) {
		const box = (await link.boundingBox())!;
		expect(box.height, await link.textContent() ?? '').toBeGreaterThanOrEqual(24);
		expect(box.width, await link.textContent() ?? '').toBeGreaterThanOrEqual(24);
	}
}

test.use({ viewport: PHONE, javaScriptEnabled: false });

test('the header is small on a phone in every language, anonymous and signed in', async ({ page }) => {
	// Three sign-ins (argon2) and nine page loads on a shared two-core machine.
	test.slow();
	await page.goto('/login');
	await expectSmallHeader(page);
	await expect(page.getByRole('link', { name: 'Oma tili' })).toHaveCount(0);
	for (const [username, home] of [['amal', /\/family$/], ['anna', /\/pro$/], ['admin', /\/admin$/]] as const) {
		await signIn(page, username);
		await expect(page).toHaveURL(home);
		for (const language of ['English', 'svenska', 'suomi']) {
			await page.getByRole('navigation', { name: /^(Kieli|Språk|Language)$/ }).getByRole('link', { name: language }).click();
			// The language link comes back to the same page, now in that language.
			await expect(page).toHaveURL(home);
			await expect(page.locator('header a[aria-current="true"]')).toHaveText(language);
			await expectSmallHeader(page);
		}
		await page.goto('/account');
		await page.getByRole('button', { name: 'Kirjaudu ulos', exact: true }).click();
		await expect(page).toHaveURL(/\/login$/);
	}
});

test('the account page, without JavaScript: who I am, the password link, signing out', async ({ page }) => {
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login$/);
	await signIn(page, 'yasmin');
	await page.getByRole('link', { name: 'Oma tili' }).click();
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oma tili');
	await expect(page.getByText('Kirjautuneena: Yasmin')).toBeVisible();
	await expect(page.getByText('Perheenjäsenen tili')).toBeVisible();
	await page.getByRole('link', { name: 'Vaihda salasana' }).click();
	await expect(page).toHaveURL(/\/account\/password$/);
	await page.goto('/account');
	await page.getByRole('button', { name: 'Kirjaudu ulos kaikilta laitteilta' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login$/);
});

test.describe('with JavaScript for the accessibility scan', () => {
	test.use({ javaScriptEnabled: true });
	test('the header and the account page are accessible', async ({ page }) => {
		await signIn(page, 'anna');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Oma tili' }).click();
		await expect(page.getByText('Työntekijän tili')).toBeVisible();
		await expectAccessible(page);
	});
});
