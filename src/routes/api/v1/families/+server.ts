import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { listFamilies } from '$lib/server/family-access';
import { requireApiPrincipal } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** FORMAT.md: the families of which the caller may see anything. */
export const GET: RequestHandler = (event) => {
	const who = requireApiPrincipal(event);
	return json({ families: listFamilies(getDb(), who) }, { headers: { 'Cache-Control': 'private, no-store' } });
};
