import { familyPageActions, loadFamilyPage } from '$lib/server/family-pages';
import type { PageServerLoad } from './$types';

/** Plan and tasks: the goals with their progress and every task the member may see. */
export const load: PageServerLoad = (event) => loadFamilyPage(event);

export const actions = familyPageActions('tickTask');
