import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('the statement is one link away from the login page, accessible before and after sending feedback', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Saavutettavuusseloste' }).click();
	await expect(page).toHaveURL(/\/accessibility\?page=%2Flogin$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Saavutettavuusseloste');
	await expect(page.getByRole('heading', { name: 'Valvontaviranomainen' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'saavutettavuus@traficom.fi' })).toHaveAttribute('href', 'mailto:saavutettavuus@traficom.fi');
	await expect(page.getByLabel('Sivu, jota palaute koskee (ei pakollinen)')).toHaveValue('/login');
	await expectAccessible(page);

	const message = `Painikkeet ovat pieniä puhelimella ${Date.now()}`;
	await page.getByLabel('Viestisi').fill(message);
	await page.getByLabel(/Sähköposti tai puhelinnumero/).fill('lukija@example.fi');
	await page.getByRole('button', { name: 'Lähetä palaute' }).click();
	await expect(page).toHaveURL(/\/accessibility\?done=feedback$/);
	await expect(page.getByRole('status')).toContainText('Kiitos palautteesta!');
	await expectAccessible(page);

	// A bad contact: the reason beside the field, what was typed kept, and still accessible.
	await page.getByLabel('Viestisi').fill('Toinen viesti');
	await page.getByLabel(/Sähköposti tai puhelinnumero/).fill('ei yhteystieto');
	await page.getByRole('button', { name: 'Lähetä palaute' }).click();
	await expect(page.getByRole('alert')).toHaveText('Palautetta ei lähetetty. Korjaa merkityt kohdat.');
	await expect(page.getByLabel(/Sähköposti tai puhelinnumero/)).toHaveAccessibleDescription(/Kirjoita sähköpostiosoite/);
	await expect(page.getByLabel('Viestisi')).toHaveValue('Toinen viesti');
	await expectAccessible(page);

	// The administrators see it with its 14 days, and mark it answered.
	await signIn(page, 'admin');
	const item = page.locator('[data-feedback]', { hasText: message });
	await expect(item).toContainText('Päiviä jäljellä: 14.');
	await expectAccessible(page);
	await item.getByRole('button', { name: /^Merkitse vastatuksi/ }).click();
	await expect(page.locator('[data-feedback]', { hasText: message })).toContainText('Vastattu');
});
