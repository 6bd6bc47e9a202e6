/**
 * The interface language that follows a person: the one they chose while signed in
 * (`accounts.locale`), else for a family member the language the family's worker recorded
 * for them (`members.language`, e.g. Amal's Arabic), else none (the browser's own choice
 * stands). Set as paraglide's cookie at sign-in, so that the first page after signing in
 * is already in it. This reads the person's own account and member row only: it is not a
 * read of family data about anyone else.
 */
import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import type { Db } from './db';
import { accounts, members } from './db/schema';

/** The language for this account's sessions, or null when neither it nor its member has one we offer. */
export function languageOfAccount(db: Db, accountId: string): string | null {
	const row = db.select({ chosen: accounts.locale, recorded: members.language }).from(accounts)
		.leftJoin(members, eq(members.id, accounts.memberId)).where(eq(accounts.id, accountId)).get();
	for (const candidate of [row?.chosen, row?.recorded]) if (candidate && isLocale(candidate)) return candidate;
	return null;
}

/** Remembers a signed-in person's own choice, so that it wins over the recorded language from now on. */
export function rememberLanguage(db: Db, accountId: string, locale: string): void {
	if (isLocale(locale)) db.update(accounts).set({ locale }).where(eq(accounts.id, accountId)).run();
}

/** paraglide's language cookie: read by its `cookie` strategy before the browser's preference. */
export function setLanguageCookie(cookies: Cookies, locale: string): void {
	cookies.set(cookieName, locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax' });
}
