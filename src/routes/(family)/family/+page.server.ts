import { familyPageActions, loadFamilyPage } from '$lib/server/family-pages';
import { getDb } from '$lib/server/db';
import { requireMember } from '$lib/server/guards';
import { unreadTotal } from '$lib/server/thread-unread';
import type { PageServerLoad } from './$types';

/** The home: the "now" card, "I don't feel safe" and, for a child, the picture-card check-in. */
export const load: PageServerLoad = (event) => {
	const page = loadFamilyPage(event);
	// The "now" card's one line on messages: only threads this member may read count (G5).
	return { ...page, unread: unreadTotal(getDb(), requireMember(event), page.view.value.threads) };
};

export const actions = familyPageActions('tickTask', 'sendSafetySignal', 'checkIn');
