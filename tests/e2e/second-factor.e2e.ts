/**
 * The second factor (#17) in Chromium: a new professional sets up an authenticator app
 * right after changing the temporary password, a recovery code works once, an
 * administrator resets a lost factor (she is told, and enrols again), and a virtual
 * WebAuthn authenticator (Chromium's DevTools protocol) registers a passkey and later
 * signs in with it. Axe on every page.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, signIn, withUnusedCodeOnPage } from './helpers';

const NEW_PASSWORD = 'oma pitkä salasanalause';

/** The administrator adds a professional; returns her username, name and temporary password. */
async function addProfessional(admin: Page, label: string) {
	const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
	const username = `${label}${stamp}`;
	const name = `Testi ${label} ${stamp}`;
	const add = admin.locator('form[action="?/createProfessional"]');
	await add.getByLabel('Nimi', { exact: true }).fill(name);
	await add.getByLabel('Käyttäjätunnus').fill(username);
	await add.getByLabel('Organisaatio', { exact: true }).selectOption({ label: 'Vuosaaren peruskoulu' });
	await add.getByRole('button', { name: 'Lisää ammattilainen' }).click();
	const temporary = (await admin.locator('[data-temporary-password] .secret').textContent())!.trim();
	return { username, name, temporary };
}

/** Her first sign-in: the temporary password, then her own; she lands on the enrolment page. */
async function firstSignIn(browser: Browser, username: string, temporary: string) {
	const context = await browser.newContext({ locale: 'fi-FI' });
	const page = await context.newPage();
	await signIn(page, username, temporary);
	await page.getByLabel('Nykyinen salasana').fill(temporary);
	await page.getByLabel('Uusi salasana', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('Uusi salasana uudelleen').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Vaihda salasana' }).click();
	await expect(page).toHaveURL(/\/second-factor\/enrol\?done=changePassword$/);
	return { context, page };
}

test('a new professional sets up an app, a recovery code works once, and an administrator resets the lost factor', async ({ page, browser }) => {
	await signIn(page, 'admin');
	const her = await addProfessional(page, 'totp');
	const { context, page: pro } = await firstSignIn(browser, her.username, her.temporary);
	await expect(pro.getByRole('status')).toHaveText('Salasanasi vaihdettiin. Muut istuntosi päätettiin.');
	// Nothing else opens before the factor.
	await pro.goto('/pro');
	await expect(pro).toHaveURL(/\/second-factor\/enrol$/);
	expect((await pro.request.get('/api/v1/families')).status()).toBe(403);
	await expectAccessible(pro);

	// The key as text and as an otpauth link; a wrong code is refused, the right one enrols.
	const secret = (await pro.locator('input[name="secret"]').inputValue());
	await expect(pro.locator('[data-totp-key]')).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
	await expect(pro.getByRole('link', { name: 'avaa sovelluksessa' })).toHaveAttribute('href', /^otpauth:\/\/totp\//);
	await pro.getByLabel('Koodi sovelluksesta (6 numeroa)').fill('000000');
	await pro.getByRole('button', { name: 'Ota sovellus käyttöön' }).click();
	await expect(pro.getByRole('alert')).toHaveText('Koodi ei kelpaa. Tarkista se ja yritä uudelleen.');
	await withUnusedCodeOnPage(pro, her.username, secret, async (code) => {
		await pro.getByLabel('Koodi sovelluksesta (6 numeroa)').fill(code);
		await pro.getByRole('button', { name: 'Ota sovellus käyttöön' }).click();
		await expect(pro.getByRole('status')).toHaveText('Toinen tunnistautuminen on käytössä.');
	});
	const codes = await pro.locator('[data-recovery-codes] code').allTextContents();
	expect(codes).toHaveLength(10);
	await expectAccessible(pro);
	await pro.getByRole('link', { name: 'Jatka' }).click();
	await expect(pro).toHaveURL(/\/pro$/);
	expect((await pro.request.get('/api/v1/families')).status()).toBe(200);

	// Her account page: this session, and the sign-ins.
	await pro.goto('/account');
	await expect(pro.locator('[data-session="current"]')).toBeVisible();
	await expect(pro.locator('[data-sign-in="ok"]').first()).toBeVisible();
	await expectAccessible(pro);

	// Next sign-in: the factor page; a recovery code works once.
	const signInAgain = async () => {
		await pro.context().clearCookies();
		await signIn(pro, her.username, NEW_PASSWORD);
		await expect(pro).toHaveURL(/\/second-factor$/);
	};
	await signInAgain();
	await expectAccessible(pro);
	await pro.getByRole('textbox', { name: 'Varakoodi' }).fill(codes[0]);
	await pro.getByRole('button', { name: 'Käytä varakoodia' }).click();
	await expect(pro).toHaveURL(/\/pro$/);
	await signInAgain();
	await pro.getByRole('textbox', { name: 'Varakoodi' }).fill(codes[0]);
	await pro.getByRole('button', { name: 'Käytä varakoodia' }).click();
	await expect(pro.getByRole('alert')).toHaveText('Koodi ei kelpaa. Tarkista se ja yritä uudelleen.');
	// A code of a step after the one that enrolled the app: each code signs in once.
	await withUnusedCodeOnPage(pro, her.username, secret, async (code) => {
		await pro.getByLabel('Koodi sovelluksesta (6 numeroa)').fill(code);
		await pro.getByRole('button', { name: 'Vahvista' }).click();
		await expect(pro).toHaveURL(/\/pro$/);
	});

	// The administrator resets the lost factor: logged; her session ends; she is told and enrols again.
	await page.goto('/admin');
	await page.getByRole('button', { name: `Nollaa toinen tunnistautuminen: ${her.name}` }).click();
	await expect(page.getByRole('status')).toHaveText('Toinen tunnistautuminen on nollattu. Henkilö ottaa sen käyttöön uudelleen seuraavalla kirjautumisella.');
	await expect(page.locator('[data-administration-log]')).toContainText('nollasi toisen tunnistautumisen');
	await expectAccessible(page);
	await pro.goto('/pro');
	await expect(pro).toHaveURL(/\/login$/);
	await signIn(pro, her.username, NEW_PASSWORD);
	await expect(pro).toHaveURL(/\/second-factor\/enrol$/);
	await expect(pro.locator('[data-factor-reset]')).toContainText('Ylläpitäjä nollasi toisen tunnistautumisesi');
	await expectAccessible(pro);
	await context.close();
});

test('a passkey from a virtual authenticator registers and later signs in', async ({ page, browser }) => {
	await signIn(page, 'admin2');
	const her = await addProfessional(page, 'passkey');
	const { context, page: pro } = await firstSignIn(browser, her.username, her.temporary);
	// Chromium's virtual authenticator: a platform passkey with user verification.
	const cdp = await context.newCDPSession(pro);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true }
	});
	await pro.getByRole('button', { name: 'Luo pääsyavain' }).click();
	await expect(pro.getByRole('status')).toHaveText('Toinen tunnistautuminen on käytössä.');
	await expect(pro.locator('[data-recovery-codes] code')).toHaveCount(10);
	await pro.getByRole('link', { name: 'Jatka' }).click();
	await expect(pro).toHaveURL(/\/pro$/);

	// Later: password, then the passkey.
	await context.clearCookies();
	await signIn(pro, her.username, NEW_PASSWORD);
	await expect(pro).toHaveURL(/\/second-factor$/);
	await expectAccessible(pro);
	expect((await pro.request.get('/api/v1/families')).status()).toBe(403);
	await pro.getByRole('button', { name: 'Käytä pääsyavainta' }).click();
	await expect(pro).toHaveURL(/\/pro$/);
	expect((await pro.request.get('/api/v1/families')).status()).toBe(200);
	await pro.goto('/account');
	await expect(pro.locator('[data-sign-ins]')).toContainText('pääsyavain');
	await context.close();
});
