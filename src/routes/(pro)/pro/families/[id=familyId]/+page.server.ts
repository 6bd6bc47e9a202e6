import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readFamilyView } from '$lib/server/family-access';
import {
	addTeamMember, changeBlock, createGoal, createTask, decideConsent, endTeamMembership, liftBlock, revokeConsent,
	reviewEmergency, setBlock, setHiddenFromCustodians, setInformationRight, setMature, tickTask, type WriteResult
} from '$lib/server/family-writes';
import { formInput, toActionResult } from '$lib/server/form-actions';
import { requireProfessional } from '$lib/server/guards';
import { RenderOnly } from '$lib/render-only';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const view = readFamilyView(getDb(), me, event.params.id);
	if (!view) error(404, 'Not found');
	// The portal has no client-side rendering (root layout): the view needs no serialized copy.
	return { view: new RenderOnly(view) };
};

type Write = (ctx: { db: ReturnType<typeof getDb>; who: ReturnType<typeof requireProfessional>; familyId: string }, input: Record<string, unknown>) => WriteResult;

/** Guard, parse, decide (inside the write), answer: the same chain for every intent. */
function action(name: string, write: Write, lists: string[] = []) {
	return async (event: RequestEvent) => {
		const me = requireProfessional(event);
		const input = await formInput(event.request, lists);
		return toActionResult(name, write({ db: getDb(), who: me, familyId: event.params.id }, input), input);
	};
}

export const actions: Actions = {
	tickTask: action('tickTask', (ctx, input) => tickTask(ctx, String(input.id ?? ''), input.done === 'true')),
	createGoal: action('createGoal', createGoal),
	createTask: action('createTask', createTask),
	recordConsent: action('recordConsent', decideConsent, ['categories']),
	revokeConsent: action('revokeConsent', (ctx, input) => revokeConsent(ctx, String(input.id ?? ''))),
	setBlock: action('setBlock', setBlock),
	changeBlock: action('changeBlock', (ctx, input) => changeBlock(ctx, String(input.id ?? ''), input)),
	liftBlock: action('liftBlock', (ctx, input) => liftBlock(ctx, String(input.id ?? ''))),
	addTeamMember: action('addTeamMember', addTeamMember),
	endTeamMembership: action('endTeamMembership', (ctx, input) => endTeamMembership(ctx, Number(input.id))),
	setMature: action('setMature', setMature),
	setInformationRight: action('setInformationRight', setInformationRight, ['categories']),
	setHidden: action('setHidden', setHiddenFromCustodians, ['categories']),
	reviewEmergency: action('reviewEmergency', (ctx, input) => reviewEmergency(ctx, String(input.id ?? '')))
};

