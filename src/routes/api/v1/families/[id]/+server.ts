import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { currentClock, readFamilyView } from '$lib/server/family-access';
import { requireApiPrincipal } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** FORMAT.md: everything the caller may see of the family, each item with its id and why. */
export const GET: RequestHandler = (event) => {
	const who = requireApiPrincipal(event);
	const view = readFamilyView(getDb(), who, event.params.id, currentClock(), 'family-api');
	if (!view) error(404, 'Not found');
	return json(view, { headers: { 'Cache-Control': 'private, no-store' } });
};
