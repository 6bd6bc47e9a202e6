/**
 * The login step of the page's form action, for browsers and for `POST /login` from
 * other clients alike (FORMAT.md's contract: 303 and a session cookie on success; see
 * `handleLoginContract` in hooks.server.ts).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { homeOf, signIn } from './auth';
import { getDb } from './db';
import { readFormBody } from './form-body';
import { languageOfAccount, setLanguageCookie } from './language-preference';
import { createSession, generateSessionToken, SESSION_COOKIE } from './session';
import { sessionCookieOptions } from './session-cookie';

export type LoginOutcome =
	| { ok: true; location: string }
	| { ok: false; status: 400 | 429; error: 'missing' | 'invalid' | 'throttled'; username: string };

/**
 * Signs in with the form's `username` and `password`. A body that is not a readable form
 * is answered like a form without them (400 `missing`), as FORMAT.md's contract has it.
 */
export async function attemptLogin(event: RequestEvent): Promise<LoginOutcome> {
	const body = await readFormBody(event.request);
	const field = (name: string) => (body.ok ? (body.fields.find(([key]) => key === name)?.[1] ?? '') : '');
	const username = field('username').slice(0, 128);
	const password = field('password').slice(0, 1024);
	if (!username || !password) return { ok: false, status: 400, error: 'missing', username };
	const result = await signIn(getDb(), username, password, event.getClientAddress());
	if (!result.ok) return { ok: false, status: result.reason === 'throttled' ? 429 : 400, error: result.reason, username };
	const token = generateSessionToken();
	const session = createSession(getDb(), token, result.accountId);
	event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
	const language = languageOfAccount(getDb(), result.accountId);
	if (language) setLanguageCookie(event.cookies, language);
	return { ok: true, location: homeOf(result.kind) };
}
