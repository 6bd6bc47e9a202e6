import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { json, redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getRequestEvent } from '$app/server';
import { baseLocale, extractLocaleFromRequest, getTextDirection, locales, overwriteGetLocale } from '$lib/paraglide/runtime';
import { holdResponsesUntilLogged } from '$lib/server/access-log';
import { getDb } from '$lib/server/db';
import { tuneHeapGrowth } from '$lib/server/heap';
import { startNotificationWorker } from '$lib/server/notifications/worker';
import { secondFactorGate } from '$lib/server/guards';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/session';
import { sessionCookieOptions } from '$lib/server/session-cookie';

/**
 * The database is opened (migrated, marked as served by this process) before the first
 * request; the notification worker then runs beside the requests (NOTIFY_WORKER=off stops it).
 * The heap's growth is bounded first (heap.ts, HEAP_GROWING_PERCENT).
 */
export const init: ServerInit = () => {
	tuneHeapGrowth();
	startNotificationWorker(getDb());
};

/**
 * The request's language by paraglide's strategies (cookie, then the browser's
 * preference, then Finnish), kept in `locals` and read back through SvelteKit's own
 * request store: paraglide's middleware would clone every request for the same answer.
 */
overwriteGetLocale(() => {
	try {
		return getRequestEvent().locals.locale ?? baseLocale;
	} catch {
		return baseLocale; // outside a request
	}
});

/** Text direction per locale, worked out once (paraglide builds an Intl.Locale per call). */
const directions = new Map(locales.map((locale) => [locale, getTextDirection(locale)]));

const handleLocale: Handle = ({ event, resolve }) => {
	// The JSON API has no user-visible text.
	if (event.url.pathname.startsWith('/api/')) {
		event.locals.locale = baseLocale;
		return resolve(event);
	}
	const locale = extractLocaleFromRequest(event.request);
	event.locals.locale = locale;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', directions.get(locale) ?? 'ltr')
	});
};

const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.principal = null;
	event.locals.session = null;
	event.locals.accountId = null;
	event.locals.mustChangePassword = false;
	event.locals.secondFactorVerified = false;
	if (token) {
		const result = validateSessionToken(getDb(), token);
		if (result.session) {
			event.locals.principal = result.principal;
			event.locals.session = result.session;
			event.locals.accountId = result.accountId;
			event.locals.mustChangePassword = result.mustChangePassword;
			event.locals.secondFactorVerified = result.secondFactorVerified;
			if (result.renewed) event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(result.session.expiresAt));
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	if (event.locals.mustChangePassword && !PASSWORD_CHANGE_OPEN.some((path) => event.url.pathname === path || event.url.pathname.startsWith(`${path}/`))) {
		if (event.url.pathname.startsWith('/api/')) return json({ error: 'password-change-required' }, { status: 403 });
		redirect(303, '/account/password');
	}
	const gate = secondFactorGate(event.locals, { method: event.request.method, pathname: event.url.pathname });
	if (gate === 'redirect') redirect(303, '/second-factor');
	if (gate === 'refuse') return json({ error: 'second-factor-required' }, { status: 403 });
	return resolve(event);
};

/** What a session whose password must be changed may still reach (the accessibility statement is for everyone). */
const PASSWORD_CHANGE_OPEN = ['/account/password', '/logout', '/language', '/api/health', '/accessibility'];

/**
 * FORMAT.md's login contract: `POST /login` answers 303 and a cookie, 400 on failure,
 * whatever the client accepts. SvelteKit answers a form action with a 200 JSON envelope
 * when Accept does not prefer HTML (`*\/*` as fetch and curl send, `application/json`
 * as axios sends), so every such post is given the browser's Accept. No page of the
 * portal submits forms with JavaScript (csr is off), so no client needs the envelope.
 */
const handleLoginContract: Handle = ({ event, resolve }) => {
	if (event.request.method === 'POST' && event.url.pathname === '/login') {
		const accept = event.request.headers.get('accept') ?? '';
		if (!accept.includes('text/html')) {
			const headers = new Headers(event.request.headers);
			headers.set('accept', 'text/html');
			event.request = new Request(event.request, { headers });
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

/**
 * SvelteKit answers a post to `?/default` (the reserved name, not an action) with a 500;
 * it is bad input, so it gets the 404 of any unknown action instead.
 */
const handleReservedActionName: Handle = ({ event, resolve }) => {
	if (event.request.method === 'POST') {
		const named = [...event.url.searchParams.keys()].find((key) => key.startsWith('/'));
		if (named === '/default') return new Response('No such action', { status: 404 });
	}
	return resolve(event);
};

/**
 * L1, a professional's read is logged before its data leaves: the reads of a request are
 * written by the access log's group commit, and the response waits here until they are.
 * Outermost, so that nothing a later hook or the route does escapes it.
 */
const handleAccessLogBarrier: Handle = ({ event, resolve }) => holdResponsesUntilLogged(() => resolve(event));

export const handle = sequence(handleAccessLogBarrier, handleReservedActionName, handleLoginContract, handleLocale, handleAuth, handleSecurityHeaders);

/**
 * No stack trace or internal message ever reaches the client. SvelteKit's own answers to
 * bad requests (415 for a body that is not a form, 404 for an unknown action) keep their
 * plain status text (`message`), which says what was wrong and nothing internal.
 */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message: 'Not found' };
	if (status >= 500) console.error(error);
	return { message: status < 500 ? message : 'Internal error' };
};
