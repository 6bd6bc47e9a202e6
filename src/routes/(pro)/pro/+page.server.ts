import { getDb } from '$lib/server/db';
import { currentClock, professionalWork } from '$lib/server/family-access';
import { requireProfessional } from '$lib/server/guards';
import { doneAction, formAction } from '$lib/server/form-actions';
import { sortReminders } from '$lib/server/reminders';
import { handleSafetySignal } from '$lib/server/writes';
import { redirect } from '@sveltejs/kit';
import { mayStartFamily, startFamily } from '$lib/server/family-start';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const search = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const clock = currentClock();
	// Every family is read through the policy and logged (L1); the reminders come from those views.
	const families = professionalWork(getDb(), me, search, clock);
	return {
		search,
		today: clock.today,
		done: doneAction(event.url),
		authority: me.authority,
		manager: me.manager ?? false,
		// Child welfare holds the client relationship: its workers start families.
		canStartFamily: mayStartFamily(getDb(), me),
		families: families.map(({ reminders: _reminders, ...family }) => family),
		// New messages per family, only in threads this professional may read (G5).
		unread: families.filter((f) => f.unread > 0).map(({ id, name, unread }) => ({ id, name, unread })),
		reminders: sortReminders(families.flatMap((f) => f.reminders))
	};
};

export const actions: Actions = {
	startFamily: formAction({
		name: 'startFamily', guard: requireProfessional,
		write: (input, me) => startFamily(getDb(), me, input),
		onSuccess: (result) => redirect(303, `/pro/families/${result.id}?done=startFamily`)
	}),
	// The coordinator marks a safety signal handled (S1): the form names the family and the signal;
	// the write asks the policy, so a family she does not coordinate is refused like a missing one.
	handleSignal: formAction({
		name: 'handleSignal', guard: requireProfessional,
		write: (input, me) => handleSafetySignal({ db: getDb(), who: me, familyId: String(input.family ?? '') }, String(input.id ?? '')),
		onSuccess: () => redirect(303, '/pro?done=handleSignal#today-heading')
	})
};
