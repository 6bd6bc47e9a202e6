/**
 * One clock per test run, proved across Helsinki midnight: the run's clock is set a few
 * seconds before midnight, the demo is loaded for that day, and the date-sensitive checks
 * run before and after the server's clock passes midnight. The dates the pages show come
 * from the data loaded for the run's day, so they match the expectations computed once
 * from that day; a safety signal sent just after midnight is dated by its Helsinki day,
 * not by its UTC day (which is still the day before).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatDate } from '../../src/lib/format';
import { addDays } from '../../src/lib/server/time';
import { helsinkiMidnightAfter, runClockShift, setRunClock, testNow, testToday } from '../support/run-clock';
import { DEMO_PASSWORD, ROOT, demoDate, demoScenarioText, login, startServer, type RunningServer } from '../support/server';

const SECONDS_BEFORE_MIDNIGHT = 12;

let server: RunningServer;
let runDay: string;
let midnight: Date;
const previousClock = { shift: process.env.PORTAL_TEST_CLOCK_SHIFT_MS, day: process.env.PORTAL_TEST_DAY };

beforeAll(async () => {
	runClockShift();
	runDay = testToday();
	midnight = helsinkiMidnightAfter(runDay);
	setRunClock(new Date(midnight.getTime() - SECONDS_BEFORE_MIDNIGHT * 1000));
	server = await startServer({ scenario: demoScenarioText() });
});

afterAll(async () => {
	await server?.stop();
	process.env.PORTAL_TEST_CLOCK_SHIFT_MS = previousClock.shift;
	process.env.PORTAL_TEST_DAY = previousClock.day;
});

async function page(path: string, cookie: string): Promise<string> {
	const response = await fetch(`${server.url}${path}`, { headers: { cookie, 'accept-language': 'en' } });
	expect(response.status).toBe(200);
	return response.text();
}

async function signedIn(username: string): Promise<string> {
	const { cookie } = await login(server.url, username, DEMO_PASSWORD);
	if (!cookie) throw new Error(`${username} could not sign in`);
	return cookie;
}

/** The service path's dates, as the e2e tests check them, from the one day of the run. */
function expectPathDates(html: string) {
	expect(html).toContain(`began ${formatDate(demoDate('2026-10-01'), 'en')}`);
	expect(html).toContain(`began ${formatDate(demoDate('2026-08-18'), 'en')}`);
	expect(html).toContain(`planned for ${formatDate(demoDate('2027-03-31'), 'en')}`);
}

describe('a run that passes Helsinki midnight', () => {
	test('the data, the expectations and the server keep the run day; a signal just after midnight has its Helsinki date', async () => {
		const amal = await signedIn('amal');
		expect(testNow().getTime()).toBeLessThan(midnight.getTime());
		expectPathDates(await page('/family/situation', amal));
		expect(testToday()).toBe(runDay);

		// Past midnight on the run's clock: the server's day has turned.
		await new Promise((done) => setTimeout(done, midnight.getTime() - testNow().getTime() + 500));
		expect(testNow().getTime()).toBeGreaterThan(midnight.getTime());
		expectPathDates(await page('/family/situation', amal));

		// A signal sent now is dated today in Helsinki, although its UTC date is still the run day.
		const sent = await fetch(`${server.url}/family?/sendSafetySignal`, {
			method: 'POST', redirect: 'manual',
			headers: { cookie: amal, origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ word: '' })
		});
		expect(sent.status).toBe(303);
		expect(testNow().toISOString().slice(0, 10)).toBe(runDay);
		const work = await page('/pro', await signedIn('anna'));
		const signal = /<li[^>]*data-reminder="safety-signal"[^>]*>([\s\S]*?)<\/li>/.exec(work);
		expect(signal?.[1]).toContain(formatDate(addDays(runDay, 1), 'en'));
		expect(signal?.[1]).not.toContain(formatDate(runDay, 'en'));
	});
});

test('the portal itself has no clock that can be set: nothing in its build reads the test clock', () => {
	const files = readdirSync(join(ROOT, 'build'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(js|mjs|cjs)$/.test(f.name));
	expect(files.length).toBeGreaterThan(10);
	const readers = files.filter((f) => readFileSync(join(f.parentPath, f.name), 'utf8').includes('PORTAL_TEST_'));
	expect(readers.map((f) => f.name)).toEqual([]);
});
