import { getDb } from '$lib/server/db';
import { listOrganisations, listProfessionals } from '$lib/server/administration';
import { requireAdministrator } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAdministrator(event);
	return { organisations: listOrganisations(getDb()), professionals: listProfessionals(getDb()) };
};
