import { getDb } from '$lib/server/db';
import { doneAction, formAction } from '$lib/server/form-actions';
import { samePath, sendAccessibilityFeedback } from '$lib/server/writes/accessibility-feedback';
import type { Actions, PageServerLoad } from './$types';

/**
 * The accessibility statement is public (Act 306/2019): anyone reads it and sends
 * feedback, signed in or not. `?page=` names the page the feedback is about, and is
 * taken only when it is a path of this site.
 */
export const load: PageServerLoad = ({ url }) => ({
	page: samePath(url.searchParams.get('page') ?? '') ?? '',
	done: doneAction(url)
});

export const actions: Actions = {
	feedback: formAction({
		name: 'feedback',
		// Anyone may send: the guard only says who is sending (an account, or nobody) and from where.
		guard: (event) => ({ accountId: event.locals.accountId, clientAddress: event.getClientAddress() }),
		write: (input, sender) => sendAccessibilityFeedback(getDb(), sender, input)
	})
};
