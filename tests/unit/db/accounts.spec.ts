/** Accounts on a real SQLite file: create, temporary passwords, forced change, deactivation. */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as accounts from '../../../src/lib/server/accounts';
import { signIn } from '../../../src/lib/server/auth';
import { hashPassword } from '../../../src/lib/server/password';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { createSession, generateSessionToken, validateSessionToken } from '../../../src/lib/server/session';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
});
afterEach(() => test.close());

let address = 0;
/** A fresh client address per sign-in, so that the address throttle plays no part here. */
const signInAs = (username: string, password: string) => signIn(test.db, username, password, `10.9.0.${++address}`);
const sessionFor = (accountId: string) => {
	const token = generateSessionToken();
	createSession(test.db, token, accountId);
	return token;
};

describe('accounts', () => {
	it('a new professional signs in with the temporary password, which must then be changed', async () => {
		const created = await accounts.createProfessional(test.db, { name: 'Outi Uusi', organisation: 'org-school', username: 'Outi.Uusi', title: 'Kuraattori' }, 'adm-1') as { ok: true; id: string; temporaryPassword: string };
		expect(created.ok).toBe(true);
		expect(created.temporaryPassword).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
		const signedIn = await signInAs('outi.uusi', created.temporaryPassword);
		expect(signedIn).toMatchObject({ ok: true, kind: 'professional' });
		const token = sessionFor(`pro:${created.id}`);
		expect(validateSessionToken(test.db, token).mustChangePassword).toBe(true);
		const stored = test.db.$client.prepare("SELECT password_hash FROM accounts WHERE username = 'outi.uusi'").pluck().get() as string;
		expect(stored).toMatch(/^\$argon2id\$/);
		expect(stored).not.toContain(created.temporaryPassword);
	});

	it.each([
		['a wrong current password', { current: 'nope', next: 'a long new passphrase', repeat: 'a long new passphrase' }, { current: 'password-wrong' }],
		['a short new password', { current: 'demo-salasana-2026', next: 'short', repeat: 'short' }, { next: 'password-short' }],
		['two different new passwords', { current: 'demo-salasana-2026', next: 'a long new passphrase', repeat: 'a long new passphrase!' }, { repeat: 'password-mismatch' }],
		['the same password again', { current: 'demo-salasana-2026', next: 'demo-salasana-2026', repeat: 'demo-salasana-2026' }, { next: 'password-same' }]
	])('a change with %s is refused and changes nothing', async (_name, input, issues) => {
		expect(await accounts.changePassword(test.db, 'pro:pro-anna', 'keep', input)).toMatchObject({ ok: false, issues });
		expect(await signInAs('anna', 'demo-salasana-2026')).toMatchObject({ ok: true });
	});

	it('a change ends the other sessions and keeps this one; the flag is cleared', async () => {
		const reset = await accounts.resetPassword(test.db, 'pro:pro-anna', 'adm-1') as { ok: true; temporaryPassword: string };
		const here = sessionFor('pro:pro-anna'), elsewhere = sessionFor('pro:pro-anna');
		const keep = validateSessionToken(test.db, here).session!.id;
		expect((await accounts.changePassword(test.db, 'pro:pro-anna', keep, { current: reset.temporaryPassword, next: 'my own long passphrase', repeat: 'my own long passphrase' })).ok).toBe(true);
		expect(validateSessionToken(test.db, here)).toMatchObject({ mustChangePassword: false });
		expect(validateSessionToken(test.db, here).session).not.toBeNull();
		expect(validateSessionToken(test.db, elsewhere).session).toBeNull();
		expect(await signInAs('anna', 'my own long passphrase')).toMatchObject({ ok: true });
	});

	it('a reset ends every session and makes the old password useless', async () => {
		const token = sessionFor('pro:pro-anna');
		const reset = await accounts.resetPassword(test.db, 'pro:pro-anna', 'adm-1') as { ok: true; temporaryPassword: string };
		expect(validateSessionToken(test.db, token).session).toBeNull();
		expect(await signInAs('anna', 'demo-salasana-2026')).toMatchObject({ ok: false });
		expect(await signInAs('anna', reset.temporaryPassword)).toMatchObject({ ok: true });
	});

	it('deactivation ends the sessions and refuses sign-in; activation lets the person back', async () => {
		const token = sessionFor('pro:pro-mikko');
		expect(accounts.setAccountActive(test.db, 'pro:pro-mikko', false, 'adm-1').ok).toBe(true);
		expect(validateSessionToken(test.db, token).session).toBeNull();
		expect(await signInAs('mikko', 'demo-salasana-2026')).toMatchObject({ ok: false, reason: 'invalid' });
		expect(accounts.setAccountActive(test.db, 'pro:pro-mikko', true, 'adm-1').ok).toBe(true);
		expect(await signInAs('mikko', 'demo-salasana-2026')).toMatchObject({ ok: true });
	});

	it('two creations of the same username at once: one account, the other a clear "taken" (check and insert in one transaction)', async () => {
		const input = { name: 'Outi Uusi', organisation: 'org-school', username: 'samaan.aikaan' };
		const results = await Promise.all([accounts.createProfessional(test.db, input, 'adm-1'), accounts.createProfessional(test.db, input, 'adm-2')]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, status: 400, issues: { username: 'taken' } });
		expect(test.db.$client.prepare("SELECT count(*) FROM accounts WHERE username = 'samaan.aikaan'").pluck().get()).toBe(1);
	});

	it('a change that another write overtook while the old password was being checked writes nothing', async () => {
		const overtaking = await hashPassword('set meanwhile by a reset');
		const pending = accounts.changePassword(test.db, 'pro:pro-anna', 'keep', { current: 'demo-salasana-2026', next: 'my own long passphrase', repeat: 'my own long passphrase' });
		// The change has read the stored password and is checking it (argon2, asynchronous): a reset lands now.
		test.db.$client.prepare("UPDATE accounts SET password_hash = ? WHERE id = 'pro:pro-anna'").run(overtaking);
		expect(await pending).toMatchObject({ ok: false, issues: { current: 'password-wrong' } });
		expect(await signInAs('anna', 'my own long passphrase')).toMatchObject({ ok: false });
		expect(await signInAs('anna', 'set meanwhile by a reset')).toMatchObject({ ok: true });
	});

	it("administrators manage professionals' accounts only, and refuse bad input", async () => {
		expect(await accounts.resetPassword(test.db, 'mem:amal', 'adm-1')).toMatchObject({ ok: false, status: 404 });
		expect(accounts.setAccountActive(test.db, 'adm:adm-1', false, 'adm-1')).toMatchObject({ ok: false, status: 404 });
		expect(await accounts.createProfessional(test.db, { name: 'X', organisation: 'org-nowhere', username: 'xxx' }, 'adm-1')).toMatchObject({ ok: false, issues: { organisation: 'unknown' } });
		expect(await accounts.createProfessional(test.db, { name: 'X', organisation: 'org-cw', username: 'ANNA' }, 'adm-1')).toMatchObject({ ok: false, issues: { username: 'taken' } });
		expect(await accounts.createProfessional(test.db, { name: ' ', organisation: 'org-cw', username: 'has space' }, 'adm-1')).toMatchObject({ ok: false, issues: { name: 'required', username: 'username' } });
		expect(accounts.createOrganisation(test.db, { name: 'Uusi järjestö', kind: 'ngo' })).toMatchObject({ ok: true });
		expect(accounts.createOrganisation(test.db, { name: 'X', kind: 'bank' })).toMatchObject({ ok: false, status: 400 });
	});
});
