import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readFamilyView } from '$lib/server/family-access';
import {
	createVoice, decideConsent, deleteVoice, revokeConsent, setHiddenFromCustodians, tickTask, updateVoice
} from '$lib/server/family-writes';
import { formInput, toActionResult } from '$lib/server/form-actions';
import { requireMember } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireMember(event);
	const view = readFamilyView(getDb(), me, me.familyId);
	if (!view) error(404, 'Not found');
	return { view, me: { id: me.memberId, name: me.name } };
};

/** One action per intent; each starts with its guard and lets the policy decide (W1, W2, W4, W6). */
export const actions: Actions = {
	createVoice: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request);
		return toActionResult('createVoice', createVoice({ db: getDb(), who: me, familyId: me.familyId }, input), input);
	},
	updateVoice: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request);
		return toActionResult('updateVoice', updateVoice({ db: getDb(), who: me, familyId: me.familyId }, String(input.id ?? ''), input), input);
	},
	deleteVoice: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request);
		return toActionResult('deleteVoice', deleteVoice({ db: getDb(), who: me, familyId: me.familyId }, String(input.id ?? '')));
	},
	tickTask: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request);
		return toActionResult('tickTask', tickTask({ db: getDb(), who: me, familyId: me.familyId }, String(input.id ?? ''), input.done === 'true'));
	},
	decideConsent: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request, ['categories']);
		return toActionResult('decideConsent', decideConsent({ db: getDb(), who: me, familyId: me.familyId }, input), input);
	},
	revokeConsent: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request);
		return toActionResult('revokeConsent', revokeConsent({ db: getDb(), who: me, familyId: me.familyId }, String(input.id ?? '')));
	},
	setHidden: async (event) => {
		const me = requireMember(event);
		const input = await formInput(event.request, ['categories']);
		return toActionResult('setHidden', setHiddenFromCustodians({ db: getDb(), who: me, familyId: me.familyId }, input), input);
	}
};
