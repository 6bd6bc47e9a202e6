/**
 * What the second-factor pages share: who may be on them, and what a code form's answer
 * says. The gate itself is in guards.ts.
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { homeOf } from '../auth';
import { getDb } from '../db';
import { accounts } from '../db/schema';
import { deviceOf } from '../device';
import { formInput } from '../form-actions';
import { requireSignedIn } from '../guards';
import type { SignInMethod } from '../db/schema';
import { recordSignInEvent } from '../sign-in-events';
import { hasSecondFactor, markSecondFactorVerified, needsSecondFactor, type FactorAttempt } from './factors';

type WithLocals = Pick<RequestEvent, 'locals'>;
export type FactorSession = { accountId: string; sessionId: string; kind: 'professional' | 'administrator'; name: string; username: string; verified: boolean };

/** A signed-in professional or administrator (a member has no second factor: home). */
export function requireFactorSession(event: WithLocals): FactorSession {
	const principal = requireSignedIn(event);
	if (!needsSecondFactor(principal.kind) || principal.kind === 'member') redirect(303, homeOf(principal.kind));
	const accountId = event.locals.accountId!;
	const username = getDb().select({ username: accounts.username }).from(accounts).where(eq(accounts.id, accountId)).get()?.username ?? '';
	return { accountId, sessionId: event.locals.session!.id, kind: principal.kind, name: principal.name, username, verified: event.locals.secondFactorVerified };
}

/**
 * Enrolling is open to an account with no factor yet, and to a session that has passed
 * its factor (adding a passkey, a new phone). Never to a session with the password
 * alone on an enrolled account: the password alone must not add a factor.
 */
export function requireEnrolment(event: WithLocals): FactorSession {
	const who = requireFactorSession(event);
	if (!who.verified && hasSecondFactor(getDb(), who.accountId)) redirect(303, '/second-factor');
	return who;
}

/** Records the attempt; on success opens the session and goes home, else the form says why. */
export function answerFactorAttempt(event: RequestEvent, who: FactorSession, method: SignInMethod, attempt: FactorAttempt) {
	recordSignInEvent(getDb(), { accountId: who.accountId, success: attempt.ok, method, device: deviceOf(event.request.headers.get('user-agent')) });
	if (attempt.ok) {
		markSecondFactorVerified(getDb(), who.sessionId);
		redirect(303, homeOf(who.kind));
	}
	return fail(attempt.reason === 'throttled' ? 429 : 400, { action: method, error: attempt.reason });
}

/**
 * The posted form (read strictly, as every portal form is) as text fields, each cut to
 * `max` characters. A field the page's form always sends that is missing or empty is a
 * 400 before anything is checked: no attempt is counted or recorded for it.
 */
export async function postedFields(event: Pick<RequestEvent, 'request' | 'locals'>, max = 64): Promise<(name: string) => string> {
	const input = await formInput(event);
	return (name) => {
		const value = String(input[name] ?? '').slice(0, max);
		if (!value.trim()) error(400, 'A required field is missing');
		return value;
	};
}
