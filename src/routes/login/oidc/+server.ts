import { error, redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { oidcConfigured } from '$lib/server/oidc/config';
import { startOidcSignIn } from '$lib/server/oidc/sign-in';
import type { RequestHandler } from './$types';

/**
 * Starts e-identification: to the provider, with this browser's flow stored. A signed-in
 * member comes here from the account page (`?link=account`) to link it to their account.
 */
export const GET: RequestHandler = async (event) => {
	if (!oidcConfigured()) error(404, 'Not found');
	const linkingOwnAccount = event.url.searchParams.get('link') === 'account' && event.locals.principal?.kind === 'member';
	if (event.locals.principal && !linkingOwnAccount) redirect(303, homeOf(event.locals.principal.kind));
	let target: URL;
	try {
		target = await startOidcSignIn(event, linkingOwnAccount);
	} catch (failure) {
		// The provider could not be reached (discovery): the login page says so; password sign-in still works.
		console.warn('oidc: could not start sign-in:', failure instanceof Error ? failure.message : failure);
		redirect(303, '/login?oidc=unavailable');
	}
	redirect(303, target.href);
};
