import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { familiesNamed } from '$lib/server/family-access';
import { badInput, emergencyReasonProblem, openEmergency } from '$lib/server/writes';
import { formAction } from '$lib/server/form-actions';
import { requireProfessional } from '$lib/server/guards';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Only an authority (police, emergency social services) has this page at all (P8). */
function requireAuthority(event: Pick<RequestEvent, 'locals'>) {
	const me = requireProfessional(event);
	if (!me.authority) error(404, 'Not found');
	return me;
}

export const load: PageServerLoad = (event) => {
	requireAuthority(event);
	return {};
};

export const actions: Actions = {
	open: formAction({
		name: 'open', guard: requireAuthority,
		values: (input) => ({ family: String(input.family ?? ''), reason: String(input.reason ?? '') }),
		write: (input, me) => {
			const reasonProblem = emergencyReasonProblem(input);
			if (reasonProblem) return badInput('reason', reasonProblem);
			const matches = familiesNamed(getDb(), me, String(input.family ?? ''));
			if (matches.length !== 1) return badInput('family', matches.length === 0 ? 'family-unknown' : 'family-ambiguous');
			const result = openEmergency({ db: getDb(), who: me, familyId: matches[0] }, input);
			return result.ok ? { ok: true as const, familyId: matches[0] } : result;
		},
		onSuccess: (result) => redirect(303, `/pro/families/${result.familyId}`)
	})
};
