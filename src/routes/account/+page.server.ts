import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formInput } from '$lib/server/form-actions';
import { requireSignedIn } from '$lib/server/guards';
import { factorStatus, needsSecondFactor } from '$lib/server/second-factor/factors';
import { invalidateOwnSession, listSessions } from '$lib/server/session';
import { listSignInEvents } from '$lib/server/sign-in-events';
import { oidcConfigured } from '$lib/server/oidc/config';
import { hasLinkedIdentity } from '$lib/server/oidc/link';
import type { Actions, PageServerLoad } from './$types';

/**
 * Any signed-in person's own account (anonymous → /login): who they are, their active
 * sessions with a sign-out for each, and their recent sign-ins, failed ones included.
 */
export const load: PageServerLoad = (event) => {
	const principal = requireSignedIn(event);
	const accountId = event.locals.accountId!;
	const current = event.locals.session!.id;
	const sessions = listSessions(getDb(), accountId).map((s, index) => ({
		// The session's id is the token's hash: harmless to its owner, but a position is all the form needs to show.
		id: s.id, device: s.device, lastUsedAt: s.lastUsedAt === null ? null : new Date(s.lastUsedAt).toISOString(), current: s.id === current, index
	}));
	const factor = needsSecondFactor(principal.kind) ? factorStatus(getDb(), accountId) : null;
	// A member may link e-identification to the account they signed in to (#17).
	const eid = principal.kind === 'member' && oidcConfigured() ? { linked: hasLinkedIdentity(getDb(), accountId) } : null;
	return { name: principal.name, kind: principal.kind, sessions, signIns: listSignInEvents(getDb(), accountId), factor, eid, done: event.url.searchParams.get('done') };
};

export const actions: Actions = {
	/** Signs out one of the person's own sessions (another device); the current one signs out with /logout. */
	endSession: async (event) => {
		requireSignedIn(event);
		const input = await formInput(event);
		const ended = invalidateOwnSession(getDb(), event.locals.accountId!, String(input.session ?? ''));
		if (!ended) error(404, 'Not found');
		redirect(303, '/account?done=endSession#account-sessions-heading');
	}
};
