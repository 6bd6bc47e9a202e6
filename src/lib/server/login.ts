/**
 * The login step of the page's form action, for browsers and for `POST /login` from
 * other clients alike (FORMAT.md's contract: 303 and a session cookie on success; see
 * `handleLoginContract` in hooks.server.ts).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { MAX_PASSWORD_LENGTH } from './password';
import { homeOf, signIn } from './auth';
import { getDb } from './db';
import { deviceOf } from './device';
import { readFormBody } from './form-body';
import { languageOfAccount, setLanguageCookie } from './language-preference';
import { USERNAME_MAX } from './names';
import { needsSecondFactor, verifyFactorCode } from './second-factor/factors';
import { createSession, generateSessionToken, SESSION_COOKIE } from './session';
import { sessionCookieOptions } from './session-cookie';
import { recordSignInEvent } from './sign-in-events';

export type LoginOutcome =
	| { ok: true; location: string }
	| { ok: false; status: 400 | 429; error: 'missing' | 'invalid' | 'throttled'; username: string };

/**
 * Signs in with the form's `username` and `password`. A body that is not a readable form
 * is answered like a form without them (400 `missing`), as FORMAT.md's contract has it.
 *
 * A professional or administrator is then half signed in: the session reaches only the
 * second-factor page (guards.ts). A script may send the authenticator code as the
 * optional field `otp` with the password; a right code signs in fully, a wrong one (or
 * one already used: each code signs in once) is refused like a wrong password (no
 * session) and counts towards the factor throttle.
 */
export async function attemptLogin(event: RequestEvent): Promise<LoginOutcome> {
	const body = await readFormBody(event.request);
	const field = (name: string) => (body.ok ? (body.fields.find(([key]) => key === name)?.[1] ?? '') : '');
	const username = field('username');
	const password = field('password');
	const otp = field('otp').slice(0, 32).trim();
	if (!username || !password) return { ok: false, status: 400, error: 'missing', username: username.slice(0, USERNAME_MAX) };
	// Never cut and compared: the right password with more after it is a wrong password. Too
	// long to be anyone's, it is refused as one without hashing it.
	if (username.length > USERNAME_MAX || password.length > MAX_PASSWORD_LENGTH) return { ok: false, status: 400, error: 'invalid', username: username.slice(0, USERNAME_MAX) };
	const db = getDb();
	const device = deviceOf(event.request.headers.get('user-agent'));
	const result = await signIn(db, username, password, event.getClientAddress());
	if (!result.ok) {
		if (result.accountId) recordSignInEvent(db, { accountId: result.accountId, success: false, method: 'password', device });
		return { ok: false, status: result.reason === 'throttled' ? 429 : 400, error: result.reason, username };
	}
	recordSignInEvent(db, { accountId: result.accountId, success: true, method: 'password', device });
	const needsFactor = needsSecondFactor(result.kind);
	if (needsFactor && otp) {
		const attempt = verifyFactorCode(db, result.accountId, 'totp', otp);
		recordSignInEvent(db, { accountId: result.accountId, success: attempt.ok, method: 'totp', device });
		if (!attempt.ok) return { ok: false, status: attempt.reason === 'throttled' ? 429 : 400, error: attempt.reason, username };
	}
	const secondFactorVerified = needsFactor && !!otp;
	const token = generateSessionToken();
	const session = createSession(db, token, result.accountId, Date.now(), { secondFactorVerified, device });
	event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
	const language = languageOfAccount(db, result.accountId);
	if (language) setLanguageCookie(event.cookies, language);
	return { ok: true, location: needsFactor && !secondFactorVerified ? '/second-factor' : homeOf(result.kind) };
}
