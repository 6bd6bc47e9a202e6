import { redirect, type Cookies } from '@sveltejs/kit';
import { languageNames } from '$lib/language-names';
import { m } from '$lib/paraglide/messages';
import { isLocale, locales } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { formInput } from '$lib/server/form-actions';
import { rememberLanguage, setLanguageCookie } from '$lib/server/language-preference';
import { sameSitePath } from '$lib/server/same-site-path';
import type { RequestHandler } from './$types';

/**
 * The choice is remembered in paraglide's cookie, which the locale strategy reads first,
 * and for a signed-in person on the account too: it follows them to their other devices
 * and next sign-ins, over the language recorded for them.
 */
function rememberLocale(cookies: Cookies, accountId: string | null, locale: string) {
	setLanguageCookie(cookies, locale);
	if (accountId) rememberLanguage(getDb(), accountId, locale);
}

/**
 * The header's language links: `/language?locale=sv&to=/family` remembers the language and
 * goes back to `to`, a path of this site (anything else goes home). A plain link, so it
 * works without JavaScript. An unknown language is a 400 that says so; nothing is set.
 */
export const GET: RequestHandler = ({ url, cookies, locals }) => {
	const locale = url.searchParams.get('locale') ?? '';
	if (!isLocale(locale)) {
		const languages = locales.map((known) => `${languageNames[known]} (${known})`).join(', ');
		return new Response(m.language_unknown({ languages }), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	rememberLocale(cookies, locals.accountId, locale);
	redirect(303, sameSitePath(url.searchParams.get('to') ?? '/'));
};

/** The same as a form post (`locale`, `redirectTo`), kept for forms and tests that post it. */
export const POST: RequestHandler = async (event) => {
	const form = await formInput(event);
	const locale = String(form.locale ?? '');
	if (isLocale(locale)) rememberLocale(event.cookies, event.locals.accountId, locale);
	redirect(303, sameSitePath(String(form.redirectTo ?? '/')));
};
