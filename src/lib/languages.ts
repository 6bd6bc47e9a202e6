/**
 * The interface languages, each named in itself so that anyone can find their own in the
 * list whatever language the page is in now. The order is the list's order: the two
 * national languages, English, then the languages most spoken by the service's families.
 */
export const LANGUAGE_NAMES = {
	fi: 'suomi',
	sv: 'svenska',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی',
	so: 'Soomaali',
	ru: 'Русский',
	uk: 'Українська',
	et: 'Eesti'
} as const;

export type InterfaceLanguage = keyof typeof LANGUAGE_NAMES;

/** The languages in the list's order. */
export const INTERFACE_LANGUAGES = Object.keys(LANGUAGE_NAMES) as InterfaceLanguage[];
