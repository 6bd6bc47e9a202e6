import { familyPageActions, loadFamilyPage } from '$lib/server/family-pages';
import type { PageServerLoad } from './$types';

/** Meetings: the questions before a meeting, feedback and a score after one. */
export const load: PageServerLoad = (event) => loadFamilyPage(event);

export const actions = familyPageActions('answerMeeting');
