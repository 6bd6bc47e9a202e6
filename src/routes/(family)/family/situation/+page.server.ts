import { loadFamilyPage } from '$lib/server/family-pages';
import type { PageServerLoad } from './$types';

/** Our situation: the service path, the ecomap, members, team and services (read only). */
export const load: PageServerLoad = (event) => loadFamilyPage(event);
