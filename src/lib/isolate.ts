/**
 * Text written by others (names, Finnish service names, notes) inside a sentence of the
 * interface: isolated with FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (Unicode bidi,
 * the same as `<bdi>`), so that "Anna Virtanen" or "Perhetyö, Itä" keeps its own direction
 * and does not reorder an Arabic or Persian sentence around it. For values passed into
 * messages; text standing alone in the markup uses `<bdi>` or `dir="auto"` instead.
 * Names cannot hold direction controls themselves (names.ts refuses them).
 */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}

/** Several names, each isolated, joined with a comma. */
export function isolateAll(texts: readonly string[]): string {
	return texts.map(isolate).join(', ');
}

/** A sentence cut where `isolate` marked others' text: the marked parts are drawn as `<bdi>` (see Isolated.svelte). */
export function isolatedParts(text: string): { text: string; isolated: boolean }[] {
	return text.split(/\u2068([^\u2068\u2069]*)\u2069/).map((part, i) => ({ text: part, isolated: i % 2 === 1 })).filter((p) => p.text !== '' || p.isolated);
}
