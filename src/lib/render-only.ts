/**
 * Page data that only server-side rendering uses. SvelteKit serializes every server
 * load's data for hydration even where a page turns client-side rendering off (and then
 * throws the string away): on the professional's family page that was about 6 % of the
 * request. The transport hook in `src/hooks.ts` encodes this wrapper as a bare marker,
 * so its value is neither serialized nor sent (`__data.json` included). A page that
 * uses it is server-rendered only (the root layout turns csr off): in a browser the
 * value would be null.
 */
export class RenderOnly<T> {
	constructor(readonly value: T) {}
}
