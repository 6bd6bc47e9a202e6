/**
 * Families' e-identification (#17) in Chromium against a real OpenID provider started
 * here (`oidc-provider` with its built-in login form): the coordinator gives a sign-in
 * code, the member's first e-identification links with it, the next one goes straight
 * in; an identity without a code gets a clear page and no session. Axe on the portal's pages.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createTestProvider, type TestProvider } from '../support/oidc-provider';
import { startServer, type RunningServer } from '../support/server';
import { expectAccessible, signIn } from './helpers';

/** A portal of this worker's own, configured for a provider of its own. */
const withProvider = test.extend<object, { oidc: { server: RunningServer; provider: TestProvider } }>({
	oidc: [async ({}, use) => {
		const provider = await createTestProvider();
		const server = await startServer({ env: provider.env });
		await provider.serve(server.url);
		await use({ server, provider });
		await server.stop();
		await provider.stop();
	}, { scope: 'worker', timeout: 60_000 }],
	baseURL: async ({ oidc }, use) => use(oidc.server.url)
});

/** From the portal's login page through the provider's own forms as `subject`, back to the portal. */
async function identify(page: Page, subject: string) {
	await page.goto('/login');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Kirjaudu vahvalla tunnistautumisella' }).click();
	await page.locator('input[name="login"]').fill(subject);
	await page.locator('input[name="password"]').fill('any password');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	// The provider asks to consent to the portal once per session.
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.waitForURL((url) => url.pathname.startsWith('/login/oidc/link') || url.pathname.startsWith('/family'));
}

async function familyPage(browser: Browser, baseURL: string) {
	const context = await browser.newContext({ locale: 'fi-FI', baseURL });
	return { context, page: await context.newPage() };
}

withProvider('a member links her e-identification with the coordinator\'s code, then signs in with it alone', async ({ page, browser, oidc }) => {
	await signIn(page, 'anna');
	await page.goto('/pro/families/fam-haddad');
	const tools = page.locator('section[aria-labelledby="tools-heading"]');
	await tools.getByText('Perheenjäsenet ja kirjautumiskoodit').click();
	await tools.getByLabel('Etunimi').fill('Rami');
	await tools.getByLabel('Syntymäaika').fill('1984-04-04');
	await tools.getByRole('button', { name: 'Lisää perheenjäsen' }).click();
	await expect(page.getByRole('status')).toHaveText('Perheenjäsen lisättiin.');
	await page.locator('section[aria-labelledby="tools-heading"]').getByText('Perheenjäsenet ja kirjautumiskoodit').click();
	await page.getByRole('button', { name: 'Luo kirjautumiskoodi: Rami' }).click();
	const code = (await page.locator('[data-sign-in-code] .secret').textContent())!.trim();

	const first = await familyPage(browser, oidc.server.url);
	await identify(first.page, 'e2e-subject-rami');
	await expect(first.page).toHaveURL(/\/login\/oidc\/link$/);
	await expect(first.page.getByRole('heading', { level: 1 })).toHaveText('Yhdistä tunnistautumisesi');
	await expectAccessible(first.page);
	// A wrong code first: told so beside the form, still not signed in.
	await first.page.getByLabel('Kirjautumiskoodi').fill('AAAA-BBBB-CCCC');
	await first.page.getByRole('button', { name: 'Yhdistä ja kirjaudu' }).click();
	await expect(first.page.getByRole('alert')).toContainText('Koodi ei kelpaa');
	await expectAccessible(first.page);
	expect((await first.context.cookies()).some((c) => c.name === 'session')).toBe(false);
	await first.page.getByLabel('Kirjautumiskoodi').fill(code);
	await first.page.getByRole('button', { name: 'Yhdistä ja kirjaudu' }).click();
	await first.page.waitForURL((url) => url.pathname === '/family');
	await expect(first.page.locator('body')).toContainText('Rami');
	await expectAccessible(first.page);
	await first.context.close();

	const later = await familyPage(browser, oidc.server.url);
	await identify(later.page, 'e2e-subject-rami');
	await expect(later.page).toHaveURL(/\/family$/);
	await expect(later.page.locator('body')).toContainText('Rami');
	await later.context.close();
});

withProvider('an identity that is not linked, without a code, gets a clear page and no session', async ({ browser, oidc }) => {
	const { context, page } = await familyPage(browser, oidc.server.url);
	await identify(page, 'e2e-subject-nobody');
	await expect(page).toHaveURL(/\/login\/oidc\/link$/);
	await expect(page.getByText('Eikö sinulla ole koodia? Pyydä sitä sosiaalityöntekijältäsi. Et ole vielä kirjautunut sisään.')).toBeVisible();
	await expectAccessible(page);
	expect((await context.cookies()).some((c) => c.name === 'session')).toBe(false);
	// An answer from the provider that this browser did not ask for: refused, and said so.
	await page.goto('/login/oidc/callback?code=made-up&state=made-up');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tunnistautuminen ei onnistunut');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Takaisin kirjautumiseen' }).click();
	await expect(page).toHaveURL(/\/login$/);
	expect((await context.cookies()).some((c) => c.name === 'session')).toBe(false);
	await context.close();
});
