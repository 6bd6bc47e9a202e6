import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { rememberLanguage, setLanguageCookie } from '$lib/server/language-preference';
import { formInput } from '$lib/server/form-actions';
import type { RequestHandler } from './$types';

/** The language switch, a plain form so that it works without JavaScript; remembered in a cookie. */
export const POST: RequestHandler = async ({ request, cookies, locals }) => {
	const form = await formInput(request);
	const locale = String(form.locale ?? '');
	const back = String(form.redirectTo ?? '/');
	if (isLocale(locale)) {
		setLanguageCookie(cookies, locale);
		// A signed-in person's choice follows them to their other devices and next sign-ins.
		if (locals.accountId) rememberLanguage(getDb(), locals.accountId, locale);
	}
	// Only paths of this site: never an open redirect.
	redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
