import { expect, test } from '@playwright/test';
import { expectAccessible, seedFamily, signIn } from './helpers';

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
	await page.getByRole('link', { name: 'English' }).click();
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

test('an authority opens emergency access with a reason; it is loud for the coordinator; others have no such page', async ({ page, browser }) => {
	const family = `fam-e2e-ea${Date.now()}`;
	seedFamily(family);
	await signIn(page, 'timo');
	await page.getByRole('link', { name: 'Avaa hätäkäyttö perheen tietoihin' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avaa hätäkäyttö');
	await expectAccessible(page);
	await page.getByLabel('Perheen nimi täsmälleen').fill(`Testiperhe ${family}`);
	await page.getByLabel('Syy', { exact: true }).fill('Lyhyt');
	await page.getByRole('button', { name: 'Avaa hätäkäyttö 24 tunniksi' }).click();
	await expect(page.getByText('Kirjoita syy vähintään 20 merkillä.')).toBeVisible();
	await page.getByLabel('Perheen nimi täsmälleen').fill('Ei ole tällaista perhettä');
	await page.getByLabel('Syy', { exact: true }).fill('Lapsi kateissa, ilmoitus hätäkeskukselta klo 21.40');
	await page.getByRole('button', { name: 'Avaa hätäkäyttö 24 tunniksi' }).click();
	await expect(page.getByText('Tämännimistä perhettä ei löytynyt.')).toBeVisible();
	await expect(page.getByLabel('Syy', { exact: true })).toHaveValue('Lapsi kateissa, ilmoitus hätäkeskukselta klo 21.40');
	await expectAccessible(page);

	await page.getByLabel('Perheen nimi täsmälleen').fill(`  testiperhe   ${family} `);
	await page.getByRole('button', { name: 'Avaa hätäkäyttö 24 tunniksi' }).click();
	await expect(page).toHaveURL(new RegExp(`/pro/families/${family}$`));
	await expect(page.getByRole('alert').first()).toBeVisible();
	await expect(page.locator('[data-member]')).toHaveCount(2);

	const coordinator = await browser.newPage();
	await signIn(coordinator, 'johanna');
	await expect(coordinator.locator(`[data-reminder="emergency-review"][data-family="${family}"]`)).toContainText('Timo');
	await coordinator.close();

	const teamMember = await browser.newPage();
	await signIn(teamMember, 'mikko');
	const response = await teamMember.goto('/pro/emergency');
	expect(response?.status()).toBe(404);
	await teamMember.close();
});

test('a tag raises an item to a colleague who may see it; it is in her reminders until she marks it handled', async ({ page, browser }) => {
	const note = `Soitatko Yasminille? ${Date.now()}`;
	await signIn(page, 'anna');
	await page.goto('/pro/families/fam-haddad');
	const team = page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByRole('link', { name: 'Nosta asia kollegalle' }).click();
	await team.getByLabel('Mikä asia').selectOption({ label: 'Palvelu: Nuorisopsykiatrisen sairaanhoitajan tapaamiset (Yasmin)' });
	await team.getByLabel('Kenelle').selectOption({ label: 'Mikko Korhonen (Perhetyö, Itä)' });
	await team.getByRole('button', { name: 'Nosta', exact: true }).click();
	// Mikko may not see Yasmin's nurse visits: the policy refuses.
	await expect(page.getByRole('alert').filter({ hasText: 'Sinulla ei ole oikeutta tähän.' })).toBeVisible();
	// The form stays open with the choices kept.
	await expect(team.getByLabel('Mikä asia')).toHaveValue('service:svc-yasmin-nurse');
	await team.getByLabel('Kenelle').selectOption({ label: 'Liisa Nieminen (Nuorten terveysasema Kallio)' });
	await team.getByLabel('Viesti (vapaaehtoinen)').fill(note);
	await team.getByRole('button', { name: 'Nosta', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Asia nostettiin.');
	await expectAccessible(page);

	const context = await browser.newContext({ locale: 'fi-FI' });
	const liisa = await context.newPage();
	await signIn(liisa, 'liisa');
	const reminder = liisa.locator('[data-reminder="tag"]', { hasText: note });
	await expect(reminder).toContainText('Anna Virtanen nosti asian sinulle');
	await reminder.getByRole('link').click();
	const raised = liisa.locator('[data-tag]', { hasText: note });
	await expect(raised).toContainText('Palvelu: Nuorisopsykiatrisen sairaanhoitajan tapaamiset (Yasmin)');
	await expectAccessible(liisa);
	await raised.getByRole('button', { name: /Merkitse käsitellyksi/ }).click();
	await expect(liisa.getByRole('status')).toHaveText('Tallennettu.');
	await liisa.goto('/pro');
	await expect(liisa.locator('[data-reminder="tag"]', { hasText: note })).toHaveCount(0);
	await context.close();
});
