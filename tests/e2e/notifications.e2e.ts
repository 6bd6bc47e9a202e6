/**
 * POLICY.md N3 on the settings page `/account/notifications`, on a phone (390×844): a
 * young person turns her notifications off; a mistake is said beside its field and
 * nothing typed is lost; the form works without JavaScript too. A server of this file's
 * own: the test changes Yasmin's settings.
 */
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import type { RunningServer } from '../support/server';
import { expectAccessible, signIn, testWithOwnServer } from './helpers';


test.use({ viewport: { width: 390, height: 844 } });

function storedNotify(server: RunningServer, memberId: string): unknown {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		const row = db.prepare('SELECT notify FROM members WHERE id = ?').get(memberId) as { notify: string | null };
		return row.notify === null ? null : JSON.parse(row.notify);
	} finally {
		db.close();
	}
}

testWithOwnServer('a young person turns notifications off on the settings page', async ({ page, ownServer }) => {
	await signIn(page, 'yasmin');
	await page.goto('/account');
	await page.getByRole('link', { name: 'Ilmoitukset sähköpostiin ja tekstiviestinä' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Ilmoitukset' })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Tekstiviestinä', exact: true })).toBeChecked();
	await expect(page.getByLabel('Alkaa (esim. 21:00)')).toHaveValue('22:00');
	await expectAccessible(page);

	// A mistake: text messages without a number. Said beside the field; the quiet hours typed stay.
	await page.getByLabel('Puhelinnumero').fill('');
	await page.getByLabel('Päättyy (esim. 08:00)').fill('06:30');
	await page.getByRole('button', { name: 'Tallenna' }).click();
	await expect(page.getByText('Kirjoita puhelinnumero tai valitse toinen tapa.')).toBeVisible();
	await expect(page.getByLabel('Päättyy (esim. 08:00)')).toHaveValue('06:30');
	await expect(page.getByLabel('Puhelinnumero')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	expect(storedNotify(ownServer, 'yasmin')).toEqual({ channels: ['sms'], quiet: { from: '22:00', until: '07:00' } });

	await page.getByRole('radio', { name: 'En halua ilmoituksia' }).check();
	await page.getByRole('button', { name: 'Tallenna' }).click();
	await expect(page.getByText('Asetukset on tallennettu.')).toBeVisible();
	await expect(page.getByRole('radio', { name: 'En halua ilmoituksia' })).toBeChecked();
	expect(storedNotify(ownServer, 'yasmin')).toEqual({ channels: [], quiet: { from: '22:00', until: '06:30' } });
	await expectAccessible(page);
});

testWithOwnServer.describe('without JavaScript', () => {
	testWithOwnServer.use({ javaScriptEnabled: false });

	testWithOwnServer('the coordinator sees that safety signals always reach her, and saves her choice', async ({ page, ownServer }) => {
		await signIn(page, 'anna');
		await page.goto('/account/notifications');
		await expect(page.getByText('Turvallisuusviestit ja kiireelliset pääsyt tulevat sinulle aina')).toBeVisible();
		await page.getByRole('radio', { name: 'Sähköpostiin', exact: true }).check();
		await page.getByRole('button', { name: 'Tallenna' }).click();
		await expect(page.getByText('Asetukset on tallennettu.')).toBeVisible();
		const db = new Database(ownServer.databasePath, { readonly: true });
		const row = db.prepare("SELECT notify FROM professionals WHERE id = 'pro-anna'").get() as { notify: string };
		db.close();
		expect(JSON.parse(row.notify)).toEqual({ channels: ['email'], quiet: { from: '21:00', until: '07:30' } });
	});
});
