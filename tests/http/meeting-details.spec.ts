/**
 * A meeting's place and booked interpreter as people read them on the built server:
 * the family on the "now" card and on /family/meetings, the language named in the
 * reader's language; the coordinator records them in the summary's meeting tool, where
 * every member's language and interpreter need is shown; a blocked member sees no
 * meeting of the child he is blocked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

async function session(username: string): Promise<string> {
	const { cookie } = await login(server.url, username, DEMO_PASSWORD);
	expect(cookie).not.toBeNull();
	return cookie!;
}
async function page(path: string, cookie: string, locale: string): Promise<string> {
	const response = await fetch(`${server.url}${path}`, { headers: { cookie: `${cookie}; PARAGLIDE_LOCALE=${locale}` } });
	expect(response.status).toBe(200);
	// Without Svelte's hydration markers, which sit between any two parts of a line.
	return (await response.text()).replaceAll(/<!--[^>]*-->/g, '');
}
/** The "now" card's next-meeting paragraph. */
const nowMeeting = (html: string) => html.match(/<p data-now-meeting="[^"]+"[^>]*>([\s\S]*?)<\/p>/)?.[1] ?? '';
const meetingCard = (html: string, id: string) => html.match(new RegExp(`<article[^>]*data-meeting="${id}"[^>]*>([\\s\\S]*?)</article>`))?.[1] ?? '';

describe('the family sees where the meeting is and the interpreter booked', () => {
	it('Amal, in Arabic: the place isolated, "interpreter booked: Arabic" in Arabic, on the home and on Meetings', async () => {
		const cookie = await session('amal');
		const home = nowMeeting(await page('/family', cookie, 'ar'));
		expect(home).toContain('<bdi>Itäkeskuksen perhekeskus, huone 3</bdi>');
		expect(home).toContain('تم حجز مترجم: العربية');
		const card = meetingCard(await page('/family/meetings', cookie, 'ar'), 'meet-haddad-weekly');
		expect(card).toContain('<bdi>Itäkeskuksen perhekeskus, huone 3</bdi>');
		expect(card).toContain('تم حجز مترجم: العربية');
	});

	it('Yasmin, in Finnish, reads the language in Finnish; in English, in English', async () => {
		const cookie = await session('yasmin');
		const home = nowMeeting(await page('/family', cookie, 'fi'));
		expect(home).toContain('Tulkki on varattu: arabia');
		// Who needs one, and beside it that it is booked.
		expect(home).toMatch(/Tulkki tarvitaan: <bdi>Amal<\/bdi><\/span>\s*<span class="tag" data-interpreter-booked="ar">Tulkki on varattu: arabia/);
		expect(meetingCard(await page('/family/meetings', cookie, 'en'), 'meet-haddad-weekly')).toContain('Interpreter booked: Arabic');
	});

	it('Jari, blocked, sees no meeting of the children (M6), so no place or interpreter of theirs', async () => {
		const html = await page('/family/meetings', await session('jari'), 'fi');
		expect(html).not.toContain('meet-lahtinen-plan');
		expect(html).not.toContain('Asiakassuunnitelmaneuvottelu');
	});
});

describe('the coordinator records them where meetings are planned', () => {
	const tool = '/pro/families/fam-haddad?tool=meeting';
	it('the meeting tool names each member\'s language and interpreter need; only the coordinator gets the place form', async () => {
		const anna = await page(tool, await session('anna'), 'fi');
		expect(anna).toMatch(/<bdi>Amal<\/bdi>\s*<span class="tag" data-member-language="ar">arabia<\/span>\s*<span class="tag">tarvitsee tulkin<\/span>/);
		expect(anna).toContain('data-meeting-details="meet-haddad-weekly"');
		const mikko = await page(tool, await session('mikko'), 'fi');
		expect(mikko).toContain('data-member-language="ar"');
		expect(mikko).not.toContain('data-meeting-details');
	});

	it('a saved place and interpreter reach the family; a bad language is refused with its message and nothing saved', async () => {
		const cookie = await session('anna');
		const post = (fields: [string, string][]) => fetch(`${server.url}/pro/families/fam-haddad?/recordMeetingDetails`, {
			method: 'POST', redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, cookie: `${cookie}; PARAGLIDE_LOCALE=fi` },
			body: new URLSearchParams(fields)
		});
		const bad = await post([['meeting', 'meet-haddad-weekly'], ['place', 'Ei tallennu'], ['interpreterBooked', 'arabia']]);
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Kieli koodina');
		const saved = await post([['meeting', 'meet-haddad-weekly'], ['place', 'Videopuhelu (linkki sähköpostilla)'], ['interpreterBooked', 'ar'], ['interpreterBooked', 'so']]);
		expect(saved.status).toBe(303);
		const home = nowMeeting(await page('/family', await session('amal'), 'en'));
		expect(home).toContain('<bdi>Videopuhelu (linkki sähköpostilla)</bdi>');
		expect(home).toContain('Interpreter booked: Arabic and Somali');
		expect(home).not.toContain('Ei tallennu');
	});
});
