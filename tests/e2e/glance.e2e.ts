import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { formatDate } from '../../src/lib/format';
import { demoDate } from '../support/server';
import { expectAccessible, signIn } from './helpers';

test('at a glance: the ecomap draws the family and its services, the lists say the same, the coordinator is marked', async ({ page }) => {
	await signIn(page, 'amal');
	await page.getByRole('navigation', { name: 'Perheen sivut' }).getByRole('link', { name: 'Tilanteemme' }).click();
	const glance = page.locator('section[aria-labelledby="glance-heading"]');
	await expect(glance.getByRole('heading')).toHaveText('Yhdellä silmäyksellä');
	const picture = glance.getByRole('img', { name: /Haddadin perhe: perhe, palvelut ja auttajat/ });
	await expect(picture).toBeVisible();
	// Current strong, past faded, planned dashed; Yasmin's hidden nurse visits are not drawn (M5).
	await expect(picture.locator('[data-ecomap-service="svc-amal-debt"]')).toHaveAttribute('data-stroke', 'current');
	await expect(picture.locator('[data-ecomap-service="svc-omar-curator"]')).toHaveAttribute('data-stroke', 'planned');
	await expect(picture.locator('[data-ecomap-service="svc-yasmin-nurse"]')).toHaveCount(0);
	await expect(picture.locator('[data-ecomap-member]')).toHaveCount(3);
	await expect(picture.locator('[data-ecomap-team="pro-anna"]')).toHaveClass(/coordinator/);
	await expect(glance.getByText('vastuusosiaalityöntekijäsi (tumma laatikko)')).toBeVisible();

	// The same content in words: every service drawn is in the list, with the member's interpreter need.
	const drawn = await picture.locator('[data-ecomap-service]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-ecomap-service')));
	for (const id of drawn) await expect(page.locator(`section[aria-labelledby="services-heading"] [data-item="${id}"]`)).toHaveCount(1);
	await expect(page.locator('[data-member="amal"]').getByText('tarvitsee tulkin')).toBeVisible();
	const team = page.locator('section[aria-labelledby="team-heading"]');
	await expect(team.locator('li').first()).toContainText('Vastuusosiaalityöntekijäsi');
	await expect(team.locator('li').first().getByRole('link', { name: /Soita/ })).toHaveAttribute('href', 'tel:+358401000001');
	await expect(team.locator('li').first().getByRole('link', { name: /Sähköposti/ })).toHaveAttribute('href', 'mailto:anna@demo.example');
	// The picture scrolls sideways on a small screen: its region is reachable by keyboard.
	await expect(glance.getByRole('region', { name: /Perheen kuva/ })).toHaveAttribute('tabindex', '0');
	await expectAccessible(page);
});

test('a small phone: the home reads top to bottom without JavaScript, tasks first, picture scrolls inside its own box', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'fi-FI' });
	const page = await context.newPage();
	await signIn(page, 'yasmin');
	// Her tasks are in the "now" card that opens the home; the picture cards follow "I don't feel safe".
	const headings = await page.locator('main h2').allTextContents();
	expect(headings.slice(0, 4)).toContain('Omat tehtäväni');
	expect(headings.indexOf('Miltä sinusta tuntuu?')).toBe(headings.indexOf('Jos et tunne oloasi turvalliseksi') + 1);
	let overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.goto('/family/situation');
	overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await expect(page.locator('svg[data-ecomap]')).toBeVisible();
	// axe needs JavaScript in the page: the same page, same size and session, in a scripted context.
	const scripted = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fi-FI' });
	await scripted.addCookies(await context.cookies());
	const same = await scripted.newPage();
	await same.goto('/family');
	await expectAccessible(same);
	await scripted.close();
	await context.close();
});

test('the service path says when each stage began, what comes next and when (English)', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('link', { name: 'English' }).click();
	await signIn(page, 'amal');
	await page.goto('/family/situation');
	const path = page.locator('section[aria-labelledby="path-heading"]');
	await expect(path.getByText(/Anna Virtanen \(Itäisen alueen lastensuojelu\) helps you/)).toBeVisible();
	await expect(path.locator('[data-stage="working"]')).toContainText(`began ${formatDate(demoDate('2026-10-01'), 'en')}`);
	await expect(path.locator('[data-stage="referral"]')).toContainText(`began ${formatDate(demoDate('2026-08-18'), 'en')}`);
	await expect(path.locator('[data-next="review"]')).toContainText(`planned for ${formatDate(demoDate('2027-03-31'), 'en')}`);
	await expectAccessible(page);
});

test('follow-ups 6 and 12 months after the end are dated for a family near its end (Swedish)', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('link', { name: 'svenska' }).click();
	await signIn(page, 'tiina');
	await page.goto('/family/situation');
	const followUp = page.locator('section[aria-labelledby="path-heading"] [data-stage="follow-up"]');
	await expect(followUp).toContainText(/6 mån efter slutet: .+; 12 mån: .+/);
	await expect(page.locator('[data-stage="ended"]')).toContainText(`planerad ${formatDate(demoDate('2026-12-15'), 'sv')}`);
	await expectAccessible(page);
});

test('a young person prepares for a meeting and gives feedback with a score after another; answering again replaces', async ({ page }) => {
	await signIn(page, 'yasmin');
	await page.goto('/family/meetings');
	const upcoming = page.locator('[data-meeting="meet-haddad-weekly"]');
	await expect(upcoming.getByRole('heading')).toHaveText('Perhetyön tapaaminen');
	await expect(upcoming).toContainText('Paikalla: Amal, Yasmin, Omar, Anna Virtanen, Mikko Korhonen');
	await upcoming.getByText('Valmistaudu tapaamiseen').click();
	await expect(upcoming.getByLabel('Mitä sinulle kuuluu?')).toBeVisible();
	await expect(upcoming.getByLabel('Mihin haluaisit apua?')).toBeVisible();
	await expect(upcoming.getByLabel('Mistä meidän pitäisi puhua tänään?')).toBeVisible();
	await expect(upcoming.getByLabel('Kenen pitäisi olla paikalla?')).toBeVisible();
	await expectAccessible(page);

	// Nothing answered: a clear error, nothing saved.
	await upcoming.getByRole('button', { name: 'Lähetä vastaukset' }).click();
	await expect(page.getByRole('alert')).toHaveText('Tarkista merkityt kentät. Mitään ei tallennettu.');
	await expect(page.locator('[data-meeting="meet-haddad-weekly"]').getByText('Vastaa ainakin yhteen kysymykseen.')).toBeVisible();

	const answer = `Koulu sujuu paremmin ${Date.now()}`;
	const again = page.locator('[data-meeting="meet-haddad-weekly"]');
	await again.getByLabel('Mitä sinulle kuuluu?').fill(answer);
	await again.getByRole('button', { name: 'Lähetä vastaukset' }).click();
	await expect(page.getByRole('status')).toHaveText('Vastauksesi lähetettiin.');
	await expect(page.locator('[data-meeting="meet-haddad-weekly"]').getByText('Olet vastannut')).toBeVisible();
	await page.goto('/family/voice');
	const mine = page.locator('section[aria-labelledby="voice-heading"] article', { hasText: answer });
	await expect(mine).toContainText('Mitä sinulle kuuluu?');
	await expect(mine).toContainText('jaettu tiimille'); // preparation goes to the team unless chosen otherwise

	// Answering again changes the same answer, it does not add another.
	const changed = `${answer} ja kotona myös`;
	await page.goto('/family/meetings');
	await page.locator('[data-meeting="meet-haddad-weekly"]').getByText('Muuta vastauksiasi').click();
	await page.locator('[data-meeting="meet-haddad-weekly"]').getByLabel('Mitä sinulle kuuluu?').fill(changed);
	await page.locator('[data-meeting="meet-haddad-weekly"]').getByRole('button', { name: 'Lähetä vastaukset' }).click();
	await expect(page.getByRole('status')).toHaveText('Vastauksesi lähetettiin.');
	await page.goto('/family/voice');
	await expect(page.locator('section[aria-labelledby="voice-heading"] article', { hasText: answer })).toHaveCount(1);
	await page.goto('/family/meetings');

	// After a meeting: feedback with a 0-10 score, kept as the young person's.
	const past = page.locator('[data-meeting="meet-haddad-plan"]');
	await past.getByText('Anna palautetta tapaamisesta').click();
	await past.getByLabel('Miltä tapaaminen tuntui?').fill('Ihan hyvältä');
	await past.getByRole('radio', { name: '9', exact: true }).check();
	await past.getByRole('button', { name: 'Lähetä palaute' }).click();
	await expect(page.getByRole('status')).toHaveText('Vastauksesi lähetettiin.');
	await page.goto('/family/voice');
	await expect(page.locator('section[aria-labelledby="voice-heading"] article', { hasText: 'Ihan hyvältä' })).toContainText('Suosittelisi: 9/10');
	await expectAccessible(page);

	const db = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true });
	const rows = db.prepare("SELECT kind, score FROM voice_items WHERE author_id = 'yasmin' AND meeting_id IS NOT NULL ORDER BY kind").all();
	db.close();
	expect(rows).toEqual([{ kind: 'feedback', score: 9 }, { kind: 'meeting-prep', score: null }]);
});

test('a young person checks in with a picture card; the coordinator sees it, his mother does not', async ({ page, browser }) => {
	await signIn(page, 'aleksi');
	const checkIn = page.locator('section[aria-labelledby="checkin-heading"]');
	await expect(checkIn.getByRole('group', { name: 'Miltä sinusta tuntuu tänään?' })).toBeVisible();
	// No card and no sentence: a clear error.
	await checkIn.getByRole('button', { name: 'Tallenna' }).click();
	await expect(page.getByText('Valitse kuva tai kirjoita lause.')).toBeVisible();

	// Keyboard: the cards are radio buttons with their names as text alternatives.
	const sentence = `Jännittää huomista ${Date.now()}`;
	await page.locator('section[aria-labelledby="checkin-heading"]').getByRole('radio', { name: 'Väsynyt' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.locator('section[aria-labelledby="checkin-heading"]').getByRole('radio', { name: 'Huolissaan' })).toBeChecked();
	await page.locator('section[aria-labelledby="checkin-heading"]').getByLabel('Lause (vapaaehtoinen)').fill(sentence);
	await page.locator('section[aria-labelledby="checkin-heading"]').getByRole('radio', { name: 'Tiimi', exact: true }).check();
	await page.locator('section[aria-labelledby="checkin-heading"]').getByRole('button', { name: 'Tallenna' }).click();
	await expect(page.getByRole('status')).toHaveText('Tunteesi tallennettiin.');
	await page.goto('/family/voice');
	const mine = page.locator('section[aria-labelledby="voice-heading"] article', { hasText: sentence });
	await expect(mine).toContainText('Tunne: Huolissaan');
	await expectAccessible(page);

	const coordinator = await browser.newPage();
	await signIn(coordinator, 'johanna');
	await coordinator.goto('/pro/families/fam-makela');
	await expect(coordinator.locator('article', { hasText: sentence })).toContainText('Tunne: Huolissaan');
	await coordinator.close();

	const mother = await browser.newPage();
	await signIn(mother, 'tiina');
	expect(await mother.content()).not.toContain(sentence);
	await mother.close();
});

test("a father blocked for his children does not see the meeting his daughter takes part in, nor the team beyond the coordinator", async ({ page }) => {
	await signIn(page, 'jari');
	await page.goto('/family/meetings');
	await expect(page.locator('[data-meeting="meet-lahtinen-jari"]')).toBeVisible();
	await expect(page.locator('[data-meeting="meet-lahtinen-plan"]')).toHaveCount(0);
	expect(await page.content()).not.toContain('Asiakassuunnitelmaneuvottelu');
	await page.goto('/family/situation');
	expect(await page.content()).not.toContain('Asiakassuunnitelmaneuvottelu');
	const picture = page.locator('svg[data-ecomap]');
	await expect(picture.locator('[data-ecomap-service]')).toHaveCount(1);
	await expect(picture.locator('[data-ecomap-team]')).toHaveCount(1);
	await expect(picture.locator('[data-ecomap-team="pro-hanna"]')).toHaveCount(1);
	await expectAccessible(page);
});

test('a young person writes her view of one goal and sees which goal it is about', async ({ page }) => {
	await signIn(page, 'yasmin');
	await page.goto('/family/voice');
	const write = page.locator('section[aria-labelledby="write-heading"]');
	const text = `Koulussa on nyt kaveri ${Date.now()}`;
	await write.getByLabel('Mistä näkemyksesi kertoo?').selectOption({ label: 'Tavoite: Yasmin käy koulussa joka päivä' });
	await write.getByLabel('Näkemyksesi', { exact: true }).fill(text);
	await write.getByRole('button', { name: 'Tallenna' }).click();
	await expect(page.getByRole('status')).toHaveText('Näkemyksesi tallennettiin.');
	const item = page.locator('section[aria-labelledby="voice-heading"] article', { hasText: text });
	await expect(item).toContainText('Tavoitteesta: Yasmin käy koulussa joka päivä');
	await expectAccessible(page);
	await item.getByRole('button', { name: 'Poista' }).click();
	await expect(page.getByText(text)).toHaveCount(0);
});
