import { fail } from '@sveltejs/kit';
import { createOrganisation, createProfessional, listAccounts, resetPassword, setAccountActive, type AccountResult } from '$lib/server/accounts';
import { listOrganisations } from '$lib/server/administration';
import { getDb } from '$lib/server/db';
import { doneAction, formInput } from '$lib/server/form-actions';
import { requireAdministrator } from '$lib/server/guards';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdministrator(event);
	return { organisations: listOrganisations(getDb()), accounts: listAccounts(getDb()), done: doneAction(event.url) };
};

/**
 * Guard, parse, write. A temporary password is shown once, in this answer only: it is
 * not stored in clear and not put in a URL, so these answers are not redirects.
 */
function action(name: string, write: (input: Record<string, unknown>) => AccountResult | Promise<AccountResult>) {
	return async (event: RequestEvent) => {
		requireAdministrator(event);
		const input = await formInput(event.request);
		const result = await write(input);
		if (!result.ok) return fail(result.status, { action: name, error: result.message, issues: result.issues ?? {}, values: input });
		return { done: name, id: result.id ?? null, temporaryPassword: result.temporaryPassword ?? null };
	};
}

export const actions: Actions = {
	createOrganisation: action('createOrganisation', (input) => createOrganisation(getDb(), input)),
	createProfessional: action('createProfessional', (input) => createProfessional(getDb(), input)),
	resetPassword: action('resetPassword', (input) => resetPassword(getDb(), String(input.account ?? ''))),
	deactivate: action('deactivate', (input) => setAccountActive(getDb(), String(input.account ?? ''), false)),
	activate: action('activate', (input) => setAccountActive(getDb(), String(input.account ?? ''), true))
};
