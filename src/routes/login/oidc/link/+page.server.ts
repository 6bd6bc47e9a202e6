import { fail, redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { readFormBody } from '$lib/server/form-body';
import { hasPendingLink, linkPendingIdentity } from '$lib/server/oidc/sign-in';
import { RefillingTokenBucket } from '$lib/server/rate-limit';
import type { Actions, PageServerLoad } from './$types';

/** Codes are 60 bits; a burst of tries per address is limited besides (as on /welcome). */
const codeAttempts = new RefillingTokenBucket<string>(10, 30_000);

export const load: PageServerLoad = (event) => {
	if (event.locals.principal) redirect(303, homeOf(event.locals.principal.kind));
	return { waiting: hasPendingLink(event) };
};

export const actions: Actions = {
	default: async (event) => {
		const body = await readFormBody(event.request);
		const code = body.ok ? (body.fields.find(([key]) => key === 'code')?.[1] ?? '') : '';
		if (!codeAttempts.consume(event.getClientAddress())) return fail(429, { error: 'throttled', code });
		const result = await linkPendingIdentity(event, code);
		if (!result.ok) return fail(result.status, { error: result.message === 'expired' ? 'expired' : result.issues.code, code: code.slice(0, 40) });
		redirect(303, `${homeOf('member')}?done=welcome`);
	}
};
