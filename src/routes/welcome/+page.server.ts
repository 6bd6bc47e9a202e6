import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { deviceOf } from '$lib/server/device';
import { redeemSignInCode } from '$lib/server/family-start';
import { formAction } from '$lib/server/form-actions';
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
	default: formAction({
		name: 'default', guard: () => null,
		values: (input) => ({ code: String(input.code ?? ''), username: String(input.username ?? '') }),
		write: async (input, _nobody, event) => {
			if (!codeAttempts.consume(event.getClientAddress())) return { ok: false as const, status: 429, message: 'throttled' };
			return redeemSignInCode(getDb(), input);
		},
		onSuccess: (result, _nobody, event) => {
			const token = generateSessionToken();
			const session = createSession(getDb(), token, result.accountId, Date.now(), { device: deviceOf(event.request.headers.get('user-agent')) });
			event.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt));
			redirect(303, `${homeOf('member')}?done=welcome`);
		}
	})
};
