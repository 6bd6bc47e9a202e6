import { requireMember } from '$lib/server/guards';
import { loadThreads, threadActions } from '$lib/server/thread-pages';
import type { PageServerLoad } from './$types';

/** Messages with the team (G1-G5): my threads, one thread, a new thread. */
export const load: PageServerLoad = (event) => {
	const me = requireMember(event);
	return loadThreads(event, me, me.familyId);
};

export const actions = threadActions(requireMember, (me) => me.familyId);
