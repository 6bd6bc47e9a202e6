/**
 * Messages with the team (G1-G5) at 390 × 844, checked with axe: a young person writes to
 * her worker and the worker answers; her parent's pages, API, unread count and access log
 * show nothing of it; the parent writes to the coordinator; the blocked father of the demo
 * reads only his thread with the coordinator.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, seedFamily, signIn } from './helpers';

test.use({ viewport: { width: 390, height: 844 } });

async function startThread(page: Page, person: string, text: string) {
	await page.goto('/family/messages');
	await expectAccessible(page);
	await page.locator(`input[name="participants"][value="${person}"]`).check();
	await page.locator('form[action="?/startThread"] textarea[name="text"]').fill(text);
	await page.locator('form[action="?/startThread"] button[type="submit"]').click();
	await expect(page.locator('[data-open-thread]')).toBeVisible();
	return (await page.locator('[data-open-thread]').getAttribute('data-open-thread'))!;
}

test('a young person writes to her worker, who answers; her parent sees nothing of it; the parent writes to the coordinator', async ({ browser }) => {
	const family = `fam-msg-${Date.now()}`;
	seedFamily(family, { young: true, accounts: true, teamMember: 'pro-ville' });
	const secret = 'Voinko puhua sinulle kahden kesken?';

	const young = await (await browser.newContext()).newPage();
	await signIn(young, `${family}-young`);
	const threadId = await startThread(young, 'professional:pro-ville', secret);
	await expect(young.locator(`[data-open-thread="${threadId}"]`)).toContainText(secret);

	const worker = await (await browser.newContext()).newPage();
	await signIn(worker, 'ville');
	await worker.goto('/pro');
	await expect(worker.locator(`[data-unread-family="${family}"]`)).toBeVisible();
	await worker.goto(`/pro/families/${family}/messages?thread=${threadId}#messages`);
	await expectAccessible(worker);
	await expect(worker.locator(`[data-open-thread="${threadId}"]`)).toContainText(secret);
	await worker.locator('form[action$="/replyInThread"] textarea[name="text"]').fill('Totta kai. Soitan huomenna.');
	await worker.locator('form[action$="/replyInThread"] button[type="submit"]').click();
	await expect(worker.locator(`[data-open-thread="${threadId}"]`)).toContainText('Soitan huomenna');

	await young.goto('/family');
	await expect(young.locator('[data-now-messages]')).toHaveAttribute('data-now-messages', '1');
	await expectAccessible(young);

	const parent = await (await browser.newContext()).newPage();
	await signIn(parent, `${family}-parent`);
	await parent.goto('/family');
	await expect(parent.locator('[data-now-messages]')).toHaveAttribute('data-now-messages', '0');
	let seen = '';
	for (const path of ['/family', '/family/messages', '/family/privacy', `/api/v1/families/${family}`, `/api/v1/families/${family}/access-log`]) {
		const response = await parent.request.get(path);
		expect(response.status(), path).toBe(200);
		seen += await response.text();
	}
	expect(seen).not.toContain(threadId);
	expect(seen).not.toContain(secret);
	expect(seen).not.toContain('Soitan huomenna');
	expect((await parent.goto(`/family/messages?thread=${threadId}`))?.status()).toBe(404);

	const toCoordinator = await startThread(parent, 'professional:pro-johanna', 'Milloin seuraava tapaaminen on?');
	const coordinator = await (await browser.newContext()).newPage();
	await signIn(coordinator, 'johanna');
	await coordinator.goto(`/pro/families/${family}/messages`);
	await expectAccessible(coordinator);
	await expect(coordinator.locator(`[data-thread="${toCoordinator}"]`)).toBeVisible();
	await expect(coordinator.locator(`[data-thread="${threadId}"]`)).toHaveCount(0);
});

test('the father blocked for his children reads only his thread with the coordinator and chooses only the coordinator', async ({ page }) => {
	await signIn(page, 'jari');
	await page.goto('/family/messages');
	await expectAccessible(page);
	await expect(page.locator('[data-thread="th-jari-hanna"]')).toBeVisible();
	await expect(page.locator('[data-thread="th-lahtinen-before-block"]')).toHaveCount(0);
	// G3/G4: no child he is blocked for, of the team only the coordinator (M6), and no other member: his contacts go through her.
	const choices = await page.locator('input[name="participants"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).sort());
	expect(choices).toEqual(['professional:pro-hanna']);
});
