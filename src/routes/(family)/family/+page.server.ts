import { familyPageActions, loadFamilyPage } from '$lib/server/family-pages';
import type { PageServerLoad } from './$types';

/** The home: the "now" card, "I don't feel safe" and, for a child, the picture-card check-in. */
export const load: PageServerLoad = (event) => loadFamilyPage(event);

export const actions = familyPageActions('tickTask', 'sendSafetySignal', 'checkIn');
