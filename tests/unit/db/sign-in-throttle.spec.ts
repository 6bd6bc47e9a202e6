/**
 * The username throttle of signIn under real concurrency, on the demo data: attempts
 * sent together are limited as attempts one after another are (four free tries, then a
 * wait), because each attempt is counted before its password is hashed.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../../../src/lib/server/auth';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();
const PASSWORD = 'demo-salasana-2026';
let address = 0;
/** A client address of its own for each attempt: only the username's throttle is under test. */
const attempt = (username: string, password: string) => signIn(test.db, username, password, `10.13.0.${++address}`);
const reasons = (results: Awaited<ReturnType<typeof signIn>>[]) => results.map((r) => (r.ok ? 'ok' : r.reason)).sort();

describe('the username throttle', () => {
	it('twelve wrong passwords sent together: four are checked, eight wait, as when sent one after another; then the right one waits too', async () => {
		const together = await Promise.all(Array.from({ length: 12 }, () => attempt('tiina', 'wrong password')));
		expect(reasons(together)).toEqual([...Array(4).fill('invalid'), ...Array(8).fill('throttled')]);
		expect(await attempt('tiina', PASSWORD)).toEqual({ ok: false, reason: 'throttled' });
	});

	it('the same for an unknown username', async () => {
		const together = await Promise.all(Array.from({ length: 12 }, () => attempt('nobody-at-all', 'wrong password')));
		expect(reasons(together)).toEqual([...Array(4).fill('invalid'), ...Array(8).fill('throttled')]);
	});

	it('one after another, as before: a right password within the free tries signs in and clears the count', async () => {
		for (let i = 0; i < 3; i++) expect(await attempt('aleksi', 'wrong password')).toMatchObject({ ok: false, reason: 'invalid', accountId: 'mem:aleksi' });
		expect(await attempt('aleksi', PASSWORD)).toMatchObject({ ok: true, kind: 'member' });
		for (let i = 0; i < 4; i++) expect(await attempt('aleksi', 'wrong password')).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await attempt('aleksi', PASSWORD)).toEqual({ ok: false, reason: 'throttled' });
	});

	it('a right password sent together with wrong ones is judged on its merits within the free tries', async () => {
		const together = await Promise.all([attempt('sari', 'wrong password'), attempt('sari', PASSWORD), attempt('sari', 'wrong password')]);
		expect(reasons(together)).toEqual(['invalid', 'invalid', 'ok']);
	});
});
