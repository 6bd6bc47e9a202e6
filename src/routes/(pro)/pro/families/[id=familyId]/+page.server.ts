import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readFamilyView } from '$lib/server/family-access';
import { requireProfessional } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	const view = readFamilyView(getDb(), me, event.params.id);
	if (!view) error(404, 'Not found');
	return { view };
};
