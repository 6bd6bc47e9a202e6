import type { LayoutServerLoad } from './$types';

/** Only who is signed in and what kind of account: no family data in the layout. */
export const load: LayoutServerLoad = ({ locals, url }) => ({
	viewer: locals.principal ? { name: locals.principal.name, kind: locals.principal.kind } : null,
	path: url.pathname
});
