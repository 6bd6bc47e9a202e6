import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { formInput } from '$lib/server/form-actions';
import type { RequestHandler } from './$types';

/** The language switch, a plain form so that it works without JavaScript; remembered in a cookie. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await formInput(request);
	const locale = String(form.locale ?? '');
	const back = String(form.redirectTo ?? '/');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
	}
	// Only paths of this site: never an open redirect.
	redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
