import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { currentClock } from '$lib/server/family-access';
import { requireProfessional } from '$lib/server/guards';
import { outcomeFigures } from '$lib/server/outcomes';
import { addDays, isIsoDate } from '$lib/server/time';
import type { PageServerLoad } from './$types';

/** Managers only: numbers over a period, never a name (O1). The last twelve months unless chosen. */
export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	if (!me.manager) error(404, 'Not found');
	const { today } = currentClock();
	const asked = { from: event.url.searchParams.get('from') ?? '', until: event.url.searchParams.get('until') ?? '' };
	const valid = isIsoDate(asked.from) && isIsoDate(asked.until) && asked.from < asked.until;
	const from = valid ? asked.from : addDays(today, -365);
	const until = valid ? asked.until : addDays(today, 1);
	return { figures: outcomeFigures(getDb(), me, from, until), invalidPeriod: (asked.from !== '' || asked.until !== '') && !valid };
};
