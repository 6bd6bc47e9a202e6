import Database from 'better-sqlite3';
import { testNow } from '../support/run-clock';
import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, DEMO_PASSWORD } from './helpers';

test('the login page is in Finnish by default, labelled and accessible', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/login$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kirjaudu sisään');
	await expectAccessible(page);
});

test('a wrong password and an unknown user get the same neutral error', async ({ page }) => {
	await signIn(page, 'johanna', 'not the password');
	const error = page.getByRole('alert');
	await expect(error).toHaveText('Väärä käyttäjätunnus tai salasana.');
	await expectAccessible(page);
	await signIn(page, 'no-such-user', 'not the password');
	await expect(page.getByRole('alert')).toHaveText('Väärä käyttäjätunnus tai salasana.');
	await expect(page).toHaveURL(/\/login$/);
});

for (const [username, home, heading] of [
	['amal', '/family', 'Perheemme tilanne'],
	['anna', '/pro', 'Oma työ'],
	['admin', '/admin', 'Ylläpito']
] as const) {
	test(`${username} signs in to their home, sees their name and signs out`, async ({ page }) => {
		await signIn(page, username, DEMO_PASSWORD, { fresh: true });
		await expect(page).toHaveURL(new RegExp(`${home}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Oma tili' }).click();
		await expect(page.getByText(/^Kirjautuneena: /)).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Kirjaudu ulos', exact: true }).click();
		await expect(page).toHaveURL(/\/login$/);
		await page.goto(home);
		await expect(page).toHaveURL(/\/login$/);
	});
}

test('one kind of account cannot open another kind of home', async ({ page }) => {
	await signIn(page, 'tiina');
	await expect(page).toHaveURL(/\/family$/);
	const response = await page.goto('/pro');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sivua ei löytynyt');
	await expectAccessible(page);
});

test('signing out everywhere ends the sessions on other devices too', async ({ browser }) => {
	const phone = await browser.newContext();
	const laptop = await browser.newContext();
	const onPhone = await phone.newPage();
	const onLaptop = await laptop.newPage();
	await signIn(onPhone, 'ville', DEMO_PASSWORD, { fresh: true });
	await signIn(onLaptop, 'ville', DEMO_PASSWORD, { fresh: true });
	await expect(onLaptop).toHaveURL(/\/pro$/);
	await onPhone.goto('/account');
	await onPhone.getByRole('button', { name: 'Kirjaudu ulos kaikilta laitteilta' }).click();
	await expect(onPhone).toHaveURL(/\/login$/);
	await onLaptop.reload();
	await expect(onLaptop).toHaveURL(/\/login$/);
	await phone.close();
	await laptop.close();
});

test('an expired session sends the person back to sign in', async ({ page }) => {
	await signIn(page, 'elina', DEMO_PASSWORD, { fresh: true });
	await expect(page).toHaveURL(/\/pro$/);
	const db = new Database(process.env.E2E_DATABASE_PATH!);
	// A second ago on the server's clock, the run's (hours from the real one at some times of day).
	db.prepare("UPDATE sessions SET expires_at = ? WHERE account_id = 'pro:pro-elina'").run(testNow().getTime() - 1000);
	db.close();
	await page.reload();
	await expect(page).toHaveURL(/\/login$/);
});

test('repeated failures throttle the username with a clear message', async ({ page }) => {
	// A username of nobody's: a demo person's would stay throttled for a while, and the other
	// worker's tests sign them in meanwhile. That the right password waits too, the HTTP tests show.
	const username = `nobody-${Date.now()}`;
	for (let i = 0; i < 4; i++) {
		await signIn(page, username, 'wrong password');
		await expect(page.getByRole('alert')).toHaveText('Väärä käyttäjätunnus tai salasana.');
	}
	await signIn(page, username, 'wrong password');
	await expect(page.getByRole('alert')).toHaveText('Liian monta yritystä. Odota hetki ja yritä uudelleen.');
	await expect(page).toHaveURL(/\/login$/);
	await expectAccessible(page);
});
