import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listOrganisations } from '$lib/server/administration';
import { currentClock, readFamilyView } from '$lib/server/family-access';
import {
	addAssessment, addService, addTag, scheduleMeeting, recordMeetingDetails, handleTag, openConsultation, recordConsultation, answerInvitation, inviteProfessional, withdrawInvitation, addTeamMember, changeBlock, createGoal, createTask, decideConsent, endService, endTeamMembership, liftBlock,
	moveServicePath, recordOutcome, recordPaperRevocation, reviewEmergency, setBlock, setHiddenFromCustodians, setInformationRight, setMature, tickTask
} from '$lib/server/writes';
import { byId, doneAction, familyActions, formAction, withGrantee } from '$lib/server/form-actions';
import { requireProfessional } from '$lib/server/guards';
import { addMember, createSignInCode, membersWithSignIn } from '$lib/server/family-start';
import { RenderOnly } from '$lib/render-only';
import { printoutOf } from '$lib/server/printout';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const clock = currentClock();
	const view = readFamilyView(getDb(), me, event.params.id, clock, 'family-page');
	if (!view) error(404, 'Not found');
	// A new service's provider is chosen among the organisations (no family data: A1's directory).
	const directory = view.viewer.role === 'coordinator' ? { organisations: listOrganisations(getDb()).map(({ id, name }) => ({ id, name })) } : null;
	// The portal has no client-side rendering (root layout): the view needs no serialized copy.
	const withSignIn = view.viewer.role === 'coordinator' ? membersWithSignIn(getDb(), me, view.id, clock) : [];
	return { view: new RenderOnly(view), directory, today: clock.today, done: doneAction(event.url), withSignIn,
		tool: event.url.searchParams.get('tool')?.slice(0, 20) ?? null, printout: printoutOf(getDb(), me, clock.now) };
};

/** Guard, parse, decide (inside the write), answer: the same chain for every intent, on the family of the URL. */
const action = familyActions(requireProfessional, (_me, event: RequestEvent) => event.params.id);

export const actions: Actions = {
	tickTask: action('tickTask', (ctx, input) => tickTask(ctx, String(input.id ?? ''), input.done === 'true')),
	createGoal: action('createGoal', createGoal),
	createTask: action('createTask', createTask),
	addAssessment: action('addAssessment', addAssessment),
	openConsultation: action('openConsultation', openConsultation),
	addTag: action('addTag', addTag),
	scheduleMeeting: action('scheduleMeeting', scheduleMeeting, ['participants']),
	recordMeetingDetails: action('recordMeetingDetails', recordMeetingDetails, ['interpreterBooked']),
	handleTag: action('handleTag', byId(handleTag)),
	recordConsultation: action('recordConsultation', (ctx, input) => recordConsultation(ctx, String(input.id ?? ''), input)),
	addService: action('addService', addService),
	endService: action('endService', byId(endService)),
	moveServicePath: action('moveServicePath', moveServicePath),
	recordOutcome: action('recordOutcome', recordOutcome),
	recordConsent: action('recordConsent', (ctx, input) => decideConsent(ctx, withGrantee(input)), ['categories']),
	/** A revocation given on paper, dated the day on the paper: professionals revoke only this way (W4). */
	revokeOnPaper: action('revokeOnPaper', recordPaperRevocation),
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
	createSignInCode: formAction({
		name: 'createSignInCode',
		guard: requireProfessional,
		write: (input, me, event: RequestEvent) => createSignInCode(getDb(), me, event.params.id, String(input.member ?? '')),
		/** The code is shown once, in this answer: it is not kept in clear nor put in a URL, so no redirect. */
		onSuccess: (result, _me, _event, input) => ({ signInCode: { member: String(input.member ?? ''), code: result.code, expiresAt: result.expiresAt } })
	}),
	withdrawInvitation: action('withdrawInvitation', byId(withdrawInvitation)),
	/** Answering ends the invitation and with it the invitee's sight of the family (P7): back to my work. */
	answerInvitation: action('answerInvitation', (ctx, input) => answerInvitation(ctx, String(input.id ?? ''), input), [], () => redirect(303, '/pro?done=answerInvitation'))
};
