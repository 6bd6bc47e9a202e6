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
