import { redirect, type Cookies } from '@sveltejs/kit';
import { languageNames } from '$lib/language-names';
import { m } from '$lib/paraglide/messages';
import { cookieMaxAge, cookieName, isLocale, locales } from '$lib/paraglide/runtime';
import { formInput } from '$lib/server/form-actions';
import { sameSitePath } from '$lib/server/same-site-path';
import type { RequestHandler } from './$types';

/** The choice is remembered in paraglide's cookie, which the locale strategy reads first. */
function rememberLocale(cookies: Cookies, locale: string) {
	cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
}

/**
 * The header's language links: `/language?locale=sv&to=/family` remembers the language and
 * goes back to `to`, a path of this site (anything else goes home). A plain link, so it
 * works without JavaScript. An unknown language is a 400 that says so; nothing is set.
 */
export const GET: RequestHandler = ({ url, cookies }) => {
	const locale = url.searchParams.get('locale') ?? '';
	if (!isLocale(locale)) {
		const languages = locales.map((known) => `${languageNames[known]} (${known})`).join(', ');
		return new Response(m.language_unknown({ languages }), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	rememberLocale(cookies, locale);
	redirect(303, sameSitePath(url.searchParams.get('to') ?? '/'));
};

/** The same as a form post (`locale`, `redirectTo`), kept for forms and tests that post it. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await formInput(request);
	const locale = String(form.locale ?? '');
	if (isLocale(locale)) rememberLocale(cookies, locale);
	redirect(303, sameSitePath(String(form.redirectTo ?? '/')));
};
