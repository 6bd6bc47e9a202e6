import { getDb } from '$lib/server/db';
import { professionalWork } from '$lib/server/family-access';
import { requireProfessional } from '$lib/server/guards';
import { doneAction } from '$lib/server/form-actions';
import { sortReminders } from '$lib/server/reminders';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const search = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const families = professionalWork(getDb(), me, search);
	return {
		search,
		answered: event.url.searchParams.has('answered'),
		done: doneAction(event.url),
		authority: me.authority,
		families: families.map(({ reminders: _reminders, ...family }) => family),
		reminders: sortReminders(families.flatMap((f) => f.reminders))
	};
};
