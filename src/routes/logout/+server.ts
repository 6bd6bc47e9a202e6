import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateAllSessions, invalidateSession, SESSION_COOKIE } from '$lib/server/session';
import type { RequestHandler } from './$types';

/** Sign out (this session) or, with `everywhere`, every session of the account. */
export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	const form = await request.formData();
	if (locals.session) {
		if (form.get('everywhere') && locals.accountId) invalidateAllSessions(getDb(), locals.accountId);
		else invalidateSession(getDb(), locals.session.id);
	}
	cookies.delete(SESSION_COOKIE, { path: '/' });
	redirect(303, '/login');
};
