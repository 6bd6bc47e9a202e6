import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readAccessLog } from '$lib/server/family-access';
import { requireApiPrincipal } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** FORMAT.md: the access-log entries the caller may see (L2; all of them for the coordinator). */
export const GET: RequestHandler = (event) => {
	const who = requireApiPrincipal(event);
	const entries = readAccessLog(getDb(), who, event.params.id);
	if (!entries) error(404, 'Not found');
	return json({ entries }, { headers: { 'Cache-Control': 'private, no-store' } });
};
