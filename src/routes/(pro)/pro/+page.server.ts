import { getDb } from '$lib/server/db';
import { professionalWork } from '$lib/server/family-access';
import { requireProfessional } from '$lib/server/guards';
import { doneAction } from '$lib/server/form-actions';
import { sortReminders } from '$lib/server/reminders';
import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { organisations } from '$lib/server/db/schema';
import { startFamily } from '$lib/server/family-start';
import { formInput } from '$lib/server/form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const search = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const families = professionalWork(getDb(), me, search);
	return {
		search,
		done: doneAction(event.url),
		authority: me.authority,
		manager: me.manager ?? false,
		// Child welfare holds the client relationship: its workers start families.
		canStartFamily: getDb().select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, me.organisationId)).get()?.kind === 'child-welfare',
		families: families.map(({ reminders: _reminders, ...family }) => family),
		reminders: sortReminders(families.flatMap((f) => f.reminders))
	};
};

export const actions: Actions = {
	startFamily: async (event) => {
		const me = requireProfessional(event);
		const input = await formInput(event.request);
		const result = startFamily(getDb(), me, input);
		if (!result.ok) return fail(result.status, { action: 'startFamily', error: result.message, issues: result.issues ?? {}, values: input });
		redirect(303, `/pro/families/${result.id}?done=startFamily`);
	}
};
