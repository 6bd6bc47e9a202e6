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

/** No sideways scrolling of the page on a 390 px phone. */
async function expectNoHorizontalScroll(page: import('@playwright/test').Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test.describe("the coordinator's today on a phone (390×844)", () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test("Anna's today shows the Haddads' meeting of the week with its interpreter need; the families fit the phone", async ({ page }) => {
		await signIn(page, 'anna');
		await expect(page.getByRole('heading', { level: 2, name: /^Tänään, / })).toBeVisible();
		const meeting = page.locator('[data-reminder="meeting"][data-family="fam-haddad"]', { hasText: 'Perhetyön tapaaminen' });
		await expect(meeting).toContainText('15.00');
		await expect(meeting).toContainText('Tulevat: Amal, Yasmin, Omar, Anna Virtanen, Mikko Korhonen');
		await expect(meeting).toContainText('Tulkki tarvitaan: Amal (arabia)');
		await expect(page.getByText('Näkemykset ja palautteet, jotka perheenjäsenet ovat jakaneet tiimille viimeisen 14 päivän aikana.')).toBeVisible();
		await expect(page.locator('section[aria-labelledby="families-heading"] tbody tr')).not.toHaveCount(0);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);

		// The meeting links to the meetings on the family summary.
		await meeting.getByRole('link', { name: 'Haddadin perhe' }).click();
		await expect(page).toHaveURL(/\/pro\/families\/fam-haddad#pro-meetings-heading$/);
		await expect(page.locator('#pro-meetings-heading')).toBeVisible();
	});

	test('a signal marked handled leaves the coordinator\'s list and shows as handled on the young person\'s home', async ({ page, browser }) => {
		test.slow(); // two sign-ins each way and four axe scans on a busy machine
		const family = `fam-e2e-sig${Date.now()}`;
		seedFamily(family, { young: true, accounts: true });
		const youngUsername = `${family}-young`;
		const word = `bussipysäkki ${Date.now()}`;

		const youngContext = await browser.newContext({ locale: 'fi-FI', viewport: { width: 390, height: 844 } });
		const young = await youngContext.newPage();
		await signIn(young, youngUsername);
		await young.locator('section[aria-labelledby="unsafe-heading"]').getByLabel(/Halutessasi yksi sana/).fill(word);
		await young.getByRole('button', { name: 'En tunne oloani turvalliseksi' }).click();
		await expect(young.getByRole('status')).toContainText('Viestisi lähti.');
		const mine = young.locator('details.my-signals');
		await mine.getByText('Lähettämäsi viestit (1)').click();
		// The word is not kept on a screen others may glance at, only that a message was sent and when.
		await expect(young.getByText(word)).toHaveCount(0);
		await expect(mine.locator('[data-my-signal]')).toContainText(/Lähetit viestin \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}/);
		await expect(mine.locator('[data-my-signal]')).toContainText('Ei vielä merkitty hoidetuksi.');
		await expectNoHorizontalScroll(young);
		await expectAccessible(young);

		await signIn(page, 'johanna');
		const signal = page.getByRole('alert').locator(`[data-reminder="safety-signal"][data-family="${family}"]`);
		await expect(signal).toContainText('Ronja ei tunne oloaan turvalliseksi');
		await expect(signal).toContainText(word);
		// The Helsinki date and time it was sent.
		await expect(signal).toContainText(/Lähetetty \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}/);
		await expectNoHorizontalScroll(page);
		await expectAccessible(page);
		await signal.getByRole('button', { name: 'Merkitse hoidetuksi' }).click();
		await expect(page.getByRole('status')).toHaveText('Merkitty hoidetuksi. Lähettäjä näkee sen omalta sivultaan.');
		await expect(page.locator(`[data-reminder="safety-signal"][data-family="${family}"]`)).toHaveCount(0);
		await expectAccessible(page);

		await young.reload();
		await young.locator('details.my-signals').getByText('Lähettämäsi viestit (1)').click();
		const handled = young.locator('details.my-signals [data-my-signal]');
		await expect(handled).toHaveAttribute('data-handled', 'yes');
		await expect(handled).toContainText(/Johanna Lehtonen on nähnyt viestisi ja hoitanut asian \d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}\./);
		await expect(young.getByText(word)).toHaveCount(0);
		await expectAccessible(young);
		await youngContext.close();
	});
});
