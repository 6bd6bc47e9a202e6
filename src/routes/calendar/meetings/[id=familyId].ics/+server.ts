import { error } from '@sveltejs/kit';
import { meetingCalendar } from '$lib/server/calendar/entries';
import { calendarResponse } from '$lib/server/calendar/response';
import { getDb } from '$lib/server/db';
import { currentClock } from '$lib/server/family-access';
import { requireSignedIn } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * "Add to calendar" for one meeting (K1): the signed-in reader gets its entry when the
 * policy lets them see the meeting; otherwise 404, the same as for a meeting that does
 * not exist. A professional's request is logged (L1).
 */
export const GET: RequestHandler = (event) => {
	const who = requireSignedIn(event);
	const body = meetingCalendar(getDb(), who, event.params.id, event.url.origin, event.locals.locale, currentClock());
	if (body === null) error(404, 'Not found');
	return calendarResponse(body, true);
};
