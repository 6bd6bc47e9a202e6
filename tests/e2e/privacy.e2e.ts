/**
 * Issue #13 on a 390 × 844 phone: consents as sentences, the consent form's choices beside
 * their labels, "who has looked" in compact rows, the ecomap inside the screen or its own
 * scroll box, touch targets of at least 24 × 24 px, and what a young person's guardians see.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, seedFamily, signIn } from './helpers';

const PHONE = { width: 390, height: 844 };
const FAMILY_PAGES = ['/family', '/family/situation', '/family/plan', '/family/meetings', '/family/voice', '/family/privacy'];
test.use({ viewport: PHONE, locale: 'fi-FI' });

test('consents read as sentences; only the family member gets revoke buttons', async ({ page, browser }) => {
	await signIn(page, 'amal');
	await page.goto('/family/privacy');
	const consents = page.locator('section[aria-labelledby="consents-heading"]');
	const omar = consents.locator('li[data-item="c-amal-omar-familywork"]');
	await expect(omar.locator('.consent-sentence')).toHaveText(/^Perhetyö, Itä \(koko organisaatio\) näkee palvelut, suunnitelman ja arviot \d+\.\d+\.\d{4} asti\.$/);
	await expect(omar.locator('.consent-state')).toHaveText('Voimassa.');
	await expect(omar.getByRole('button', { name: 'Peru päätös: Perhetyö, Itä' })).toBeVisible();
	await expect(consents.getByRole('heading', { name: 'Kenen tiedot: Omar' })).toBeVisible();
	// Her old grant about Yasmin, who now decides for herself (P6): said in words, no button.
	const old = consents.locator('li[data-item="c-amal-yasmin-old"]');
	await expect(old.locator('.consent-sentence')).toHaveText('Perhetyö, Itä (koko organisaatio) saisi nähdä palvelut.');
	await expect(old.locator('.consent-state')).toHaveText('Ei voimassa: päätöksen tekijä ei enää päätä näistä tiedoista.');
	await expect(old.getByRole('button')).toHaveCount(0);
	await expect(consents).not.toContainText('→');
	await expectAccessible(page);

	// Yasmin's refusal reads as what may not be seen.
	const young = await browser.newPage({ viewport: PHONE, locale: 'fi-FI' });
	await signIn(young, 'yasmin');
	await young.goto('/family/privacy');
	await expect(young.locator('li[data-item="c-yasmin-refuse-asw"] .consent-sentence')).toHaveText('Aikuissosiaalityö, Itä (koko organisaatio) ei saa nähdä palvelut ja suunnitelman.');
	await young.close();

	// The coordinator sees the same decisions in words, without revoke buttons in the list.
	const coordinator = await browser.newPage({ viewport: PHONE, locale: 'fi-FI' });
	await signIn(coordinator, 'anna');
	await coordinator.goto('/pro/families/fam-haddad');
	const list = coordinator.locator('section[aria-labelledby="consents-heading"]');
	await expect(list.locator('li[data-item="c-yasmin-nurse"] .consent-sentence')).toContainText('Liisa Nieminen (Nuorten terveysasema Kallio) saa nähdä palvelut, suunnitelman ja arviot');
	await expect(list.getByRole('button')).toHaveCount(0);
	await coordinator.close();
});

test('the consent form: every checkbox and radio on the same line as its label', async ({ page }) => {
	await signIn(page, 'amal');
	await page.goto('/family/privacy');
	const form = page.locator('section[aria-labelledby="consent-form-heading"] form');
	await expect(form.getByLabel('Kuka saa nähdä')).toBeVisible();
	await expect(form.getByLabel('Kenen tiedot')).toBeVisible();
	const choices = form.locator('.choice');
	expect(await choices.count()).toBe(6);
	for (const choice of await choices.all()) {
		const box = (await choice.locator('input').boundingBox())!;
		const label = (await choice.locator('label').boundingBox())!;
		// Beside, not above: the label starts right of the box, and their middles are on one line.
		expect(label.x).toBeGreaterThanOrEqual(box.x + box.width);
		expect(Math.abs(label.y + label.height / 2 - (box.y + box.height / 2))).toBeLessThan(6);
	}
});

test('who has looked: one compact row per professional and day, at most two lines', async ({ page, browser }) => {
	test.slow(); // two sign-ins (argon2) on a shared two-core machine
	const professional = await browser.newPage();
	await signIn(professional, 'mikko');
	await professional.goto('/pro/families/fam-haddad');
	await expect(professional.getByRole('heading', { level: 1 })).toHaveText('Haddadin perhe');
	await professional.close();

	await signIn(page, 'amal');
	await page.goto('/family/privacy');
	const rows = page.locator('section[aria-labelledby="log-heading"] tbody tr');
	await expect(rows.first()).toBeVisible();
	const mikko = page.locator('section[aria-labelledby="log-heading"] tbody tr[data-log-who="pro-mikko"]').first();
	await expect(mikko).toContainText('Mikko Korhonen, Perhetyö, Itä');
	await expect(mikko).toContainText('Omar: palvelut');
	// Who and when on one line, what on the next (a long "what" wraps once more): the old
	// table gave each look ~400 px at this width.
	expect((await mikko.boundingBox())!.height).toBeLessThanOrEqual(130);
	for (const row of await rows.all()) expect((await row.boundingBox())!.height).toBeLessThan(200);
	await expectAccessible(page);
});

/** Every member and service label of the ecomap: can it be read on this screen (maybe after scrolling the picture's own box)? */
async function ecomapLabelsReachable(page: Page) {
	const box = page.locator('section[aria-labelledby="glance-heading"] .ecomap-scroll');
	const frame = (await box.boundingBox())!;
	expect(frame.x).toBeGreaterThanOrEqual(0);
	expect(frame.x + frame.width).toBeLessThanOrEqual(PHONE.width);
	const labels = page.locator('[data-ecomap-member] text, [data-ecomap-service] text');
	expect(await labels.count()).toBeGreaterThan(4);
	for (const label of await labels.all()) {
		await label.scrollIntoViewIfNeeded();
		const at = (await label.boundingBox())!;
		const seen = (await box.boundingBox())!;
		expect(at.x).toBeGreaterThanOrEqual(Math.max(0, seen.x) - 1);
		expect(at.x + at.width).toBeLessThanOrEqual(Math.min(PHONE.width, seen.x + seen.width) + 1);
		// Readable: the font as drawn (its size times the picture's scale) is at least 12 px.
		const drawn = await label.evaluate((el) => {
			const svg = el.closest('svg')!;
			return parseFloat(getComputedStyle(el).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width);
		});
		expect(drawn).toBeGreaterThanOrEqual(11.9);
	}
}

for (const who of ['amal', 'yasmin']) {
	test(`the ecomap on a phone: every label of ${who}'s picture can be read, the box says it scrolls`, async ({ page }) => {
		await signIn(page, who);
		await page.goto('/family/situation');
		await expect(page.locator('.scroll-cue')).toBeVisible();
		await expect(page.locator('.scroll-cue')).toHaveText(/vieritä/);
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		await ecomapLabelsReachable(page);
	});

	test(`touch targets on ${who}'s pages are at least 24 × 24 px`, async ({ page }) => {
		await signIn(page, who);
		for (const path of FAMILY_PAGES) {
		await page.goto(path);
		await expect(page.locator('main h1')).toBeVisible();
		const small = await page.evaluate(() => {
			const found: string[] = [];
			const targets = document.querySelectorAll('main a, main button, main input, main select, main summary, main label:has(+ input), main input[type="checkbox"] + label, main input[type="radio"] + label');
			for (const el of targets) {
				// Links inside a sentence (<p>) are exempt (WCAG 2.5.8 "inline").
				if (el.tagName === 'A' && el.closest('p')) continue;
				if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
				// A radio drawn as a picture card: the card (its label) is the target, counted as a label.
				if (el instanceof HTMLInputElement && getComputedStyle(el).opacity === '0' && el.labels?.length) continue;
				const r = el.getBoundingClientRect();
				if (r.width === 0 && r.height === 0) continue; // not rendered (e.g. inside a closed <details>)
				if (r.width < 24 || r.height < 24) found.push(`${el.tagName.toLowerCase()} ${Math.round(r.width)}×${Math.round(r.height)} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
			}
			return found;
		});
		expect(small, path).toEqual([]);
		}
	});
}

test("a young person reads what her guardians see, and it changes when she hides her plan", async ({ page }) => {
	const family = `fam-e2e-guardians${Date.now()}`;
	seedFamily(family, { young: true, accounts: true });
	await signIn(page, `${family}-young`);
	await page.goto('/family/privacy');
	const see = page.locator('section[aria-labelledby="guardians-see-heading"]');
	const mother = see.locator(`li[data-guardian="${family}-parent"]`);
	await expect(mother).toContainText('Huoltajasi Paula näkee: palvelusi, suunnitelmasi, tapaamisesi ja mitä jaoit perheelle.');
	await expect(mother).toContainText('Ei näe: muistiinpanojasi, jotka pidit itselläsi tai jaoit vain tiimille.');
	await expectAccessible(page);

	const hide = page.locator('section[aria-labelledby="hide-heading"]');
	await hide.getByRole('checkbox', { name: 'suunnitelma' }).check();
	await hide.getByRole('button', { name: 'Tallenna' }).click();
	await expect(page.getByRole('status')).toHaveText('Valintasi tallennettiin. Se on voimassa heti.');
	await expect(mother).toContainText('Huoltajasi Paula näkee: palvelusi, tapaamisesi ja mitä jaoit perheelle.');
	await expect(mother).toContainText('Ei näe: suunnitelmasi (piilotit sen) ja muistiinpanojasi, jotka pidit itselläsi tai jaoit vain tiimille.');
});
