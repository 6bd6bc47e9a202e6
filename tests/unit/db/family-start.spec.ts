/** Starting a family, adding members and single-use sign-in codes, on a real SQLite file. */
import { describe, expect, it } from 'vitest';
import { signIn } from '../../../src/lib/server/auth';
import { currentClock, readFamilyView } from '../../../src/lib/server/family-access';
import * as start from '../../../src/lib/server/family-start';
import type { ProfessionalPrincipal } from '../../../src/lib/server/policy/types';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();

const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const pro = (professionalId: string, organisationId: string): ProfessionalPrincipal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const anna = pro('pro-anna', 'org-cw'), sanna = pro('pro-sanna', 'org-asw'), mikko = pro('pro-mikko', 'org-familywork');

function newFamily(): string {
	const started = start.startFamily(test.db, anna, { name: 'Uusi perhe' }, clock) as { ok: true; id: string };
	expect(started.ok).toBe(true);
	return started.id;
}

describe('starting a family', () => {
	it('a child-welfare worker starts one and is its coordinator from today; others may not', () => {
		const id = newFamily();
		const view = readFamilyView(test.db, anna, id, clock, 'family-page')!;
		expect(view.viewer.role).toBe('coordinator');
		expect(view.basic).toMatchObject({ stage: 'referral', path: [{ stage: 'referral', from: '2026-11-23' }] });
		expect(start.startFamily(test.db, sanna, { name: 'X' }, clock)).toMatchObject({ ok: false, status: 403 });
		expect(start.startFamily(test.db, anna, { name: '  ' }, clock)).toMatchObject({ ok: false, issues: { name: 'required' } });
	});

	it('the coordinator adds members with custodians among the adults; bad input is refused whole', () => {
		const id = newFamily();
		const parent = start.addMember(test.db, anna, id, { name: 'Leila', birthDate: '1990-01-01', language: 'ar', interpreter: 'on' }, clock) as { ok: true; id: string };
		const child = start.addMember(test.db, anna, id, { name: 'Noor', birthDate: '2015-05-05', custodians: [parent.id] }, clock) as { ok: true; id: string };
		const members = readFamilyView(test.db, anna, id, clock, 'family-page')!.basic!.members;
		expect(members.find((x) => x.id === parent.id)).toMatchObject({ interpreter: true, language: 'ar', child: false });
		expect(members.find((x) => x.id === child.id)).toMatchObject({ custodians: [parent.id], child: true, age: 11 });
		expect(start.addMember(test.db, anna, id, { name: 'X', birthDate: '2030-01-01' }, clock)).toMatchObject({ ok: false, issues: { birthDate: 'future' } });
		expect(start.addMember(test.db, anna, id, { name: 'X', birthDate: '2020-01-01', custodians: [child.id] }, clock)).toMatchObject({ ok: false, issues: { custodians: 'unknown' } });
		expect(start.addMember(test.db, anna, id, { name: 'X', birthDate: '2020-01-01', custodians: ['amal'] }, clock)).toMatchObject({ ok: false, issues: { custodians: 'unknown' } });
		expect(start.addMember(test.db, anna, id, { name: 'X', birthDate: '2020-01-01', language: 'Arabic!' }, clock)).toMatchObject({ ok: false, issues: { language: 'language' } });
		expect(start.addMember(test.db, mikko, 'fam-haddad', { name: 'X', birthDate: '2020-01-01' }, clock)).toMatchObject({ ok: false, status: 403 });
	});
});

describe('sign-in codes', () => {
	const redeem = (code: string, username = 'leila', now = new Date('2026-11-24T10:00:00Z')) =>
		start.redeemSignInCode(test.db, { code, username, password: 'a long passphrase here', repeat: 'a long passphrase here' }, now);

	it('a code creates the member\'s own sign-in once; the member then signs in and sees the family', async () => {
		const id = newFamily();
		const parent = start.addMember(test.db, anna, id, { name: 'Leila', birthDate: '1990-01-01' }, clock) as { id: string };
		const code = start.createSignInCode(test.db, anna, id, parent.id, clock) as { ok: true; code: string; expiresAt: string };
		expect(code.code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
		expect(code.expiresAt).toBe('2026-11-30T10:00:00.000Z');
		expect(test.db.$client.prepare('SELECT code_hash FROM sign_in_codes').pluck().get()).not.toContain(code.code.replaceAll('-', ''));
		// Typed in lower case with spaces, it still works.
		expect(await redeem(` ${code.code.toLowerCase().replaceAll('-', ' ')} `)).toMatchObject({ ok: true, accountId: `mem:${parent.id}` });
		expect(await redeem(code.code, 'leila2')).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect(await signIn(test.db, 'leila', 'a long passphrase here', '10.8.0.1')).toMatchObject({ ok: true, kind: 'member' });
		expect(start.membersWithSignIn(test.db, anna, id, clock)).toEqual([parent.id]);
		// Only whom the policy lets give codes learns who has a sign-in.
		expect(start.membersWithSignIn(test.db, mikko, id, clock)).toEqual([]);
		expect(start.createSignInCode(test.db, anna, id, parent.id, clock)).toMatchObject({ ok: false, issues: { member: 'has-sign-in' } });
	});

	it('an expired code, a replaced code, a taken username and a weak password are refused', async () => {
		const id = newFamily();
		const parent = start.addMember(test.db, anna, id, { name: 'Leila', birthDate: '1990-01-01' }, clock) as { id: string };
		const first = start.createSignInCode(test.db, anna, id, parent.id, clock) as { code: string };
		const second = start.createSignInCode(test.db, anna, id, parent.id, clock) as { code: string };
		expect(await redeem(first.code)).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect(await redeem(second.code, 'leila', new Date('2026-11-30T10:00:00Z'))).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect(await redeem(second.code, 'amal')).toMatchObject({ ok: false, issues: { username: 'taken' } });
		expect(await start.redeemSignInCode(test.db, { code: second.code, username: 'leila', password: 'short', repeat: 'short' })).toMatchObject({ ok: false, issues: { password: 'password-short' } });
		expect(await redeem(second.code, 'leila', new Date('2026-11-30T09:59:00Z'))).toMatchObject({ ok: true });
	});

	it('two members racing for one username: the unique index gives it to one, the other hears "taken" and keeps an unused code', async () => {
		const id = newFamily();
		const codes = ['Leila', 'Noor'].map((name) => {
			const added = start.addMember(test.db, anna, id, { name, birthDate: '1990-01-01' }, clock) as { id: string };
			return (start.createSignInCode(test.db, anna, id, added.id, clock) as { code: string }).code;
		});
		// Both pass the check before hashing; the second to finish hashing meets the unique index on accounts.username.
		const results = await Promise.all(codes.map((code) => redeem(code, 'same-name')));
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, status: 400, message: 'invalid', issues: { username: 'taken' } }]);
		const loser = codes[results.findIndex((r) => !r.ok)];
		expect(await redeem(loser, 'another-name')).toMatchObject({ ok: true });
	});

	it('a failure that is not a username clash is not called "taken": it is thrown (a 500, logged) and nothing is written', async () => {
		const code = (start.createSignInCode(test.db, anna, 'fam-haddad', 'omar', clock) as { code: string }).code;
		const accountsNow = () => test.db.$client.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
		const usedCodes = () => test.db.$client.prepare('SELECT count(*) FROM sign_in_codes WHERE used_at IS NOT NULL').pluck().get();
		const before = accountsNow();
		test.db.$client.exec("CREATE TRIGGER accounts_broken BEFORE INSERT ON accounts BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
		await expect(redeem(code, 'omar')).rejects.toThrow('the disk is full');
		test.db.$client.exec('DROP TRIGGER accounts_broken');
		// Another constraint than the username's (the member's account id already taken) is no "username taken" either.
		test.db.$client.prepare("INSERT INTO accounts (id, username, password_hash, kind, member_id) VALUES ('mem:omar', 'omar-old', 'x', 'member', 'amal')").run();
		await expect(redeem(code, 'omar')).rejects.toThrow(/constraint/i);
		expect(accountsNow()).toBe(before + 1);
		expect(usedCodes()).toBe(0);
		expect(start.isUsernameClash(new Error('UNIQUE constraint failed: accounts.username'))).toBe(false);
	});

	it('only the coordinator creates codes', () => {
		expect(start.createSignInCode(test.db, mikko, 'fam-haddad', 'omar', clock)).toMatchObject({ ok: false, status: 403 });
		expect(start.createSignInCode(test.db, anna, 'fam-haddad', 'omar', clock)).toMatchObject({ ok: true });
		expect(start.createSignInCode(test.db, anna, 'fam-haddad', 'amal', clock)).toMatchObject({ ok: false, issues: { member: 'has-sign-in' } });
	});
});
