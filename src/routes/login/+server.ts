import { json, redirect } from '@sveltejs/kit';
import { attemptLogin } from '$lib/server/login';
import type { RequestHandler } from './$types';

/**
 * `POST /login` from clients that do not ask for HTML (FORMAT.md's contract); browsers'
 * form posts go to the page's action, which shares `attemptLogin`.
 */
export const POST: RequestHandler = async (event) => {
	const outcome = await attemptLogin(event);
	if (!outcome.ok) return json({ error: outcome.error }, { status: outcome.status });
	redirect(303, outcome.location);
};
