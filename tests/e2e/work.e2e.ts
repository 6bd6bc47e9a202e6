import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test("my work: the coordinator's reminders come from the data, signals on top; search by family name", async ({ page, browser }) => {
	// A young person's signal reaches the top of her coordinator's reminders.
	const young = await browser.newPage();
	await signIn(young, 'yasmin');
	const word = `kotimatka ${Date.now()}`;
	await young.locator('section[aria-labelledby="unsafe-heading"]').getByLabel(/Halutessasi yksi sana/).fill(word);
	await young.getByRole('button', { name: 'En tunne oloani turvalliseksi' }).click();
	await expect(young.getByRole('status')).toContainText('Viestisi lähti.');
	await young.close();

	await signIn(page, 'anna');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oma työ');
	const reminders = page.locator('section[aria-labelledby="reminders-heading"]');
	const signal = reminders.getByRole('alert').locator('[data-reminder="safety-signal"]', { hasText: word });
	await expect(signal).toContainText('Yasmin ei tunne oloaan turvalliseksi');
	// Yasmin's earlier school welfare service ended six months before the coming week.
	await expect(reminders.locator('[data-reminder="follow-up-service"]')).toContainText('6 kk seuranta: Koulun oppilashuolto (Yasmin)');
	await expectAccessible(page);

	await page.getByLabel('Hae perheen nimellä').fill('hadd');
	await page.getByRole('button', { name: 'Hae' }).click();
	await expect(page).toHaveURL(/\?q=hadd/);
	await expect(page.locator('section[aria-labelledby="families-heading"] tbody tr')).toHaveCount(1);
	await page.getByLabel('Hae perheen nimellä').fill('ei tällaista');
	await page.getByRole('button', { name: 'Hae' }).click();
	await expect(page.getByText('Hakuasi vastaavia perheitä ei löytynyt.')).toBeVisible();
	await expectAccessible(page);
});

test('an emergency access waits for the coordinator\'s review, then leaves her reminders (English)', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('Kieli').selectOption('en');
	await page.getByRole('button', { name: 'Vaihda' }).click();
	await signIn(page, 'hanna');
	const review = page.locator('[data-reminder="emergency-review"]', { hasText: 'Timo' });
	await expect(review).toContainText('Review the emergency access by Timo');
	await review.getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lahtisen perhe');
	const access = page.locator('[data-item="ea-lahtinen-1"]');
	await expect(access.getByText('awaiting review')).toBeVisible();
	await expectAccessible(page);
	await access.getByRole('button', { name: 'Mark as reviewed' }).click();
	await expect(page.locator('[data-item="ea-lahtinen-1"]').getByText(/^reviewed /)).toBeVisible();
	await page.goto('/pro');
	await expect(page.locator('[data-reminder="emergency-review"]', { hasText: 'Timo' })).toHaveCount(0);
});

test('an invited professional is reminded to answer the mapping invitation', async ({ page }) => {
	await signIn(page, 'pekka');
	await expect(page.locator('[data-reminder="invitation"][data-family="fam-haddad"]')).toContainText('Vastaa kartoituskutsuun: Anna Virtanen');
	await expectAccessible(page);
});
