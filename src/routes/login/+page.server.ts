import { fail, redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { attemptLogin } from '$lib/server/login';
import { oidcConfigured } from '$lib/server/oidc/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.principal) redirect(303, homeOf(locals.principal.kind));
	// E-identification is offered only when configured (OIDC_*); `oidc=unavailable` after the provider could not be reached.
	const oidc = oidcConfigured();
	return { oidc, oidcUnavailable: oidc && url.searchParams.get('oidc') === 'unavailable' };
};

export const actions: Actions = {
	default: async (event) => {
		// Not `formAction`: the sign-in reads its form itself (attemptLogin, rate limits by
		// address and name first), and its page keeps only the username, never the password.
		const outcome = await attemptLogin(event);
		if (!outcome.ok) return fail(outcome.status, { username: outcome.username, error: outcome.error });
		redirect(303, outcome.location);
	}
};
