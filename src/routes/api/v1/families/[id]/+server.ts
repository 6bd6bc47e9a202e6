import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { currentClock, readFamilyView } from '$lib/server/family-access';
import { requireApiPrincipal } from '$lib/server/guards';
import { isId } from '$lib/ids';
import type { RequestHandler } from './$types';

/** FORMAT.md: everything the caller may see of the family, each item with its id and why. */
export const GET: RequestHandler = (event) => {
	const who = requireApiPrincipal(event);
	// Signed in first (401), then the id's form: a malformed id is a family nobody may see.
	if (!isId(event.params.id)) error(404, 'Not found');
	const view = readFamilyView(getDb(), who, event.params.id, currentClock(), 'family-api');
	if (!view) error(404, 'Not found');
	return json(view, { headers: { 'Cache-Control': 'private, no-store' } });
};
