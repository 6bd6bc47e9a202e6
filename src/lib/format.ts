/** Locale-aware formatting of `YYYY-MM-DD` dates and ISO timestamps for display. */

// Building an Intl formatter costs far more than using one: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: 'date' | 'dateTime' | 'time'): Intl.DateTimeFormat {
	const key = `${locale}/${style}`;
	let found = formatters.get(key);
	if (!found) {
		found = new Intl.DateTimeFormat(locale, style === 'date'
			? { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' }
			: style === 'time'
				? { timeStyle: 'short', timeZone: 'Europe/Helsinki' }
				: { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Helsinki' });
		formatters.set(key, found);
	}
	return found;
}

/** The same few dates recur on every page: their formatted text is kept (bounded). */
const formattedDates = new Map<string, string>();
const MAX_FORMATTED = 10_000;

export function formatDate(value: string | null | undefined, locale: string): string {
	if (!value) return '';
	const key = `${locale}|${value}`;
	let text = formattedDates.get(key);
	if (text === undefined) {
		const date = value.length === 10 ? new Date(`${value}T12:00:00Z`) : new Date(value);
		text = formatter(locale, 'date').format(date);
		if (formattedDates.size >= MAX_FORMATTED) formattedDates.clear();
		formattedDates.set(key, text);
	}
	return text;
}

export function formatDateTime(value: string, locale: string): string {
	return formatter(locale, 'dateTime').format(new Date(value));
}

/** The Helsinki wall-clock time of an instant, e.g. 14.05. */
export function formatTime(value: string, locale: string): string {
	return formatter(locale, 'time').format(new Date(value));
}
