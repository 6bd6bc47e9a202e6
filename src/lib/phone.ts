/** A phone number as a `tel:` link's target: digits and a leading +, nothing a dialler trips on. */
export function telHref(phone: string): string {
	return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * A call button's text that never breaks inside the number (html-validate's
 * tel-non-breaking): spaces become no-break spaces and hyphens non-breaking hyphens.
 */
export function unbreakable(text: string): string {
	return text.replaceAll(' ', '\u00a0').replaceAll('-', '\u2011');
}

/**
 * A phone number that reads left to right inside any sentence: in Arabic or Persian the
 * bidirectional algorithm would otherwise show "+358 40 100 0001" as "0001 100 40 358+".
 * Unicode's left-to-right isolate (U+2066 … U+2069) works in plain text, also in messages.
 */
export function leftToRight(text: string): string {
	return `\u2066${text}\u2069`;
}

/** A phone number as an SMS gateway takes it: E.164 without the spaces, brackets and hyphens a person may have typed. */
export function normalisePhone(phone: string): string {
	return phone.replace(/[\s()-]/g, '');
}
