import { requireProfessional } from '$lib/server/guards';
import { loadThreads, threadActions } from '$lib/server/thread-pages';
import type { PageServerLoad } from './$types';

/** A professional's threads with the family (G1-G5): only those they take part in, only while on the team. */
export const load: PageServerLoad = (event) => loadThreads(event, requireProfessional(event), event.params.id);

export const actions = threadActions(requireProfessional, (_me, event) => event.params.id!);
