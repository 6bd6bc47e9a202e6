/**
 * Calendars (K1) against the built server: "add to calendar" answers 200 text/calendar to
 * a person who may see the meeting and 404 to anyone else (as for a meeting that does not
 * exist); the personal feed is read without a session at its secret link, a wrong secret
 * answers 404, and a renewed or removed link stops at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIcs } from '../support/ics';
import { DEMO_AS_OF, DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';
import { daysBetween } from '../../src/lib/server/scenario/shift';
import { testToday } from '../support/run-clock';

/** The demo's meet-lahtinen-plan (2026-11-27 10:00 Helsinki) as loaded: moved by whole days to the run's day. */
const planStart = Date.parse('2026-11-27T10:00:00+02:00') + daysBetween(DEMO_AS_OF, testToday()) * 86_400_000;

/** An instant as a Helsinki wall-clock time by the runtime's zone data, `2026-11-27T10:00:00`. */
const helsinkiWall = (instant: number) => new Date(instant).toLocaleString('sv-SE', { timeZone: 'Europe/Helsinki' }).replace(' ', 'T');

let server: RunningServer;
const cookies: Record<string, string> = {};
beforeAll(async () => {
	server = await startServer();
	for (const name of ['sari', 'jari', 'amal', 'hanna', 'mikko', 'admin']) cookies[name] = (await login(server.url, name, DEMO_PASSWORD)).cookie!;
});
afterAll(async () => { await server?.stop(); });

async function get(path: string, who?: string) {
	const response = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: who ? { cookie: cookies[who] } : {} });
	return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), location: response.headers.get('location'), text: await response.text() };
}

/** Posts an account-calendar form as a browser does and returns the link shown once, if any. */
async function post(action: 'renew' | 'remove', who: string) {
	const response = await fetch(`${server.url}/account/calendar?/${action}`, {
		method: 'POST', redirect: 'manual',
		headers: { cookie: cookies[who], origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ confirm: '1' })
	});
	const text = await response.text();
	const link = /value="(http[^"]+\/calendar\/[a-z2-7]+\.ics)"/.exec(text)?.[1] ?? null;
	return { status: response.status, link: link && new URL(link).pathname };
}

describe('GET /calendar/meetings/{id}.ics', () => {
	it('answers 200 text/calendar to a person who may see the meeting', async () => {
		for (const who of ['sari', 'hanna']) {
			const answer = await get('/calendar/meetings/meet-lahtinen-plan.ics', who);
			expect(answer.status).toBe(200);
			expect(answer.type).toBe('text/calendar; charset=utf-8');
			expect(answer.cache).toContain('no-store');
			expect(answer.text).toContain('DTSTART;TZID=Europe/Helsinki:');
			expect(answer.text).not.toMatch(/Asiakassuunnitelmaneuvottelu|lahtinen|Eveliina|Sari/i);
			// Read back by ical.js through the file's own VTIMEZONE: the meeting's instant, at its Helsinki time.
			const [event, ...others] = readIcs(answer.text).events;
			expect(others).toEqual([]);
			expect(event.startZone).toBe('Europe/Helsinki');
			expect(event.startInstant).toBe(planStart);
			expect(event.startWall).toBe(helsinkiWall(planStart));
		}
	});

	it('answers 404 to a person who may not see it, the same as for a meeting that does not exist', async () => {
		const missing = await get('/calendar/meetings/meet-nothing.ics', 'sari');
		expect(missing.status).toBe(404);
		for (const who of ['jari', 'amal', 'mikko', 'admin']) {
			const answer = await get('/calendar/meetings/meet-lahtinen-plan.ics', who);
			expect(answer.status, who).toBe(404);
			expect(answer.text).toBe(missing.text);
		}
	});

	it('sends someone not signed in to sign in', async () => {
		const answer = await get('/calendar/meetings/meet-lahtinen-plan.ics');
		expect(answer.status).toBe(303);
		expect(answer.location).toBe('/login');
	});

	it('is linked beside the meetings a member sees, and not beside those she does not', async () => {
		const sari = await get('/family/meetings', 'sari');
		expect(sari.text).toContain('href="/calendar/meetings/meet-lahtinen-plan.ics"');
		const jari = await get('/family/meetings', 'jari');
		expect(jari.text).not.toContain('meet-lahtinen-plan');
	});
});

describe('the personal feed /calendar/{secret}.ics', () => {
	it('is read without a session, lists what its owner may see, and a wrong secret answers 404', async () => {
		const { status, link } = await post('renew', 'jari');
		expect(status).toBe(200);
		expect(link).toMatch(/^\/calendar\/[a-z2-7]{52}\.ics$/);
		const feed = await get(link!);
		expect(feed.status).toBe(200);
		expect(feed.type).toBe('text/calendar; charset=utf-8');
		expect(feed.text.match(/BEGIN:VEVENT/g)).toHaveLength(1); // his own meeting, not Eveliina's (M6)
		const { events } = readIcs(feed.text);
		expect(events).toHaveLength(1);
		expect(events[0].startWall).toBe(helsinkiWall(events[0].startInstant));
		const wrong = link!.replace(/\/calendar\/./, (s) => s.slice(0, -1) + (s.endsWith('a') ? 'b' : 'a'));
		expect((await get(wrong)).status).toBe(404);
		expect((await get('/calendar/not-a-secret.ics')).status).toBe(404);
	});

	it('renewing stops the old link at once; removing stops the new one', async () => {
		const first = (await post('renew', 'sari')).link!;
		expect((await get(first)).status).toBe(200);
		const second = (await post('renew', 'sari')).link!;
		expect(second).not.toBe(first);
		expect((await get(first)).status).toBe(404);
		expect((await get(second)).status).toBe(200);
		const removed = await post('remove', 'sari');
		expect(removed.status).toBe(303);
		expect((await get(second)).status).toBe(404);
	});

	it('the account page says whether there is a link, never the link itself; an administrator has none', async () => {
		const link = (await post('renew', 'amal')).link!;
		const page = await get('/account/calendar', 'amal');
		expect(page.status).toBe(200);
		expect(page.text).toContain('data-calendar-state="on"');
		expect(page.text).not.toContain(link.slice(10, 62));
		expect((await get('/account', 'amal')).text).toContain('href="/account/calendar"');
		expect((await get('/account/calendar', 'admin')).status).toBe(404);
		expect((await get('/account', 'admin')).text).not.toContain('href="/account/calendar"');
	});
});
