import { error, redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { oidcConfigured } from '$lib/server/oidc/config';
import { finishOidcCallback } from '$lib/server/oidc/sign-in';
import type { PageServerLoad } from './$types';

/** The provider's answer: signed in, on to the code for a new identity, or a clear refusal (+error.svelte). */
export const load: PageServerLoad = async (event) => {
	if (!oidcConfigured()) error(404, 'Not found');
	const outcome = await finishOidcCallback(event);
	if (outcome.kind === 'signed-in') redirect(303, homeOf('member'));
	if (outcome.kind === 'linked') redirect(303, '/account?done=oidcLinked#account-oidc-heading');
	if (outcome.kind === 'needs-code') redirect(303, '/login/oidc/link');
	console.warn('oidc: sign-in refused:', outcome.reason);
	error(400, 'oidc-failed');
};
