import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { addDays } from '../../src/lib/server/time';
import { testToday } from '../support/run-clock';
import { expectAccessible, seedFamily, signIn } from './helpers';

test('the coordinator moves the path on, keeps services, goals, tasks and assessment notes', async ({ page }) => {
	const family = `fam-e2e-a${Date.now()}`;
	seedFamily(family);
	await signIn(page, 'johanna');
	await page.goto(`/pro/families/${family}`);
	const tools = page.locator('section[aria-labelledby="tools-heading"]');
	// One tool at a time: its link draws its form.
	await tools.getByRole('link', { name: 'Siirrä palvelupolkua' }).click();
	await expect(page).toHaveURL(/\?tool=path/);
	await expectAccessible(page);
	await tools.getByLabel('Vaihe').selectOption('review');
	await tools.getByRole('button', { name: 'Tallenna vaihe' }).click();
	await expect(page.getByRole('status')).toHaveText('Tallennettu.');
	await expect(page.locator('[data-path-line]')).toContainText('Missä mennään nyt: Arviointi');

	await tools.getByText('Palvelut', { exact: true }).click();
	await tools.getByLabel('Kenen palvelu').selectOption({ label: 'Kalle' });
	await tools.getByLabel('Palvelun nimi').fill('Koulupsykologi');
	await tools.getByLabel('Järjestäjä').selectOption({ label: 'Vuosaaren peruskoulu' });
	await tools.getByRole('button', { name: 'Lisää palvelu' }).click();
	await expect(page.getByRole('status')).toHaveText('Tallennettu.');
	const service = page.locator('section[aria-labelledby="services-heading"] li', { hasText: 'Koulupsykologi' });
	await expect(service).toContainText('käynnissä');
	await tools.getByText('Palvelut', { exact: true }).click();
	await page.getByRole('button', { name: 'Päätä palvelu Koulupsykologi (Kalle)' }).click();
	await expect(page.locator('section[aria-labelledby="services-heading"] li', { hasText: 'Koulupsykologi' })).toContainText('päättynyt');

	// A note without text: a clear error, nothing saved, the choices kept.
	const team = page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByText('Kirjaa arvio').click();
	await team.getByLabel('Ketä arvio koskee').selectOption({ label: 'Kalle' });
	await team.getByRole('button', { name: 'Tallenna arvio' }).click();
	await expect(page.getByRole('alert')).toHaveText('Tarkista merkityt kentät. Mitään ei tallennettu.');
	await expect(page.locator('#addAssessment-text-error')).toHaveText('Tämä kenttä on pakollinen.');
	await expect(page.locator('section[aria-labelledby="team-tools-heading"]').getByLabel('Ketä arvio koskee')).toHaveValue(`${family}-child`);
	await expectAccessible(page);
	const note = `Kalle kertoo nukkuvansa huonosti ${Date.now()}`;
	await page.locator('section[aria-labelledby="team-tools-heading"]').getByLabel('Arvio', { exact: true }).fill(note);
	await page.locator('section[aria-labelledby="team-tools-heading"]').getByLabel('Arvioinnin alue').selectOption('mental-health');
	await page.locator('section[aria-labelledby="team-tools-heading"]').getByRole('button', { name: 'Tallenna arvio' }).click();
	const written = page.locator('section[aria-labelledby="assessments-heading"] article', { hasText: note });
	await expect(written).toContainText('Psyykkinen terveys');
	await expect(written).toContainText('Johanna Lehtonen');

	await team.getByText('Tavoitteet ja tehtävät', { exact: true }).click();
	await page.getByLabel('Tavoite', { exact: true }).first().fill('Kallen unirytmi tasaantuu');
	await page.getByRole('button', { name: 'Lisää tavoite' }).click();
	await expect(page.locator('section[aria-labelledby="plan-heading"]')).toContainText('Kallen unirytmi tasaantuu');
	await team.getByText('Tavoitteet ja tehtävät', { exact: true }).click();
	await page.getByLabel('Kuka tekee').selectOption({ label: 'Paula' });
	await page.getByLabel('Tehtävä', { exact: true }).fill('Iltarutiini kirjaksi');
	await page.getByRole('button', { name: 'Lisää tehtävä' }).click();
	await expect(page.locator('section[aria-labelledby="plan-heading"]')).toContainText('Iltarutiini kirjaksi');
});

test('the coordinator builds the team, records a decision given on paper, sets, changes and lifts a block (English)', async ({ page }) => {
	const family = `fam-e2e-b${Date.now()}`;
	seedFamily(family);
	await page.goto('/login');
	await page.getByRole('link', { name: 'English' }).click();
	await signIn(page, 'johanna');
	await page.goto(`/pro/families/${family}`);
	const tools = page.locator('section[aria-labelledby="tools-heading"]');

	await tools.getByText('Team', { exact: true }).click();
	await tools.getByLabel('Professional').fill('pekka');
	await tools.getByRole('button', { name: 'Add to the team' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.locator('section[aria-labelledby="team-heading"]')).toContainText('Pekka Laine');
	// A second coordinator at the same time is refused with a reason.
	await tools.getByText('Team', { exact: true }).click();
	await tools.getByLabel('Professional').fill('anna@demo.example');
	await tools.getByLabel('Role').selectOption('coordinator');
	await tools.getByRole('button', { name: 'Add to the team' }).click();
	await expect(page.getByText('A family has one responsible social worker at a time.')).toBeVisible();

	await tools.getByText('Record a decision given on paper').click();
	await tools.getByLabel('Who decided').selectOption({ label: 'Paula' });
	await tools.getByLabel('Whose information').selectOption({ label: 'Kalle' });
	await tools.getByLabel('To whom').selectOption({ label: 'Pekka Laine (Vuosaaren peruskoulu)' });
	await tools.getByRole('checkbox', { name: 'services' }).check();
	await tools.getByRole('button', { name: 'Save the decision' }).click();
	await expect(page.getByRole('status')).toHaveText('Your decision was saved.');
	await expect(page.locator('section[aria-labelledby="consents-heading"] li', { hasText: 'Decided by Paula' })).toContainText('Pekka Laine (Vuosaaren peruskoulu) may see the services');

	await tools.getByText('Team', { exact: true }).click();
	await tools.getByRole('button', { name: 'End the membership of Pekka Laine' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.locator('section[aria-labelledby="team-heading"]')).not.toContainText('Pekka Laine');

	await tools.getByText('Blocks', { exact: true }).click();
	await tools.getByLabel('Whom to block').selectOption({ label: 'Paula' });
	await tools.getByLabel('Scope').selectOption({ label: 'concerning Kalle' });
	await tools.getByLabel('Reason').last().selectOption('violence');
	await tools.getByLabel('Review date').last().fill(addDays(testToday(), 30));
	await tools.getByRole('button', { name: 'Set a block' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	const blocks = page.locator('section[aria-labelledby="blocks-heading"]');
	await expect(blocks).toContainText('Paula');
	await tools.getByText('Blocks', { exact: true }).click();
	await expectAccessible(page);
	await tools.locator('[data-block]').getByLabel('Note for the team (optional)').fill('Court hearing in March');
	await tools.locator('[data-block]').getByRole('button', { name: 'Save the changes' }).click();
	await expect(page.locator('section[aria-labelledby="blocks-heading"]')).toContainText('Court hearing in March');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Blocks', { exact: true }).click();
	await page.getByRole('button', { name: 'Lift the block of Paula' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Blocks', { exact: true }).click();
	await expect(page.getByRole('button', { name: 'Lift the block of Paula' })).toHaveCount(0);

	// The maturity judgement for a child under 12.
	await page.locator('section[aria-labelledby="tools-heading"]').getByText(/Children: maturity/).click();
	await page.getByLabel(/Kalle, \d+: maturity judgement/).selectOption('true');
	await page.locator('form[action="?/setMature"]').getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText(/Children: maturity/).click();
	await expect(page.getByLabel(/Kalle, \d+: maturity judgement/)).toHaveValue('true');
});

test('a team member sees no coordinator tools, and a write the policy refuses changes nothing', async ({ page }) => {
	await signIn(page, 'mikko');
	await page.goto('/pro/families/fam-haddad');
	await expect(page.locator('section[aria-labelledby="tools-heading"]')).toHaveCount(0);
	await expect(page.locator('section[aria-labelledby="team-tools-heading"]')).toBeVisible();
	// Mikko may not see Yasmin's assessments (no consent): a note about her is refused.
	const team = page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByText('Kirjaa arvio').click();
	await team.getByLabel('Ketä arvio koskee').selectOption({ label: 'Yasmin' });
	await team.getByLabel('Arvio', { exact: true }).fill('Ei pitäisi tallentua');
	await team.getByRole('button', { name: 'Tallenna arvio' }).click();
	await expect(page.getByRole('alert')).toHaveText('Sinulla ei ole oikeutta tähän.');
	expect(await page.content()).not.toContain('Ei pitäisi tallentua</p>');
	await expectAccessible(page);
});

test('mapping invitation: a team member invites, the invitee answers with traffic lights, the coordinator sees the answers side by side and adds him to the team', async ({ page, browser }) => {
	const family = `fam-e2e-inv${Date.now()}`;
	seedFamily(family);
	// P7: the invitee sees the family's basics only where the family consented to that.
	const db = new Database(process.env.E2E_DATABASE_PATH!);
	db.prepare(`INSERT INTO consents (id, family_id, decision, grantor_id, subject_id, grantee_organisation_id, categories, "from") VALUES (?, ?, 'grant', ?, NULL, 'org-school', '["basic"]', '2026-01-01')`)
		.run(`c-${family}`, family, `${family}-parent`);
	db.close();

	await signIn(page, 'johanna');
	await page.goto(`/pro/families/${family}`);
	const team = page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByText('Kutsu yhteiseen kartoitukseen').click();
	await team.getByLabel('Kenet kutsut').fill('Pekka@demo.example');
	await team.getByLabel('Viesti').fill('Kallen koulunkäynti huolettaa, onko sinulla tietoa?');
	await team.getByRole('button', { name: 'Lähetä kutsu' }).click();
	await expect(page.getByRole('status')).toHaveText('Kutsu lähetettiin.');
	const row = page.locator('section[aria-labelledby="invitations-heading"] tbody tr', { hasText: 'Pekka Laine' });
	await expect(row).toContainText('odottaa vastausta');
	await expectAccessible(page);

	const inviteeContext = await browser.newContext({ locale: 'fi-FI' });
	const invitee = await inviteeContext.newPage();
	await signIn(invitee, 'pekka');
	await invitee.locator(`[data-reminder="invitation"][data-family="${family}"] a`).click();
	await expect(invitee.getByText('Kallen koulunkäynti huolettaa, onko sinulla tietoa?')).toBeVisible();
	await expect(invitee.locator('section[aria-labelledby="services-heading"] li')).toHaveCount(0); // basics only
	const answer = invitee.locator('section[aria-labelledby="invitations-heading"] form');
	await answer.getByRole('button', { name: 'Lähetä vastaus' }).click();
	await expect(invitee.getByRole('alert')).toHaveText('Tarkista merkityt kentät. Mitään ei tallennettu.');
	await expectAccessible(invitee);
	const form = invitee.locator('section[aria-labelledby="invitations-heading"] form');
	await form.getByRole('group', { name: 'Onko sinulla tietoa perheestä?' }).getByLabel('kyllä').check();
	await form.getByRole('group', { name: 'Jaatko huolen?' }).getByLabel('osittain').check();
	await form.getByRole('group', { name: 'Oletko käytettävissä?' }).getByLabel('kyllä').check();
	await form.getByLabel('Huomio').fill('Poissaoloja syksyllä 12.');
	await form.getByRole('button', { name: 'Lähetä vastaus' }).click();
	await expect(invitee).toHaveURL(/\/pro\?done=answerInvitation$/);
	await expect(invitee.getByRole('status')).toHaveText('Vastauksesi lähetettiin. Kutsu on nyt päättynyt.');
	await expect(invitee.locator(`a[href="/pro/families/${family}"]`)).toHaveCount(0);
	await inviteeContext.close();

	await page.reload();
	const answered = page.locator('section[aria-labelledby="invitations-heading"] tbody tr', { hasText: 'Pekka Laine' });
	await expect(answered.locator('td').nth(0)).toHaveText('kyllä');
	await expect(answered.locator('td').nth(1)).toHaveText('osittain');
	await expect(answered).toContainText('Poissaoloja syksyllä 12.');
	await answered.getByRole('button', { name: 'Lisää tiimiin: Pekka Laine' }).click();
	await expect(page.getByRole('status')).toHaveText('Tallennettu.');
	await expect(page.locator('section[aria-labelledby="team-heading"]')).toContainText('Pekka Laine');
	await expectAccessible(page);
});

test('a social worker starts a family, adds its members and gives a sign-in code; the parent creates her own sign-in with it, once', async ({ page, browser }) => {
	const familyName = `Perhe ${Date.now()}`;
	await signIn(page, 'anna');
	const start = page.locator('section[aria-labelledby="start-heading"]');
	await start.getByLabel('Perheen nimi').fill(familyName);
	await start.getByRole('button', { name: 'Aloita perhe' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(familyName);
	await expect(page.getByRole('status')).toHaveText('Perhe aloitettiin. Lisää jäsenet alta.');
	await expect(page.locator('[data-path-line]')).toContainText('Missä mennään nyt: Yhteydenotto');

	const tools = page.locator('section[aria-labelledby="tools-heading"]');
	await tools.getByLabel('Etunimi').fill('Leila');
	await tools.getByLabel('Syntymäaika').fill('1990-01-01');
	await tools.getByLabel('Kieli (vapaaehtoinen, esim. ar)').fill('ar');
	await tools.getByLabel('Tarvitsee tulkin').check();
	await tools.getByRole('button', { name: 'Lisää perheenjäsen' }).click();
	await expect(page.getByRole('status')).toHaveText('Perheenjäsen lisättiin.');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Perheenjäsenet ja kirjautumiskoodit').click();
	await tools.getByLabel('Etunimi').fill('Noor');
	await tools.getByLabel('Syntymäaika').fill('2015-05-05');
	await tools.getByRole('checkbox', { name: 'Leila' }).check();
	await tools.getByRole('button', { name: 'Lisää perheenjäsen' }).click();
	await expect(page.locator('[data-member]')).toHaveCount(2);
	await expect(page.getByText('Tulkki tarvitaan: Leila')).toBeVisible();

	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Perheenjäsenet ja kirjautumiskoodit').click();
	await page.getByRole('button', { name: 'Luo kirjautumiskoodi: Leila' }).click();
	const code = (await page.locator('[data-sign-in-code] .secret').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
	await expectAccessible(page);

	const context = await browser.newContext({ locale: 'fi-FI' });
	const leila = await context.newPage();
	await leila.goto('/login');
	await leila.getByRole('link', { name: /Sait kirjautumiskoodin/ }).click();
	await expect(leila.getByRole('heading', { level: 1 })).toHaveText('Luo oma kirjautumisesi');
	await expectAccessible(leila);
	const username = `leila${Date.now()}`;
	const fill = async (value: string) => {
		await leila.getByLabel('Kirjautumiskoodi').fill(value);
		await leila.getByLabel('Käyttäjätunnus').fill(username);
		await leila.getByLabel('Uusi salasana', { exact: true }).fill('oma pitkä salasanalause');
		await leila.getByLabel('Uusi salasana uudelleen').fill('oma pitkä salasanalause');
		await leila.getByRole('button', { name: 'Luo kirjautuminen' }).click();
	};
	await fill('AAAA-BBBB-CCCC');
	await expect(leila.getByText(/Koodi ei kelpaa/)).toBeVisible();
	await expect(leila.getByLabel('Käyttäjätunnus')).toHaveValue(username);
	await fill(code);
	await expect(leila).toHaveURL(/\/family\?done=welcome$/);
	await expect(leila.getByRole('status')).toHaveText('Tervetuloa! Kirjautumisesi on valmis.');
	await expect(leila.getByRole('heading', { level: 1 })).toHaveText('Perheemme tilanne');
	await leila.goto('/family/situation');
	await expect(leila.locator('[data-member]')).toHaveCount(2);
	await context.close();

	// The code is used up.
	const again = await browser.newContext({ locale: 'fi-FI' });
	const other = await again.newPage();
	await other.goto('/welcome');
	await other.getByLabel('Kirjautumiskoodi').fill(code);
	await other.getByLabel('Käyttäjätunnus').fill(`${username}x`);
	await other.getByLabel('Uusi salasana', { exact: true }).fill('oma pitkä salasanalause');
	await other.getByLabel('Uusi salasana uudelleen').fill('oma pitkä salasanalause');
	await other.getByRole('button', { name: 'Luo kirjautuminen' }).click();
	await expect(other.getByText(/Koodi ei kelpaa/)).toBeVisible();
	await again.close();

	await page.reload();
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Perheenjäsenet ja kirjautumiskoodit').click();
	await expect(page.locator('[data-member-tools]', { hasText: 'Leila' })).toContainText('on kirjautuminen');
});

test('a professional outside child welfare does not start families', async ({ page }) => {
	await signIn(page, 'sanna');
	await expect(page.locator('section[aria-labelledby="start-heading"]')).toHaveCount(0);
});

test('consultation: the coordinator brings a young person\'s situation to the team, he sends his question, the team answers in its structure, he sees the answer and his mother does not (he hid his plan)', async ({ browser }) => {
	const stamp = Date.now();
	const as = async (username: string) => {
		const context = await browser.newContext({ locale: 'fi-FI' });
		const page = await context.newPage();
		await signIn(page, username);
		return { page, close: () => context.close() };
	};

	const johanna = await as('johanna');
	await johanna.page.goto('/pro/families/fam-makela');
	const team = johanna.page.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByRole('link', { name: 'Vie konsultaatiotiimiin' }).click();
	await team.getByLabel('Kenen tilanne').selectOption({ label: 'Aleksi' });
	await team.getByLabel('Kysymys tiimille').fill(`Miten tukea Aleksia päihteettömyydessä viikonloppuisin? ${stamp}`);
	await team.getByRole('button', { name: 'Vie konsultaatiotiimiin' }).click();
	await expect(johanna.page.getByRole('status')).toHaveText('Tallennettu.');
	await johanna.close();

	const aleksi = await as('aleksi');
	await aleksi.page.goto('/family/voice');
	const mine = aleksi.page.locator('[data-consultation]', { hasText: 'Tiimi ei ole vielä vastannut.' }).last();
	await expect(mine).toBeVisible();
	await expect(aleksi.page.getByText(`${stamp}`)).toHaveCount(0); // the professionals' question is assessment data (M0)
	await mine.getByLabel('Kysymyksesi tai näkemyksesi tiimille').fill(`Haluan että joku soittaa perjantaisin ${stamp}`);
	await mine.getByRole('button', { name: 'Lähetä tiimille' }).click();
	await expect(aleksi.page.getByRole('status')).toHaveText('Viestisi lähti konsultaatiotiimille.');
	await expectAccessible(aleksi.page);

	const elina = await as('elina');
	await elina.page.goto('/pro/families/fam-makela');
	const consultation = elina.page.locator('[data-consultation]', { hasText: `${stamp}` });
	await expect(consultation).toContainText(`Aleksi kysyi tai kertoi: Haluan että joku soittaa perjantaisin ${stamp}`);
	await consultation.getByText('Kirjaa tiimin käsittely ja vastaus').click();
	await consultation.getByLabel('Tilanne').fill('Viikonloput kotona ovat riskialttiita.');
	await consultation.getByLabel('Mahdolliset juurisyyt').fill('Yksinäisyys, vanhat kaverit.');
	await consultation.getByLabel('Suunnitelma', { exact: true }).fill('Ohjaaja soittaa perjantaisin; harrastus lauantaille.');
	await consultation.getByLabel('Vastaus nuorelle ja perheelle').fill(`Ohjaaja soittaa sinulle perjantaisin ${stamp}`);
	await consultation.getByRole('button', { name: 'Tallenna' }).click();
	await expect(elina.page.getByRole('status')).toHaveText('Tallennettu.');
	await expect(elina.page.locator('[data-consultation]', { hasText: `${stamp}` })).toContainText('Yksinäisyys, vanhat kaverit.');
	await expectAccessible(elina.page);
	await elina.close();

	await aleksi.page.reload();
	await expect(aleksi.page.locator('[data-answer]', { hasText: `Ohjaaja soittaa sinulle perjantaisin ${stamp}` })).toBeVisible();
	await expect(aleksi.page.getByText('Yksinäisyys, vanhat kaverit.')).toHaveCount(0); // the team's notes stay the team's
	await aleksi.close();

	const tiina = await as('tiina');
	for (const path of ['/family', '/family/plan', '/family/voice']) {
		await tiina.page.goto(path);
		expect(await tiina.page.content()).not.toContain(`${stamp}`);
	}
	await tiina.close();
});

test('a team member schedules a meeting; the young person sees it with the preparation questions', async ({ browser }) => {
	const title = `Koulupalaveri ${Date.now()}`;
	const proContext = await browser.newContext({ locale: 'fi-FI' });
	const mikko = await proContext.newPage();
	await signIn(mikko, 'mikko');
	await mikko.goto('/pro/families/fam-haddad');
	const team = mikko.locator('section[aria-labelledby="team-tools-heading"]');
	await team.getByRole('link', { name: 'Sovi tapaaminen' }).click();
	await team.getByLabel('Päivä', { exact: true }).fill(addDays(testToday(), 7));
	await team.getByLabel('Kellonaika').fill('15:30');
	await team.getByLabel('Aihe (vapaaehtoinen)').fill(title);
	await team.getByRole('checkbox', { name: 'Yasmin' }).check();
	await team.getByRole('checkbox', { name: 'Mikko Korhonen' }).check();
	await team.getByRole('button', { name: 'Sovi tapaaminen' }).click();
	await expect(mikko.getByRole('status')).toHaveText('Tapaaminen sovittiin. Perhe näkee sen ja voi valmistautua.');
	await expect(mikko.locator('section[aria-labelledby="pro-meetings-heading"] li', { hasText: title })).toContainText('Yasmin, Mikko Korhonen');
	await expectAccessible(mikko);
	await proContext.close();

	const familyContext = await browser.newContext({ locale: 'fi-FI' });
	const yasmin = await familyContext.newPage();
	await signIn(yasmin, 'yasmin');
	await yasmin.goto('/family/meetings');
	const meeting = yasmin.locator('[data-meeting]', { hasText: title });
	await expect(meeting).toContainText('15.30');
	await expect(meeting.getByText('Valmistaudu tapaamiseen')).toBeVisible();
	await familyContext.close();
});

test.describe('on a 390×844 phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });
	const pageWidth = (page: import('@playwright/test').Page) => page.evaluate(() => document.documentElement.scrollWidth);

	test('the tools menu at the top of the summary reaches each tool, without JavaScript too', async ({ browser }) => {
		test.slow(); // one page load per tool
		const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, 'anna');
		await page.goto('/pro/families/fam-haddad');
		expect(await pageWidth(page)).toBeLessThanOrEqual(390);
		const menu = page.locator('details.tool-menu');
		// On the first screen, right under the family's name.
		await expect(menu.locator('summary')).toBeInViewport();
		await menu.locator('summary').click();
		const links = menu.getByRole('navigation', { name: 'Työkalut' }).getByRole('link');
		const targets = await links.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, name: a.textContent!.trim() })));
		expect(targets.map((t) => t.name)).toEqual([
			'Perheenjäsenet ja kirjautumiskoodit', 'Siirrä palvelupolkua', 'Kirjaa perheen tilanne', 'Palvelut', 'Tiimi',
			'Kirjaa paperilla annettu päätös', 'Kirjaa paperilla peruttu päätös', 'Estot', 'Lapset: kypsyys ja tiedonsaantioikeus',
			'Kirjaa arvio', 'Sovi tapaaminen', 'Nosta asia kollegalle', 'Vie konsultaatiotiimiin', 'Kutsu yhteiseen kartoitukseen', 'Tavoitteet ja tehtävät'
		]);
		await expectAccessibleWithScript(browser, page.url(), true);
		for (const target of targets) {
			await page.goto('/pro/families/fam-haddad');
			await page.locator('details.tool-menu summary').click();
			await page.locator('details.tool-menu').getByRole('link', { name: target.name, exact: true }).click();
			const id = target.href.split('#')[1];
			await expect(page).toHaveURL(new RegExp(`\\?tool=${id.replace('tool-', '')}#${id}$`));
			// The tool's form is drawn and scrolled to.
			await expect(page.locator(`#${id}`)).toBeInViewport();
			await expect(page.locator(`#${id} h3`).first()).toHaveText(target.name);
		}
		expect(await pageWidth(page)).toBeLessThanOrEqual(390);
		await context.close();
	});

	test('the coordinator records a revocation given on paper, with its day; a day ahead is refused and writes nothing', async ({ page }) => {
		const family = `fam-e2e-rev${Date.now()}`;
		seedFamily(family);
		const db = new Database(process.env.E2E_DATABASE_PATH!);
		db.prepare(`INSERT INTO consents (id, family_id, decision, grantor_id, subject_id, grantee_organisation_id, categories, "from") VALUES (?, ?, 'grant', ?, ?, 'org-school', '["services"]', ?)`)
			.run(`c-${family}`, family, `${family}-parent`, `${family}-child`, addDays(testToday(), -20));
		db.close();
		const revoked = async () => ((await (await page.request.get(`/api/v1/families/${family}`)).json()) as { consents: { id: string; revoked: string | null }[] })
			.consents.find((c) => c.id === `c-${family}`)!.revoked;

		await signIn(page, 'johanna');
		await page.goto(`/pro/families/${family}`);
		await page.locator('details.tool-menu summary').click();
		await page.getByRole('link', { name: 'Kirjaa paperilla peruttu päätös' }).first().click();
		const tool = page.locator('#tool-revoke');
		await expect(tool).toBeInViewport();
		const choice = tool.getByRole('radio', { name: /^Paula antoi suostumuksen: Vuosaaren peruskoulu näkee palvelut \(Kalle\)/ });
		await expect(tool.getByLabel('Päivä, jona hän perui päätöksen')).toHaveValue(testToday());
		await expectAccessible(page);

		await choice.check();
		// The field's `max` stops a browser that checks forms; the server refuses the day on its own too.
		await expect(tool.getByLabel('Päivä, jona hän perui päätöksen')).toHaveAttribute('max', testToday());
		await tool.getByLabel('Päivä, jona hän perui päätöksen').evaluate((input) => input.removeAttribute('max'));
		await tool.getByLabel('Päivä, jona hän perui päätöksen').fill(addDays(testToday(), 1));
		await tool.getByRole('button', { name: 'Kirjaa peruminen' }).click();
		await expect(page.getByRole('alert')).toHaveText('Tarkista merkityt kentät. Mitään ei tallennettu.');
		await expect(page.locator('#revokeOnPaper-on-error')).toHaveText('Päivä ei voi olla tulevaisuudessa.');
		await expect(page.locator('#tool-revoke').getByRole('radio', { checked: true })).toHaveAccessibleName(/^Paula antoi suostumuksen/);
		expect(await revoked()).toBeNull();
		await expectAccessible(page);

		await page.locator('#tool-revoke').getByLabel('Päivä, jona hän perui päätöksen').fill(addDays(testToday(), -2));
		await page.locator('#tool-revoke').getByRole('button', { name: 'Kirjaa peruminen' }).click();
		await expect(page.getByRole('status')).toHaveText('Tallennettu.');
		expect(await revoked()).toBe(addDays(testToday(), -2));
		await page.goto(`/pro/families/${family}?tool=revoke#tool-revoke`);
		await expect(page.locator('#tool-revoke')).toContainText('Ei päätöksiä, jotka voisi perua.');
		expect(await pageWidth(page)).toBeLessThanOrEqual(390);
	});

	test("pekka's reminder lands on his invitation, the first section of the summary", async ({ page }) => {
		await signIn(page, 'pekka');
		await page.locator('[data-reminder="invitation"][data-family="fam-haddad"] a').click();
		await expect(page).toHaveURL(/\/pro\/families\/fam-haddad#invitations$/);
		await expect(page.locator('main section').first()).toHaveAttribute('aria-labelledby', 'invitations-heading');
		await expect(page.locator('#invitations-heading')).toBeInViewport();
		await expect(page.locator('#invitations form[action="?/answerInvitation"]')).toHaveCount(1);
		expect(await pageWidth(page)).toBeLessThanOrEqual(390);
		await expectAccessible(page);
	});

	test('the printout carries the confidentiality mark, the print time and who printed it, and no forms or tools', async ({ page }) => {
		await signIn(page, 'anna');
		const logged = () => {
			const db = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true });
			const { n } = db.prepare("SELECT count(*) AS n FROM access_log WHERE professional_id = 'pro-anna' AND family_id = 'fam-haddad'").get() as { n: number };
			db.close();
			return n;
		};
		const before = logged();
		await page.goto('/pro/families/fam-haddad');
		expect(logged()).toBe(before + 1); // printing is this page load: a read logged like any other
		// On the screen the printout's header is in the page but not drawn.
		await expect(page.locator('[data-print-header]')).toBeHidden();
		expect(await pageWidth(page)).toBeLessThanOrEqual(390);
		await expectAccessible(page);

		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('[data-print-mark]')).toBeVisible();
		await expect(page.locator('[data-print-mark]')).toHaveText('SALASSA PIDETTÄVÄ');
		await expect(page.locator('[data-print-header]')).toContainText('Sosiaalihuollon asiakasasiakirja, salassa pidettävä lain nojalla (JulkL 24 § 1 mom. 25 k.)');
		const [y, mo, d] = testToday().split('-').map(Number);
		await expect(page.locator('[data-printed-at]')).toHaveText(new RegExp(`^Tulostettu ${d}\\.${mo}\\.${y} klo \\d{1,2}\\.\\d{2}$`));
		await expect(page.locator('[data-printed-by]')).toHaveText('Tulostaja: Anna Virtanen, Itäisen alueen lastensuojelu');
		await expect(page.locator('[data-print-header]')).toBeInViewport();
		expect(await page.locator('form').count()).toBeGreaterThan(0);
		await expect(page.locator('form:visible')).toHaveCount(0);
		await expect(page.locator('details.tool-menu')).toBeHidden();
		await expect(page.locator('section[aria-labelledby="tools-heading"]')).toBeHidden();
		await expect(page.locator('header:visible, nav:visible')).toHaveCount(0);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Haddadin perhe');
	});
});

/** axe needs JavaScript: the page of a script-less context is checked again in one that runs it. */
async function expectAccessibleWithScript(browser: import('@playwright/test').Browser, url: string, openMenu: boolean) {
	const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await signIn(page, 'anna');
	await page.goto(url);
	if (openMenu) await page.locator('details.tool-menu summary').click();
	await expectAccessible(page);
	await context.close();
}
