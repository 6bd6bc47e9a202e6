/**
 * The demo in every interface language (issue #14): each persona's pages answer in the
 * language chosen, with `lang` and `dir` on <html> (right to left for Arabic and Persian),
 * and no page falls back to the base language's words for its title.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

const { locales } = JSON.parse(readFileSync(new URL('../../project.inlang/settings.json', import.meta.url), 'utf8')) as { locales: string[] };
const RIGHT_TO_LEFT = new Set(['ar', 'fa']);
const message = (locale: string, key: string) =>
	(JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>)[key];

/** Who reaches which pages: every family page, the professional's today and summary, administration, the public pages. */
const VISITS: { who: string | null; paths: string[] }[] = [
	{ who: null, paths: ['/login', '/accessibility'] },
	{ who: 'amal', paths: ['/family', '/family/situation', '/family/plan', '/family/meetings', '/family/voice', '/family/privacy', '/family/messages', '/family/messages?thread=th-amal-anna', '/account'] },
	{ who: 'yasmin', paths: ['/family', '/family/privacy'] },
	{ who: 'anna', paths: ['/pro', '/pro/families/fam-haddad', '/pro/families/fam-haddad/messages?thread=th-amal-anna'] },
	{ who: 'marja', paths: ['/pro/outcomes'] },
	{ who: 'admin', paths: ['/admin'] }
];

let server: RunningServer;
const sessions = new Map<string, string>();
beforeAll(async () => {
	server = await startServer();
	for (const { who } of VISITS) if (who) sessions.set(who, (await login(server.url, who, DEMO_PASSWORD)).cookie!);
});
afterAll(async () => { await server?.stop(); });

describe.each(locales)('in %s', (locale) => {
	it('every page answers in it, with lang and dir', async () => {
		const dir = RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
		const appName = message(locale, 'app_name');
		for (const { who, paths } of VISITS) {
			for (const path of paths) {
				const cookie = [`PARAGLIDE_LOCALE=${locale}`, who ? sessions.get(who) : null].filter(Boolean).join('; ');
				const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: 'manual' });
				expect(response.status, `${who} ${path}`).toBe(200);
				const html = await response.text();
				expect(html, `${who} ${path}`).toContain(`<html lang="${locale}" dir="${dir}">`);
				expect(html, `${who} ${path}`).toContain(appName.replaceAll('&', '&amp;'));
			}
		}
	});
});
