import { error } from '@sveltejs/kit';
import { baseLocale, isLocale } from '$lib/paraglide/runtime';
import { feedCalendar } from '$lib/server/calendar/entries';
import { calendarFeedOwner } from '$lib/server/calendar/feeds';
import { calendarResponse } from '$lib/server/calendar/response';
import { getDb } from '$lib/server/db';
import { currentClock } from '$lib/server/family-access';
import { languageOfAccount } from '$lib/server/language-preference';
import type { RequestHandler } from './$types';

/**
 * A personal calendar feed (K1), read without signing in: the secret in the path is the
 * only key. The entries are decided now, for the feed's owner, in the owner's language.
 * A wrong, renewed or removed secret answers 404.
 */
export const GET: RequestHandler = (event) => {
	const db = getDb();
	const owner = calendarFeedOwner(db, event.params.secret);
	if (!owner) error(404, 'Not found');
	const language = languageOfAccount(db, owner.accountId);
	const locale = language && isLocale(language) ? language : baseLocale;
	return calendarResponse(feedCalendar(db, owner.principal, event.url.origin, locale, currentClock()), false);
};
