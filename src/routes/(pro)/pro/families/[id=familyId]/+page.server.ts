import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listOrganisations } from '$lib/server/administration';
import { currentClock, readFamilyView } from '$lib/server/family-access';
import {
	addAssessment, addService, addTag, scheduleMeeting, handleTag, openConsultation, recordConsultation, answerInvitation, inviteProfessional, withdrawInvitation, addTeamMember, changeBlock, createGoal, createTask, decideConsent, endService, endTeamMembership, liftBlock,
	moveServicePath, recordOutcome, reviewEmergency, revokeConsent, setBlock, setHiddenFromCustodians, setInformationRight, setMature, tickTask, type WriteResult
} from '$lib/server/writes';
import { doneAction, formInput, toActionResult, withGrantee } from '$lib/server/form-actions';
import { requireProfessional } from '$lib/server/guards';
import { addMember, createSignInCode, membersWithSignIn } from '$lib/server/family-start';
import { fail } from '@sveltejs/kit';
import { RenderOnly } from '$lib/render-only';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const clock = currentClock();
	const view = readFamilyView(getDb(), me, event.params.id, clock);
	if (!view) error(404, 'Not found');
	// A new service's provider is chosen among the organisations (no family data: A1's directory).
	const directory = view.viewer.role === 'coordinator' ? { organisations: listOrganisations(getDb()).map(({ id, name }) => ({ id, name })) } : null;
	// The portal has no client-side rendering (root layout): the view needs no serialized copy.
	const withSignIn = view.viewer.role === 'coordinator' ? membersWithSignIn(getDb(), me, view.id, clock) : [];
	return { view: new RenderOnly(view), directory, today: clock.today, done: doneAction(event.url), withSignIn,
		tool: event.url.searchParams.get('tool')?.slice(0, 20) ?? null };
};

type Write = (ctx: { db: ReturnType<typeof getDb>; who: ReturnType<typeof requireProfessional>; familyId: string }, input: Record<string, unknown>) => WriteResult;

/** Guard, parse, decide (inside the write), answer: the same chain for every intent. */
function action(name: string, write: Write, lists: string[] = []) {
	return async (event: RequestEvent) => {
		const me = requireProfessional(event);
		const input = await formInput(event.request, lists);
		return toActionResult(name, write({ db: getDb(), who: me, familyId: event.params.id }, input), input, event.url);
	};
}

const byId = (write: (ctx: Parameters<Write>[0], id: string) => WriteResult): Write => (ctx, input) => write(ctx, String(input.id ?? ''));

export const actions: Actions = {
	tickTask: action('tickTask', (ctx, input) => tickTask(ctx, String(input.id ?? ''), input.done === 'true')),
	createGoal: action('createGoal', createGoal),
	createTask: action('createTask', createTask),
	addAssessment: action('addAssessment', addAssessment),
	openConsultation: action('openConsultation', openConsultation),
	addTag: action('addTag', addTag),
	scheduleMeeting: action('scheduleMeeting', scheduleMeeting, ['participants']),
	handleTag: action('handleTag', byId(handleTag)),
	recordConsultation: action('recordConsultation', (ctx, input) => recordConsultation(ctx, String(input.id ?? ''), input)),
	addService: action('addService', addService),
	endService: action('endService', byId(endService)),
	moveServicePath: action('moveServicePath', moveServicePath),
	recordOutcome: action('recordOutcome', recordOutcome),
	recordConsent: action('recordConsent', (ctx, input) => decideConsent(ctx, withGrantee(input)), ['categories']),
	revokeConsent: action('revokeConsent', byId(revokeConsent)),
	setBlock: action('setBlock', setBlock),
	changeBlock: action('changeBlock', (ctx, input) => changeBlock(ctx, String(input.id ?? ''), input)),
	liftBlock: action('liftBlock', byId(liftBlock)),
	addTeamMember: action('addTeamMember', addTeamMember),
	endTeamMembership: action('endTeamMembership', (ctx, input) => endTeamMembership(ctx, Number(input.id))),
	setMature: action('setMature', setMature),
	setInformationRight: action('setInformationRight', setInformationRight, ['categories']),
	setHidden: action('setHidden', setHiddenFromCustodians, ['categories']),
	reviewEmergency: action('reviewEmergency', byId(reviewEmergency)),
	inviteProfessional: action('inviteProfessional', inviteProfessional),
	addMember: action('addMember', (ctx, input) => addMember(ctx.db, ctx.who, ctx.familyId, input), ['custodians']),
	/** The code is shown once, in this answer: it is not kept in clear nor put in a URL, so no redirect. */
	createSignInCode: async (event) => {
		const me = requireProfessional(event);
		const input = await formInput(event.request);
		const member = String(input.member ?? '');
		const result = createSignInCode(getDb(), me, event.params.id, member);
		if (!result.ok) return fail(result.status, { action: 'createSignInCode', error: result.message, issues: result.issues ?? {}, values: input });
		return { signInCode: { member, code: result.code, expiresAt: result.expiresAt } };
	},
	withdrawInvitation: action('withdrawInvitation', byId(withdrawInvitation)),
	/** Answering ends the invitation and with it the invitee's sight of the family (P7): back to my work. */
	answerInvitation: async (event) => {
		const me = requireProfessional(event);
		const input = await formInput(event.request);
		const result = answerInvitation({ db: getDb(), who: me, familyId: event.params.id }, String(input.id ?? ''), input);
		if (!result.ok) return toActionResult('answerInvitation', result, input, event.url);
		redirect(303, '/pro?done=answerInvitation');
	}
};
