/** Locale-aware formatting of `YYYY-MM-DD` dates and ISO timestamps for display. */

/**
 * The Intl locale and date shape per interface language. Unambiguous for everyone: English
 * writes "9 Dec 2026" (never the US 12/9/2026), Persian writes the Gregorian month by name
 * (Intl's `fa` default is the solar Hijri calendar, but Finnish appointments and letters are
 * Gregorian), the others their usual numeric date (fi 9.12.2026, sv 2026-12-09, ar 9/12/2026).
 * Times on the 24-hour clock with two-digit hours, except Finnish "klo 9.05".
 */
const DATE_SHAPES: Record<string, { intl: string; month: 'numeric' | 'short' | 'long'; hour?: 'numeric' }> = {
	fi: { intl: 'fi', month: 'numeric', hour: 'numeric' }, // klo 9.05, as Finnish writes it
	en: { intl: 'en-GB', month: 'short' },
	fa: { intl: 'fa-IR-u-ca-gregory', month: 'long' },
	so: { intl: 'so', month: 'short' }
};
const shapeOf = (locale: string) => DATE_SHAPES[locale] ?? { intl: locale, month: 'numeric' as const };

// Building an Intl formatter costs far more than using one: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, style: 'date' | 'dateTime' | 'time'): Intl.DateTimeFormat {
	const key = `${locale}/${style}`;
	let found = formatters.get(key);
	if (!found) {
		const { intl, month, hour = '2-digit' } = shapeOf(locale);
		const day = { day: 'numeric', month, year: 'numeric', timeZone: 'Europe/Helsinki' } as const;
		const time = { hour, minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Helsinki' } as const;
		found = new Intl.DateTimeFormat(intl, style === 'date' ? day : style === 'time' ? time : { ...day, ...time });
		formatters.set(key, found);
	}
	return found;
}

const listFormats = new Map<string, Intl.ListFormat>();
/** "a, b and c" as the locale joins a list (one formatter per locale: building one costs more than a page's worth of text). */
export function formatList(items: readonly string[], locale: string): string {
	let found = listFormats.get(locale);
	if (!found) {
		found = new Intl.ListFormat(locale, { type: 'conjunction' });
		listFormats.set(locale, found);
	}
	return found.format(items);
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
