import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { addDays } from '../../src/lib/server/time';
import { readIcs } from '../support/ics';
import { testToday } from '../support/run-clock';
import { expectAccessible, seedFamily, signIn } from './helpers';

/** Calendars (K1) on a phone: the link is made, renewed and stops; a meeting downloads as .ics. */
test.use({ viewport: { width: 390, height: 844 } });

/** A GET without any cookie, as a calendar application reads the feed. */
async function readWithoutSession(path: string): Promise<{ status: number; type: string | null; text: string }> {
	const response = await fetch(new URL(path, process.env.E2E_BASE_URL));
	return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function shownLink(page: Page): Promise<string> {
	const link = await page.locator('#calendar-link').inputValue();
	expect(link).toMatch(/\/calendar\/[a-z2-7]{52}\.ics$/);
	return new URL(link).pathname;
}

test('a member makes a calendar link, renews it, and the old one stops', async ({ page }) => {
	test.slow();
	const family = `fam-e2e-cal${Date.now()}`;
	seedFamily(family, { accounts: true });
	const start = `${addDays(testToday(), 3)}T10:30:00+02:00`;
	const db = new Database(process.env.E2E_DATABASE_PATH!);
	db.prepare('INSERT INTO meetings (id, family_id, start, title, member_ids, professional_ids) VALUES (?, ?, ?, ?, ?, ?)')
		.run(`${family}-meet`, family, start, 'Paulan ja Kallen tapaaminen', JSON.stringify([`${family}-parent`]), '[]');
	db.close();

	await signIn(page, `${family}-parent`);
	await page.goto('/account');
	await page.getByRole('link', { name: 'Tapaamiset omaan kalenteriin' }).click();
	await expect(page).toHaveURL(/\/account\/calendar$/);
	await expect(page.getByText('Sinulla ei ole kalenterilinkkiä.')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Tee kalenterilinkki' }).click();
	const first = await shownLink(page);
	await expectAccessible(page);
	const feed = await readWithoutSession(first);
	expect(feed.status).toBe(200);
	expect(feed.type).toBe('text/calendar; charset=utf-8');
	expect(feed.text).toContain('SUMMARY:Tapaaminen – perheportaali');
	expect(feed.text).toContain('DTSTART;TZID=Europe/Helsinki:');
	expect(feed.text).toMatch(/T103000\r\n/);
	expect(feed.text).not.toMatch(/Paula|Kalle/);
	expect(readIcs(feed.text).events.map((e) => [e.startZone, e.startInstant])).toEqual([['Europe/Helsinki', Date.parse(start)]]);

	// The link is shown once: the page opened again only says there is one.
	await page.goto('/account/calendar');
	await expect(page.locator('#calendar-link')).toHaveCount(0);
	await expect(page.locator('[data-calendar-state="on"]')).toBeVisible();
	await page.getByRole('button', { name: 'Tee uusi linkki' }).click();
	const second = await shownLink(page);
	expect(second).not.toBe(first);
	expect((await readWithoutSession(first)).status).toBe(404);
	expect((await readWithoutSession(second)).status).toBe(200);

	await page.goto('/account/calendar');
	await page.getByRole('button', { name: 'Poista linkki' }).click();
	await expect(page.locator('[data-calendar-removed]')).toBeVisible();
	await expectAccessible(page);
	expect((await readWithoutSession(second)).status).toBe(404);

	// "Add to calendar" beside the meeting on the family pages downloads its entry.
	await page.goto('/family/meetings');
	await expectAccessible(page);
	const download = page.waitForEvent('download');
	await page.locator(`#meeting-${family}-meet`).getByRole('link', { name: 'Lisää kalenteriin' }).click();
	const file = await (await download).path();
	const { readFileSync } = await import('node:fs');
	const text = readFileSync(file, 'utf8');
	expect(text).toContain('DTSTART;TZID=Europe/Helsinki:');
	expect(text).not.toMatch(/Paula|Kalle|fam-e2e/);
	// Read back by ical.js through the file's own VTIMEZONE: the meeting's instant, at its Helsinki wall-clock time.
	const [event, ...others] = readIcs(text).events;
	expect(others).toEqual([]);
	expect(event.startZone).toBe('Europe/Helsinki');
	expect(event.startInstant).toBe(Date.parse(start));
	expect(event.startWall).toBe(new Date(Date.parse(start)).toLocaleString('sv-SE', { timeZone: 'Europe/Helsinki' }).replace(' ', 'T'));
	await page.goto('/family');
	await expect(page.locator('[data-calendar-add]')).toHaveAttribute('href', `/calendar/meetings/${family}-meet.ics`);
});
