import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { familiesNamed } from '$lib/server/family-access';
import { openEmergency } from '$lib/server/writes';
import { formInput } from '$lib/server/form-actions';
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
	open: async (event) => {
		const me = requireAuthority(event);
		const input = await formInput(event.request);
		const values = { family: String(input.family ?? ''), reason: String(input.reason ?? '') };
		const matches = familiesNamed(getDb(), me, values.family);
		if (matches.length !== 1) {
			return fail(400, { action: 'open', error: 'invalid', issues: { family: matches.length === 0 ? 'family-unknown' : 'family-ambiguous' }, values });
		}
		const result = openEmergency({ db: getDb(), who: me, familyId: matches[0] }, input);
		if (!result.ok) return fail(result.status, { action: 'open', error: result.message, issues: result.issues ?? {}, values });
		redirect(303, `/pro/families/${matches[0]}`);
	}
};
