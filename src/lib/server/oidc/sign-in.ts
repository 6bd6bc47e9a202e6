/**
 * The steps of a family member's sign-in with e-identification, for the routes under
 * `/login/oidc`: start (PKCE, `state`, `nonce`), the provider's answer (checked by
 * openid-client: state, the code exchange with the verifier, and the ID token's
 * signature, issuer, audience, nonce and expiry), and the link with a sign-in code.
 */
import type { RequestEvent } from '@sveltejs/kit';
import * as client from 'openid-client';
import { getDb } from '../db';
import { languageOfAccount, setLanguageCookie } from '../language-preference';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../session';
import { sessionCookieOptions } from '../session-cookie';
import { oidcConfiguration, oidcSettings, redirectUri } from './config';
import { awaitLink, beginFlow, endFlow, markAccountLink, pendingLink, takeAccountLink, takeStartedFlow } from './flows';
import { linkedAccount, linkToOwnAccount, linkWithCode, type LinkResult } from './link';
import { subjectHash } from './subject';

/**
 * Where the browser goes to sign in at the provider; the flow's checks are stored first.
 * `forOwnAccount`: a signed-in member links e-identification to the account they are in.
 */
export async function startOidcSignIn(event: RequestEvent, forOwnAccount = false): Promise<URL> {
	const config = await oidcConfiguration();
	const codeVerifier = client.randomPKCECodeVerifier();
	const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier };
	beginFlow(getDb(), event.cookies, flow);
	if (forOwnAccount) markAccountLink(event.cookies);
	return client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri(event.url.origin),
		// Only `openid`: the portal asks for no name, no address and no identity number.
		scope: 'openid',
		state: flow.state,
		nonce: flow.nonce,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256'
	});
}

export type CallbackOutcome = { kind: 'signed-in' } | { kind: 'linked' } | { kind: 'needs-code' } | { kind: 'failed'; reason: string };

/**
 * The provider's answer: a linked identity signs in, an unlinked one waits for a code,
 * anything that fails a check (state, nonce, signature, expiry, a used or missing flow)
 * signs nobody in.
 */
export async function finishOidcCallback(event: RequestEvent): Promise<CallbackOutcome> {
	const db = getDb();
	const flow = takeStartedFlow(db, event.cookies);
	endFlow(db, event.cookies);
	const forOwnAccount = takeAccountLink(event.cookies);
	if (!flow) return { kind: 'failed', reason: 'no-flow' };
	let subject: string;
	let issuer: string;
	try {
		const config = await oidcConfiguration();
		// The URL the provider sent the browser to, on the registered redirect URI (ORIGIN behind a proxy).
		const answer = new URL(redirectUri(event.url.origin));
		answer.search = event.url.search;
		const tokens = await client.authorizationCodeGrant(config, answer, {
			pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true
		});
		const claims = tokens.claims();
		if (!claims?.sub) return { kind: 'failed', reason: 'no-subject' };
		// The subject alone is kept (hashed); every other claim, an identity number included, is dropped here.
		subject = claims.sub;
		issuer = claims.iss;
	} catch (error) {
		return { kind: 'failed', reason: describe(error) };
	}
	const hash = subjectHash(db, subject);
	// A member who started from their account page links the identity to the account of this session (their password proved it).
	const me = event.locals.principal?.kind === 'member' ? event.locals.accountId : null;
	if (forOwnAccount && me) {
		const linked = linkToOwnAccount(db, { issuer, subjectHash: hash }, me);
		return linked.ok ? { kind: 'linked' } : { kind: 'failed', reason: linked.reason };
	}
	const accountId = linkedAccount(db, issuer, hash);
	if (accountId) {
		openSession(event, accountId);
		return { kind: 'signed-in' };
	}
	awaitLink(db, event.cookies, { issuer, subjectHash: hash });
	return { kind: 'needs-code' };
}

/** Whether an identity waits for a code in this browser (the link page shows the form only then). */
export function hasPendingLink(event: RequestEvent): boolean {
	return oidcSettings() !== null && pendingLink(getDb(), event.cookies) !== null;
}

export type LinkOutcome = LinkResult | { ok: false; status: 400; message: 'expired' };

/** The member's sign-in code for the waiting identity: linked and signed in, or refused with nothing written. */
export async function linkPendingIdentity(event: RequestEvent, code: string): Promise<LinkOutcome> {
	const db = getDb();
	const link = pendingLink(db, event.cookies);
	if (!link) return { ok: false, status: 400, message: 'expired' };
	const result = await linkWithCode(db, link, code);
	if (!result.ok) return result;
	endFlow(db, event.cookies);
	openSession(event, result.accountId);
	return result;
}

/** What went wrong, for the server's log: openid-client's message and the cause under it. */
function describe(error: unknown): string {
	if (!(error instanceof Error)) return 'error';
	const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
	const code = (error as { code?: unknown }).code;
	return `${error.message}${typeof code === 'string' ? ` (${code})` : ''}${cause}`;
}

function openSession(event: RequestEvent, accountId: string): void {
	const db = getDb();
	const token = generateSessionToken();
	const session = createSession(db, token, accountId);
	event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
	const language = languageOfAccount(db, accountId);
	if (language) setLanguageCookie(event.cookies, language);
}
