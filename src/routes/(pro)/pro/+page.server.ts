import { getDb } from '$lib/server/db';
import { professionalCaseload } from '$lib/server/family-access';
import { requireProfessional } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireProfessional(event);
	return { families: professionalCaseload(getDb(), me) };
};
