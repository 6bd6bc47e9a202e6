import { familyPageActions, loadFamilyPage } from '$lib/server/family-pages';
import type { PageServerLoad } from './$types';

/** Privacy: consents, hiding from guardians (a mature young person), who has looked (L2). */
export const load: PageServerLoad = (event) => loadFamilyPage(event, { withLog: true });

export const actions = familyPageActions('decideConsent', 'revokeConsent', 'setHidden');
