import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getTextDirection } from '$lib/paraglide/runtime';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/session';
import { sessionCookieOptions } from '$lib/server/session-cookie';

const handleParaglide: Handle = ({ event, resolve }) => {
	// The JSON API has no user-visible text: it skips the locale middleware.
	if (event.url.pathname.startsWith('/api/')) return resolve(event);
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', getTextDirection(locale))
		});
	});
};

const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.principal = null;
	event.locals.session = null;
	event.locals.accountId = null;
	if (token) {
		const result = validateSessionToken(getDb(), token);
		if (result.session) {
			event.locals.principal = result.principal;
			event.locals.session = result.session;
			event.locals.accountId = result.accountId;
			if (result.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(result.session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/** Headers SvelteKit does not set (STACK-NOTES); signed-in pages are never cached. */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	if (event.locals.principal) headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(handleParaglide, handleAuth, handleSecurityHeaders);

/** No stack trace or internal message ever reaches the client. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status !== 404) console.error(error);
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
