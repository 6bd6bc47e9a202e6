import { fail, redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/accounts';
import { homeOf } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { formInput } from '$lib/server/form-actions';
import { requireSignedIn } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireSignedIn(event);
	return { forced: event.locals.mustChangePassword };
};

export const actions: Actions = {
	change: async (event) => {
		const who = requireSignedIn(event);
		const input = await formInput(event.request);
		const result = await changePassword(getDb(), event.locals.accountId!, event.locals.session!.id, input);
		// Passwords are never sent back into the form.
		if (!result.ok) return fail(result.status, { action: 'change', error: result.message, issues: result.issues ?? {}, values: {} });
		redirect(303, `${homeOf(who.kind)}?done=changePassword`);
	}
};
