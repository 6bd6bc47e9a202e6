/** The second-factor gate's decisions (#17), one row per kind of request. */
import { describe, expect, it } from 'vitest';
import { secondFactorGate } from '../../src/lib/server/guards';
import type { Principal } from '../../src/lib/server/policy/types';

describe('the gate', () => {
	const pro: Principal = { kind: 'professional', professionalId: 'p', organisationId: 'o', authority: false, manager: false, name: 'P' };
	const admin: Principal = { kind: 'administrator', administratorId: 'a', name: 'A' };
	const member: Principal = { kind: 'member', memberId: 'm', familyId: 'f', name: 'M' };
	const gate = (principal: Principal | null, verified: boolean, method: string, pathname: string, mustChangePassword = false) =>
		secondFactorGate({ principal, secondFactorVerified: verified, mustChangePassword }, { method, pathname });

	const rows: [Principal | null, boolean, string, string, string, boolean?][] = [
		[pro, false, 'GET', '/pro', 'redirect'], [pro, false, 'GET', '/pro/families/haddad', 'redirect'], [admin, false, 'GET', '/admin', 'redirect'],
		[pro, false, 'GET', '/account', 'redirect'], [pro, false, 'GET', '/second-factor/enrol-not-a-page-x', 'open'],
		[pro, false, 'GET', '/api/v1/families', 'refuse'], [pro, false, 'POST', '/pro?/handleSignal', 'refuse'],
		[pro, false, 'POST', '/account/password', 'refuse'], [pro, false, 'POST', '/account/password', 'open', true],
		[pro, false, 'GET', '/second-factor', 'open'], [pro, false, 'POST', '/second-factor', 'open'], [pro, false, 'POST', '/logout', 'open'],
		[pro, false, 'GET', '/language', 'open'], [pro, false, 'GET', '/accessibility', 'open'], [pro, false, 'GET', '/api/health', 'open'],
		[pro, false, 'GET', '/second-factorx', 'redirect'],
		[pro, true, 'GET', '/pro', 'open'], [pro, true, 'GET', '/api/v1/families', 'open'], [admin, true, 'POST', '/admin', 'open'],
		[member, false, 'GET', '/family', 'open'], [member, false, 'GET', '/api/v1/families', 'open'], [null, false, 'GET', '/pro', 'open']
	];
	it.each(rows)('%o verified=%s %s %s → %s', (principal, verified, method, path, expected, mustChange = false) => {
		expect(gate(principal, verified, method, path.split('?')[0], mustChange)).toBe(expected);
	});
});

