/** Locale-aware formatting of `YYYY-MM-DD` dates and ISO timestamps for display. */
export function formatDate(value: string | null | undefined, locale: string): string {
	if (!value) return '';
	const date = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' }).format(date);
}

export function formatDateTime(value: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(new Date(value));
}
