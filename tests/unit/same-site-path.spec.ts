/** Redirect targets named in a request stay on this site (no open redirect). */
import { describe, expect, it } from 'vitest';
import { sameSitePath } from '../../src/lib/server/same-site-path';

describe('sameSitePath', () => {
	it.each([
		['/family', '/family'],
		['/pro/families/fam-haddad?tool=plan', '/pro/families/fam-haddad?tool=plan'],
		['/family#task-1', '/family#task-1'],
		['/perhe/ä', '/perhe/%C3%A4']
	])('keeps the site path %s', (to, expected) => {
		expect(sameSitePath(to)).toBe(expected);
	});

	it.each(['//evil.example', '/\\evil.example', '\\\\evil.example', 'https://evil.example', 'http:evil.example', 'javascript:alert(1)',
		'/\t/evil.example', '/\n/evil.example', ' //evil.example', 'family', ''])('sends %j home instead', (to) => {
		expect(sameSitePath(to)).toBe('/');
	});

	it('uses the given fallback', () => {
		expect(sameSitePath('//evil.example', '/login')).toBe('/login');
	});
});
