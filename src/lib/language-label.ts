/**
 * A language tag ("ar", "fa-IR") named in the reader's language ("arabia" to a Finnish
 * reader, "Arabic" to an English one), from the platform's own language names (Intl).
 * An unknown or malformed tag is shown as it is rather than hidden.
 */
export function languageLabel(tag: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}

/** Several tags named in the reader's language, joined as a list ("arabia ja persia"). */
export function languageList(tags: readonly string[], locale: string): string {
	const names = tags.map((tag) => languageLabel(tag, locale));
	try {
		return new Intl.ListFormat([locale], { type: 'conjunction' }).format(names);
	} catch {
		return names.join(', ');
	}
}
