import { fail, redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { redeemSignInCode } from '$lib/server/family-start';
import { formInput } from '$lib/server/form-actions';
import { RefillingTokenBucket } from '$lib/server/rate-limit';
import { createSession, generateSessionToken, SESSION_COOKIE } from '$lib/server/session';
import { sessionCookieOptions } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

/** Codes are 60 bits: guessing is hopeless, and a burst of tries per address is limited besides. */
const codeAttempts = new RefillingTokenBucket<string>(10, 30_000);

export const load: PageServerLoad = ({ locals }) => {
	if (locals.principal) redirect(303, homeOf(locals.principal.kind));
};

export const actions: Actions = {
	default: async (event) => {
		const input = await formInput(event.request);
		const values = { code: String(input.code ?? ''), username: String(input.username ?? '') };
		if (!codeAttempts.consume(event.getClientAddress())) return fail(429, { error: 'throttled', issues: {}, values });
		const result = await redeemSignInCode(getDb(), input);
		if (!result.ok) return fail(result.status, { error: result.message, issues: result.issues, values });
		const token = generateSessionToken();
		const session = createSession(getDb(), token, result.accountId);
		event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
		redirect(303, `${homeOf('member')}?done=welcome`);
	}
};
