import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readFormBody } from '$lib/server/form-body';
import { invalidateAllSessions, invalidateSession, SESSION_COOKIE } from '$lib/server/session';
import type { RequestHandler } from './$types';

/**
 * Sign out (this session) or, with `everywhere`, every session of the account. Any body
 * or none ends this session: someone signing out must never stay signed in because of
 * how the request was sent. Only a readable form can ask for "everywhere".
 */
export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	const body = await readFormBody(request);
	const everywhere = body.ok && body.fields.some(([name, value]) => name === 'everywhere' && value !== '');
	if (locals.session) {
		if (everywhere && locals.accountId) invalidateAllSessions(getDb(), locals.accountId);
		else invalidateSession(getDb(), locals.session.id);
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
