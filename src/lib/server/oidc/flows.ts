/**
 * A sign-in with the provider under way, kept server-side and found by a random token
 * in a short-lived cookie (HttpOnly, SameSite=Lax, path /login/oidc). Each step takes
 * what it needs exactly once: the provider's answer is checked against a `state`,
 * `nonce` and PKCE verifier that can be used a single time.
 */
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { oidcFlows } from '../db/schema';
import { generateSessionToken, sessionIdOf } from '../session';

export const FLOW_COOKIE = 'oidc_flow';
/**
 * Set when a signed-in member starts from their account page to link e-identification.
 * It carries no authority: the link goes to the account of the session that comes back.
 */
export const ACCOUNT_LINK_COOKIE = 'oidc_account_link';
/** Time to sign in at the provider, and then to type the sign-in code. */
export const FLOW_LIFETIME_MS = 10 * 60_000;

export type StartedFlow = { state: string; nonce: string; codeVerifier: string };
export type PendingLink = { issuer: string; subjectHash: string };

/**
 * The flow's cookies live `FLOW_LIFETIME_MS` from when the browser gets them (Max-Age),
 * not until an instant on the server's clock (Expires): a phone whose clock is a quarter
 * of an hour ahead would drop a ten-minute Expires cookie at once, and the sign-in would
 * fail with no reason the person could see. The flow's row keeps its own expiry.
 */
function cookieOptions() {
	return { path: '/login/oidc', httpOnly: true, sameSite: 'lax' as const, maxAge: FLOW_LIFETIME_MS / 1000 };
}

/** Stores a new flow, sets its cookie; old flows of anyone are swept on the way. */
export function beginFlow(db: Db, cookies: Cookies, flow: StartedFlow, now = Date.now()): void {
	const token = generateSessionToken();
	db.delete(oidcFlows).where(lt(oidcFlows.expiresAt, now)).run();
	db.insert(oidcFlows).values({ id: sessionIdOf(token), ...flow, expiresAt: now + FLOW_LIFETIME_MS }).run();
	cookies.set(FLOW_COOKIE, token, cookieOptions());
}

function flowId(cookies: Cookies): string | null {
	const token = cookies.get(FLOW_COOKIE);
	return token ? sessionIdOf(token) : null;
}

/**
 * The checks of the flow in this browser, used up: a second answer from the provider
 * (a replay) finds nothing. Null when there is no unexpired started flow.
 */
export function takeStartedFlow(db: Db, cookies: Cookies, now = Date.now()): StartedFlow | null {
	const id = flowId(cookies);
	if (!id) return null;
	const row = db.delete(oidcFlows).where(and(eq(oidcFlows.id, id), isNotNull(oidcFlows.state))).returning().get();
	if (!row || row.expiresAt <= now || !row.state || !row.nonce || !row.codeVerifier) return null;
	return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier };
}

/** An identity not linked yet waits here, in a new row and cookie, for the member's sign-in code. */
export function awaitLink(db: Db, cookies: Cookies, link: PendingLink, now = Date.now()): void {
	const token = generateSessionToken();
	db.insert(oidcFlows).values({ id: sessionIdOf(token), ...link, expiresAt: now + FLOW_LIFETIME_MS }).run();
	cookies.set(FLOW_COOKIE, token, cookieOptions());
}

/** The identity waiting for a code in this browser, or null. */
export function pendingLink(db: Db, cookies: Cookies, now = Date.now()): (PendingLink & { id: string }) | null {
	const id = flowId(cookies);
	if (!id) return null;
	const row = db.select().from(oidcFlows).where(eq(oidcFlows.id, id)).get();
	if (!row || row.expiresAt <= now || !row.issuer || !row.subjectHash) return null;
	return { id, issuer: row.issuer, subjectHash: row.subjectHash };
}

/** Ends the flow in this browser: its row and its cookie. */
export function endFlow(db: Db, cookies: Cookies): void {
	const id = flowId(cookies);
	if (id) db.delete(oidcFlows).where(eq(oidcFlows.id, id)).run();
	cookies.delete(FLOW_COOKIE, { path: '/login/oidc' });
}

/** Remembers, for this browser's flow, that the signed-in member asked to link their own account. */
export function markAccountLink(cookies: Cookies): void {
	cookies.set(ACCOUNT_LINK_COOKIE, '1', cookieOptions());
}

/** Whether this flow was started to link the signed-in account; the mark is used once. */
export function takeAccountLink(cookies: Cookies): boolean {
	const marked = cookies.get(ACCOUNT_LINK_COOKIE) === '1';
	if (marked) cookies.delete(ACCOUNT_LINK_COOKIE, { path: '/login/oidc' });
	return marked;
}
