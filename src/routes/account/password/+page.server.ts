import { redirect } from '@sveltejs/kit';
import { changePassword } from '$lib/server/accounts';
import { homeOf } from '$lib/server/auth';
import { needsSecondFactor } from '$lib/server/second-factor/factors';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/form-actions';
import { requireSignedIn } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireSignedIn(event);
	return { forced: event.locals.mustChangePassword };
};

export const actions: Actions = {
	change: formAction({
		name: 'change', guard: requireSignedIn,
		write: (input, _who, event) => changePassword(getDb(), event.locals.accountId!, event.locals.session!.id, input),
		// Passwords are never sent back into the form.
		values: () => ({}),
		// A professional or administrator goes on to the second factor (#17), told there that the password changed.
		onSuccess: (_result, who, event) => redirect(303, `${needsSecondFactor(who.kind) && !event.locals.secondFactorVerified ? '/second-factor' : homeOf(who.kind)}?done=changePassword`)
	})
};
