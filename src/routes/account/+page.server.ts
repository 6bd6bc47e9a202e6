import { requireSignedIn } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/** Any signed-in person's own account: who they are, nothing more (anonymous → /login). */
export const load: PageServerLoad = (event) => {
	const principal = requireSignedIn(event);
	return { name: principal.name, kind: principal.kind };
};
