/**
 * Messages with the team (G1-G5) from the professionals' side, at 390 × 844 and checked
 * with axe on every page: a team member who is not the coordinator (Liisa, Yasmin's youth
 * nurse) reads and answers only her own thread and her read reaches Yasmin's access log
 * (G5); the coordinator (Anna) sees only the threads she takes part in, starts one with a
 * member and a colleague, and adds a participant only after confirming that the newcomer
 * reads the whole thread; a coordinator is never offered to bring a blocked member together
 * with another member (Hanna and the Lahtinen father); and without JavaScript a parent
 * reads and answers a thread. A server of this file's own: the tests write messages (each
 * in threads the others do not count or list, so their order does not matter).
 */
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { testToday } from '../support/run-clock';
import type { RunningServer } from '../support/server';
import { expectAccessible, signIn, testWithOwnServer } from './helpers';


testWithOwnServer.use({ viewport: { width: 390, height: 844 } });

/** One number from the server's database, read as it is now (the tests check that nothing was written). */
function countIn(server: RunningServer, sql: string, ...params: string[]): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return (db.prepare(sql).get(...params) as { n: number }).n;
	} finally {
		db.close();
	}
}

const participantsOf = (server: RunningServer, threadId: string) =>
	countIn(server, 'SELECT count(*) AS n FROM thread_participants WHERE thread_id = ?', threadId);
const threadsOf = (server: RunningServer, familyId: string) =>
	countIn(server, 'SELECT count(*) AS n FROM threads WHERE family_id = ?', familyId);

/** The thread ids listed on the messages page, sorted. */
async function listedThreads(page: Page): Promise<string[]> {
	return (await page.locator('[data-thread]').evaluateAll((items) => items.map((i) => i.getAttribute('data-thread') ?? ''))).sort();
}

testWithOwnServer('a team member reads and answers only her own thread; the young person sees the answer and the read in her log', async ({ browser }) => {
	const nurse = await (await browser.newContext()).newPage();
	await signIn(nurse, 'liisa');
	await nurse.goto('/pro');
	await expectAccessible(nurse);
	await nurse.locator('[data-unread-family="fam-haddad"] a').click();
	await expect(nurse).toHaveURL(/\/pro\/families\/fam-haddad\/messages/);
	await expectAccessible(nurse);
	// G1: exactly her thread with Yasmin; the mother's thread with the coordinator is not there.
	expect(await listedThreads(nurse)).toEqual(['th-yasmin-nurse']);
	await expect(nurse.locator('[data-thread="th-amal-anna"]')).toHaveCount(0);
	await expect(nurse.getByText('Tarvitsemmeko tulkin')).toHaveCount(0);

	await nurse.locator('[data-thread="th-yasmin-nurse"] a').click();
	await expect(nurse.locator('[data-open-thread="th-yasmin-nurse"]')).toContainText('Nukun vieläkin huonosti.');
	await expectAccessible(nurse);
	const answer = 'Kerro torstaina lisää unesta, mietitään yhdessä.';
	await nurse.getByLabel('Vastaa').fill(answer);
	await nurse.locator('form[action$="/replyInThread"] button[type="submit"]').click();
	await expect(nurse.getByText('Viesti lähetetty.')).toBeVisible();
	await expect(nurse.locator('[data-open-thread="th-yasmin-nurse"]')).toContainText(answer);
	await expectAccessible(nurse);

	const young = await (await browser.newContext()).newPage();
	await signIn(young, 'yasmin');
	await young.goto('/family/messages?thread=th-yasmin-nurse#messages');
	await expect(young.locator('[data-open-thread="th-yasmin-nurse"]')).toContainText(answer);
	await expectAccessible(young);
	// G5: the nurse's read of the thread today, with the category "viestit", in Yasmin's log.
	await young.goto('/family/privacy');
	await expect(young.locator(`[data-log-who="pro-liisa"][data-log-day="${testToday()}"]`)).toContainText('viestit');
	await expectAccessible(young);
});

testWithOwnServer('the coordinator sees only her threads, starts one with a member and a colleague, and adds a participant only after confirming', async ({ page, ownServer }) => {
	await signIn(page, 'anna');
	await page.goto('/pro');
	await expectAccessible(page);
	// Her one unread message is Amal's question (the withdrawn one is not counted); Yasmin's private line adds nothing.
	await expect(page.locator('[data-unread-family="fam-haddad"]')).toContainText('Uusia viestejä: 1 ');
	await page.goto('/pro/families/fam-haddad');
	await expectAccessible(page);
	await expect(page.getByRole('link', { name: 'Viestit (keskusteluja: 1)' })).toBeVisible();
	await page.goto('/pro/families/fam-haddad/messages');
	await expectAccessible(page);
	expect(await listedThreads(page)).toEqual(['th-amal-anna']);
	await expect(page.locator('[data-thread="th-yasmin-nurse"]')).toHaveCount(0);

	// A new thread with a member (Amal) and a colleague of the team (Mikko).
	await page.locator('input[name="participants"][value="member:amal"]').check();
	await page.locator('input[name="participants"][value="professional:pro-mikko"]').check();
	await page.locator('#new-text').fill('Sovitaan perhetyön käynnit tässä keskustelussa.');
	await page.locator('form[action="?/startThread"] button[type="submit"]').click();
	const started = page.locator('[data-open-thread]');
	await expect(started).toContainText('Sovitaan perhetyön käynnit');
	await expect(page.locator('#open-heading')).toHaveText('Keskustelu: Amal, Mikko Korhonen');
	await expectAccessible(page);
	expect(await listedThreads(page)).toEqual(['th-amal-anna', (await started.getAttribute('data-open-thread'))!].sort());

	// Adding Mikko to her thread with Amal: first without confirming, a clear error and nothing written.
	await page.goto('/pro/families/fam-haddad/messages?thread=th-amal-anna#messages');
	await expectAccessible(page);
	const before = participantsOf(ownServer, 'th-amal-anna');
	await page.locator('#add-person').selectOption('professional:pro-mikko');
	await page.locator('form[action$="/addThreadParticipant"] button[type="submit"]').click();
	await expect(page.getByText('Vahvista ensin, että uusi osallistuja näkee koko keskustelun.')).toBeVisible();
	await expectAccessible(page);
	expect(participantsOf(ownServer, 'th-amal-anna')).toBe(before);
	await expect(page.locator('#open-heading')).toHaveText('Keskustelu: Amal');

	await page.locator('#add-person').selectOption('professional:pro-mikko');
	await page.getByLabel('Ymmärrän, että uusi osallistuja näkee koko keskustelun, myös vanhat viestit.').check();
	await page.locator('form[action$="/addThreadParticipant"] button[type="submit"]').click();
	await expect(page.getByText('Osallistuja lisätty.')).toBeVisible();
	await expect(page.locator('#open-heading')).toHaveText('Keskustelu: Amal, Mikko Korhonen');
	expect(participantsOf(ownServer, 'th-amal-anna')).toBe(before + 1);
	await expectAccessible(page);
});

testWithOwnServer('a coordinator is not offered to bring a member with a block together with another member, nor another professional', async ({ page, ownServer }) => {
	// The demo's blocked father is in the Lahtinen family, whose coordinator is Hanna.
	await signIn(page, 'hanna');
	await page.goto('/pro/families/fam-lahtinen/messages?thread=th-jari-hanna#messages');
	await expectAccessible(page);
	// Nobody is offered: no member fits with him, and no other professional is brought to him (M6: he knows only the coordinator).
	await expect(page.locator('#open-heading')).toBeVisible();
	await expect(page.locator('#add-person')).toHaveCount(0);

	// A new thread may list every member, but the father together with the mother is refused and nothing is written.
	const before = threadsOf(ownServer, 'fam-lahtinen');
	await page.locator('input[name="participants"][value="member:jari"]').check();
	await page.locator('input[name="participants"][value="member:sari"]').check();
	await page.locator('#new-text').fill('Yhteinen keskustelu vanhemmille.');
	await page.locator('form[action="?/startThread"] button[type="submit"]').click();
	await expect(page.getByText('Valitse vain listan ihmisiä, ja vähintään yksi työntekijä.')).toBeVisible();
	await expect(page.locator('#new-text')).toHaveValue('Yhteinen keskustelu vanhemmille.');
	await expectAccessible(page);
	expect(threadsOf(ownServer, 'fam-lahtinen')).toBe(before);
});

testWithOwnServer.describe('without JavaScript', () => {
	testWithOwnServer.use({ javaScriptEnabled: false });

	testWithOwnServer('a parent lists her threads, reads one and answers', async ({ page, browser }) => {
		// axe needs JavaScript in the page: each page is checked again in a scripted context with the same session.
		// (storageState would evaluate script in the page, which JavaScript being off forbids: copy the cookies.)
		const scripted = await browser.newContext({ locale: 'fi-FI', viewport: { width: 390, height: 844 }, javaScriptEnabled: true });
		const checker = await scripted.newPage();
		const expectSameAccessible = async () => {
			await scripted.addCookies(await page.context().cookies());
			await checker.goto(page.url());
			await expectAccessible(checker);
		};

		// Sari, in another family than the tests above write in: the tests do not depend on their order.
		await signIn(page, 'sari');
		await page.goto('/family/messages');
		expect(await listedThreads(page)).toEqual(['th-sari-maria']);
		await expectSameAccessible();
		await page.locator('[data-thread="th-sari-maria"] a').click();
		const open = page.locator('[data-open-thread="th-sari-maria"]');
		await expect(open).toContainText('Eetun päiväkodin kanssa pitäisi sopia hakemisesta.');
		await expectSameAccessible();
		await page.getByLabel('Vastaa').fill('Voisitko soittaa minulle huomenna?');
		await page.locator('form[action$="/replyInThread"] button[type="submit"]').click();
		await expect(page.getByText('Viesti lähetetty.')).toBeVisible();
		await expect(open).toContainText('Voisitko soittaa minulle huomenna?');
		await expectSameAccessible();
		await scripted.close();
	});
});
