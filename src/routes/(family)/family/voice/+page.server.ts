import { familyPageActions, loadFamilyPage } from '$lib/server/family-pages';
import type { PageServerLoad } from './$types';

/** My voice: writing a view, the views and check-ins, questions to the consultation team. */
export const load: PageServerLoad = (event) => loadFamilyPage(event);

export const actions = familyPageActions('createVoice', 'updateVoice', 'deleteVoice', 'checkIn', 'askConsultation');
