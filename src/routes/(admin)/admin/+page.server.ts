import { createOrganisation, createProfessional, listAccounts, resetPassword, setAccountActive, type AccountResult } from '$lib/server/accounts';
import { listAccessibilityFeedback } from '$lib/server/accessibility-feedback';
import { listOrganisations } from '$lib/server/administration';
import { listAdministrationLog } from '$lib/server/administration-log';
import { getDb } from '$lib/server/db';
import { deliveryReport } from '$lib/server/notifications/delivery';
import { resetSecondFactor } from '$lib/server/second-factor/reset';
import { doneAction, formAction } from '$lib/server/form-actions';
import { requireAdministrator } from '$lib/server/guards';
import { decideProposalStep } from '$lib/server/policy/duties';
import { decideProposal, listPendingProposals, proposeRight, revokeRight } from '$lib/server/rights';
import type { WriteResult } from '$lib/server/write-result';
import { markAccessibilityFeedbackAnswered } from '$lib/server/writes/accessibility-feedback';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireAdministrator(event);
	const now = new Date();
	// Which steps this administrator may take on each proposal: the same decision the write makes (D1).
	const proposals = listPendingProposals(getDb(), now).map((p) => ({
		...p,
		mine: p.proposedBy === me.administratorId,
		canConfirm: decideProposalStep(p, me.administratorId, 'confirm', now).allow,
		canWithdraw: decideProposalStep(p, me.administratorId, 'withdraw', now).allow
	}));
	return {
		organisations: listOrganisations(getDb()), accounts: listAccounts(getDb()), proposals,
		log: listAdministrationLog(getDb()), done: doneAction(event.url),
		accessibilityFeedback: listAccessibilityFeedback(getDb(), me, now) ?? [],
		notifications: deliveryReport(getDb())
	};
};

type Administrator = ReturnType<typeof requireAdministrator>;

/**
 * Guard, parse, write. A temporary password is shown once, in this answer only: it is
 * not stored in clear and not put in a URL, so these answers are not redirects.
 */
function action(name: string, write: (input: Record<string, unknown>, me: Administrator) => AccountResult | Promise<AccountResult>) {
	return formAction({
		name, guard: requireAdministrator, write,
		onSuccess: (result) => ({ done: name, id: result.id ?? null, temporaryPassword: result.temporaryPassword ?? null, rightsRemoved: result.rightsRemoved ?? [] })
	});
}

/** Rights (D1) show no secret: post/redirect/get as the other portal forms. */
function rightsAction(name: string, write: (input: Record<string, unknown>, me: Administrator) => WriteResult) {
	return formAction({ name, guard: requireAdministrator, write });
}

const proposalOf = (input: Record<string, unknown>) => String(input.proposal ?? '');

export const actions: Actions = {
	createOrganisation: action('createOrganisation', (input) => createOrganisation(getDb(), input)),
	createProfessional: action('createProfessional', (input, me) => createProfessional(getDb(), input, me.administratorId)),
	resetPassword: action('resetPassword', (input, me) => resetPassword(getDb(), String(input.account ?? ''), me.administratorId)),
	deactivate: action('deactivate', (input, me) => setAccountActive(getDb(), String(input.account ?? ''), false, me.administratorId)),
	resetFactor: action('resetFactor', (input, me) => resetSecondFactor(getDb(), String(input.account ?? ''), me.administratorId)),
	activate: action('activate', (input, me) => setAccountActive(getDb(), String(input.account ?? ''), true, me.administratorId)),
	proposeRight: rightsAction('proposeRight', (input, me) => proposeRight(getDb(), me.administratorId, input)),
	confirmRight: rightsAction('confirmRight', (input, me) => decideProposal(getDb(), me.administratorId, proposalOf(input), 'confirm')),
	rejectRight: rightsAction('rejectRight', (input, me) => decideProposal(getDb(), me.administratorId, proposalOf(input), 'reject')),
	withdrawRight: rightsAction('withdrawRight', (input, me) => decideProposal(getDb(), me.administratorId, proposalOf(input), 'withdraw')),
	revokeRight: rightsAction('revokeRight', (input, me) => revokeRight(getDb(), me.administratorId, input)),
	answerAccessibilityFeedback: rightsAction('answerAccessibilityFeedback', (input, me) => markAccessibilityFeedbackAnswered(getDb(), me, String(input.feedback ?? '')))
};
