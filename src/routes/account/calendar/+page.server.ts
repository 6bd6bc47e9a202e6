import { error } from '@sveltejs/kit';
import { calendarFeedOf, removeCalendarFeed, renewCalendarFeed } from '$lib/server/calendar/feeds';
import { getDb } from '$lib/server/db';
import { formAction } from '$lib/server/form-actions';
import { requireSignedIn } from '$lib/server/guards';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Family members and professionals have meetings; an administrator has none (A1). */
function requireFeedOwner(event: RequestEvent): string {
	const who = requireSignedIn(event);
	if (who.kind === 'administrator' || !event.locals.accountId) error(404, 'Not found');
	return event.locals.accountId;
}

/** The person's own calendar link (K1): whether there is one and since when; the link itself is shown only once. */
export const load: PageServerLoad = (event) => {
	const accountId = requireFeedOwner(event);
	return { feed: calendarFeedOf(getDb(), accountId), done: event.url.searchParams.get('done') };
};

export const actions: Actions = {
	/** Makes the link, or a new one in place of the old, which stops at once. The link is in this answer only. */
	renew: formAction({
		name: 'renew', guard: requireFeedOwner,
		write: (_input, accountId) => ({ ok: true as const, secret: renewCalendarFeed(getDb(), accountId) }),
		onSuccess: (result, _accountId, event) => ({ action: 'renew', link: new URL(`/calendar/${result.secret}.ics`, event.url.origin).href })
	}),
	remove: formAction({
		name: 'remove', guard: requireFeedOwner,
		write: (_input, accountId) => {
			removeCalendarFeed(getDb(), accountId);
			return { ok: true as const };
		}
	})
};
