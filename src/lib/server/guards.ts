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

/**
 * What a session that still owes its second factor may reach (#17): the factor pages,
 * signing out, the language switch, the health check and the accessibility statement;
 * and, while an administrator's temporary password must be changed, that change first.
 */
const SECOND_FACTOR_OPEN = ['/second-factor', '/logout', '/language', '/api/health', '/accessibility'];

export type SecondFactorGate = 'open' | 'redirect' | 'refuse';

/**
 * The gate's one decision, for every request (hooks.server.ts applies it): `open`, or for
 * a professional or administrator who has not passed the second factor, `redirect` a
 * page load to /second-factor and `refuse` (403) the API and every form post.
 */
export function secondFactorGate(
	locals: Pick<App.Locals, 'principal' | 'secondFactorVerified' | 'mustChangePassword'>,
	request: { method: string; pathname: string }
): SecondFactorGate {
	const principal = locals.principal;
	if (!principal || principal.kind === 'member' || locals.secondFactorVerified) return 'open';
	const under = (path: string) => request.pathname === path || request.pathname.startsWith(`${path}/`);
	if (SECOND_FACTOR_OPEN.some(under)) return 'open';
	if (locals.mustChangePassword && under('/account/password')) return 'open';
	if (request.pathname.startsWith('/api/')) return 'refuse';
	return request.method === 'GET' || request.method === 'HEAD' ? 'redirect' : 'refuse';
}
