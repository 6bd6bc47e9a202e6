/**
 * The login step of the page's form action, for browsers and for `POST /login` from
 * other clients alike (FORMAT.md's contract: 303 and a session cookie on success; see
 * `handleLoginContract` in hooks.server.ts).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { homeOf, signIn } from './auth';
import { getDb } from './db';
import { createSession, generateSessionToken, SESSION_COOKIE } from './session';
import { sessionCookieOptions } from './session-cookie';

export type LoginOutcome =
	| { ok: true; location: string }
	| { ok: false; status: 400 | 429; error: 'missing' | 'invalid' | 'throttled'; username: string };

export async function attemptLogin(event: RequestEvent): Promise<LoginOutcome> {
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch {
		return { ok: false, status: 400, error: 'missing', username: '' };
	}
	const username = String(form.get('username') ?? '').slice(0, 128);
	const password = String(form.get('password') ?? '').slice(0, 1024);
	if (!username || !password) return { ok: false, status: 400, error: 'missing', username };
	const result = await signIn(getDb(), username, password, event.getClientAddress());
	if (!result.ok) return { ok: false, status: result.reason === 'throttled' ? 429 : 400, error: result.reason, username };
	const token = generateSessionToken();
	const session = createSession(getDb(), token, result.accountId);
	event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
	return { ok: true, location: homeOf(result.kind) };
}
