import type { Locale } from '$lib/paraglide/runtime';

/**
 * Each language named in itself, so that anyone finds their own whatever the page's
 * language. Typed by the project's locales: a locale added to project.inlang without its
 * name here fails the type check. The header lists them in the project's locale order: the
 * two national languages, English, then the languages most spoken by the service's families.
 */
export const languageNames: Record<Locale, string> = {
	fi: 'suomi',
	sv: 'svenska',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی',
	so: 'Soomaali',
	ru: 'Русский',
	uk: 'Українська',
	et: 'Eesti'
};
