/**
 * The one chain of guards for each kind of account. Layouts, form actions and
 * endpoints call these: a layout guard alone does not protect actions or `+server`.
 */
import { error, redirect } from '@sveltejs/kit';
import type { MemberPrincipal, Principal, ProfessionalPrincipal } from './policy/types';

type WithLocals = { locals: App.Locals };

export function requireSignedIn({ locals }: WithLocals): Principal {
	if (!locals.principal) redirect(303, '/login');
	return locals.principal;
}

export function requireMember(event: WithLocals): MemberPrincipal {
	const principal = requireSignedIn(event);
	if (principal.kind !== 'member') error(404, 'Not found');
	return principal;
}

export function requireProfessional(event: WithLocals): ProfessionalPrincipal {
	const principal = requireSignedIn(event);
	if (principal.kind !== 'professional') error(404, 'Not found');
	return principal;
}

export function requireAdministrator(event: WithLocals): Extract<Principal, { kind: 'administrator' }> {
	const principal = requireSignedIn(event);
	if (principal.kind !== 'administrator') error(404, 'Not found');
	return principal;
}

/** For the JSON API: 401 instead of a redirect. */
export function requireApiPrincipal({ locals }: WithLocals): Principal {
	if (!locals.principal) error(401, 'Not signed in');
	return locals.principal;
}
