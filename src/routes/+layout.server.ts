import type { LayoutServerLoad } from './$types';

/**
 * Only who is signed in and what kind of account: no family data in the layout. `path`
 * (with its query) is where a language link comes back to.
 */
export const load: LayoutServerLoad = ({ locals, url }) => ({
	viewer: locals.principal ? { name: locals.principal.name, kind: locals.principal.kind } : null,
	path: url.pathname + url.search
});

/**
 * The portal is server-rendered HTML with plain forms: every page reads and works without
 * JavaScript, navigation is a page load, and no page's data is copied into a script for
 * hydration. (SvelteKit's client router would otherwise render a `csr = false` page
 * itself when it is reached by a link from a hydrated page.)
 */
export const csr = false;
