/**
 * D1, separation of duties (issue #11 finding 8), on a real SQLite file with the real
 * migrations and the demo data (administrators `adm-1` and `adm-2`): authority and
 * manager rights take two administrators, revoking takes one and is immediate, every
 * step is logged, and no account is both an administrator's and a professional's.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as accounts from '../../../src/lib/server/accounts';
import { listAdministrationLog } from '../../../src/lib/server/administration-log';
import { openDatabase } from '../../../src/lib/server/db';
import { PROPOSAL_DAYS } from '../../../src/lib/server/policy/duties';
import { decideProposal, listPendingProposals, proposeRight, revokeRight } from '../../../src/lib/server/rights';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { createSession, generateSessionToken, validateSessionToken } from '../../../src/lib/server/session';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	expect((await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'))).ok).toBe(true);
});
afterEach(() => test.close());

const DAY = 24 * 60 * 60 * 1000;
const sql = (query: string, ...params: unknown[]) => test.db.$client.prepare(query).get(...params) as Record<string, unknown> | undefined;
const rights = (professionalId: string) => sql('SELECT authority, manager FROM professionals WHERE id = ?', professionalId);
const logActions = () => listAdministrationLog(test.db).map((e) => `${e.administratorId} ${e.action}${e.right ? ` ${e.right}` : ''} ${e.accountId}`).reverse();
/** What the session of a professional's account carries on its next request. */
const principalOf = (accountId: string) => {
	const token = generateSessionToken();
	createSession(test.db, token, accountId);
	return () => validateSessionToken(test.db, token).principal;
};

describe('creating a professional (D1)', () => {
	it.each([['authority'], ['manager']])('refuses %s ticked on creation and writes nothing', async (right) => {
		const result = await accounts.createProfessional(test.db, { name: 'Olli Oikeus', organisation: 'org-police', username: 'olli', [right]: 'on' }, 'adm-1');
		expect(result).toMatchObject({ ok: false, status: 400, issues: { [right]: 'right-needs-two' } });
		expect(sql("SELECT count(*) AS n FROM accounts WHERE username = 'olli'")!.n).toBe(0);
		expect(sql("SELECT count(*) AS n FROM professionals WHERE name = 'Olli Oikeus'")!.n).toBe(0);
		expect(logActions()).toEqual([]);
	});

	it('creates the account without rights and logs who created it', async () => {
		const created = await accounts.createProfessional(test.db, { name: 'Olli Oikeus', organisation: 'org-police', username: 'olli', authority: '' }, 'adm-1') as { ok: true; id: string };
		expect(created.ok).toBe(true);
		expect(rights(created.id)).toEqual({ authority: 0, manager: 0 });
		expect(logActions()).toEqual([`adm-1 create-professional pro:${created.id}`]);
	});
});

describe('granting a right takes two administrators (D1)', () => {
	it('a proposal alone gives nothing; the proposer cannot confirm it; another administrator can', () => {
		const anna = principalOf('pro:pro-anna');
		const proposed = proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'authority' });
		expect(proposed.ok).toBe(true);
		const id = (proposed as { id: string }).id;
		expect(rights('pro-anna')).toEqual({ authority: 0, manager: 0 });
		expect(anna()).toMatchObject({ kind: 'professional', authority: false });
		expect(listPendingProposals(test.db).map((p) => [p.id, p.username, p.right, p.proposedBy])).toEqual([[id, 'anna', 'authority', 'adm-1']]);

		expect(decideProposal(test.db, 'adm-1', id, 'confirm')).toEqual({ ok: false, status: 403, message: 'own-proposal' });
		expect(decideProposal(test.db, 'adm-1', id, 'reject')).toEqual({ ok: false, status: 403, message: 'own-proposal' });
		expect(rights('pro-anna')).toEqual({ authority: 0, manager: 0 });
		expect(listPendingProposals(test.db)).toHaveLength(1);

		expect(decideProposal(test.db, 'adm-2', id, 'confirm')).toEqual({ ok: true, id });
		expect(rights('pro-anna')).toEqual({ authority: 1, manager: 0 });
		// The session reads the rights on every request: the right is there at once.
		expect(anna()).toMatchObject({ kind: 'professional', authority: true });
		expect(listPendingProposals(test.db)).toEqual([]);
		expect(sql('SELECT state, decided_by FROM right_proposals WHERE id = ?', id)).toEqual({ state: 'confirmed', decided_by: 'adm-2' });
		expect(logActions()).toEqual(['adm-1 propose authority pro:pro-anna', 'adm-2 confirm authority pro:pro-anna']);
		// A closed proposal stays closed.
		expect(decideProposal(test.db, 'adm-2', id, 'confirm')).toMatchObject({ ok: false, message: 'closed' });
	});

	it('the manager right goes the same way', () => {
		const id = (proposeRight(test.db, 'adm-2', { account: 'pro:pro-johanna', right: 'manager' }) as { id: string }).id;
		expect(decideProposal(test.db, 'adm-2', id, 'confirm')).toMatchObject({ ok: false, message: 'own-proposal' });
		expect(decideProposal(test.db, 'adm-1', id, 'confirm').ok).toBe(true);
		expect(rights('pro-johanna')).toEqual({ authority: 0, manager: 1 });
	});

	it(`a proposal lapses after ${PROPOSAL_DAYS} days: it cannot be confirmed, and a new one can be made`, () => {
		const then = new Date(Date.now() - (PROPOSAL_DAYS * DAY + 60_000));
		const id = (proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'authority' }, then) as { id: string }).id;
		expect(decideProposal(test.db, 'adm-2', id, 'confirm', new Date(then.getTime() + PROPOSAL_DAYS * DAY - 1000)).ok).toBe(true);
		test.db.$client.prepare("UPDATE professionals SET authority = 0 WHERE id = 'pro-anna'").run();

		const late = (proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'authority' }, then) as { id: string }).id;
		expect(listPendingProposals(test.db)).toEqual([]);
		expect(decideProposal(test.db, 'adm-2', late, 'confirm')).toEqual({ ok: false, status: 400, message: 'expired' });
		expect(decideProposal(test.db, 'adm-2', late, 'reject')).toMatchObject({ ok: false, message: 'expired' });
		expect(rights('pro-anna')).toEqual({ authority: 0, manager: 0 });
		expect(proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'authority' }).ok).toBe(true);
	});

	it('another administrator rejects, the proposer withdraws; neither gives the right', () => {
		const first = (proposeRight(test.db, 'adm-1', { account: 'pro:pro-mikko', right: 'authority' }) as { id: string }).id;
		expect(decideProposal(test.db, 'adm-2', first, 'withdraw')).toEqual({ ok: false, status: 403, message: 'not-proposer' });
		expect(decideProposal(test.db, 'adm-2', first, 'reject').ok).toBe(true);
		expect(decideProposal(test.db, 'adm-1', first, 'withdraw')).toMatchObject({ ok: false, message: 'closed' });
		const second = (proposeRight(test.db, 'adm-1', { account: 'pro:pro-mikko', right: 'authority' }) as { id: string }).id;
		expect(decideProposal(test.db, 'adm-1', second, 'withdraw').ok).toBe(true);
		expect(decideProposal(test.db, 'adm-2', second, 'confirm')).toMatchObject({ ok: false, message: 'closed' });
		expect(rights('pro-mikko')).toEqual({ authority: 0, manager: 0 });
		expect(logActions()).toEqual([
			'adm-1 propose authority pro:pro-mikko', 'adm-2 reject authority pro:pro-mikko',
			'adm-1 propose authority pro:pro-mikko', 'adm-1 withdraw authority pro:pro-mikko'
		]);
	});

	it('refuses a right already held, a second proposal while one waits, other accounts and bad input, writing nothing', () => {
		expect(proposeRight(test.db, 'adm-1', { account: 'pro:pro-timo', right: 'authority' })).toMatchObject({ ok: false, issues: { right: 'right-held' } });
		expect(proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'manager' }).ok).toBe(true);
		expect(proposeRight(test.db, 'adm-2', { account: 'pro:pro-anna', right: 'manager' })).toMatchObject({ ok: false, issues: { right: 'right-proposed' } });
		for (const account of ['mem:amal', 'adm:adm-2', 'pro:nobody']) {
			expect(proposeRight(test.db, 'adm-1', { account, right: 'authority' })).toMatchObject({ ok: false, issues: { account: 'unknown' } });
		}
		expect(proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'admin' })).toMatchObject({ ok: false, issues: { right: 'required' } });
		expect(proposeRight(test.db, 'adm-1', {})).toMatchObject({ ok: false, issues: { account: 'required', right: 'required' } });
		expect(decideProposal(test.db, 'adm-2', 'prop-nothing', 'confirm')).toEqual({ ok: false, status: 404, message: 'not-found' });
		expect(listPendingProposals(test.db)).toHaveLength(1);
		expect(logActions()).toEqual(['adm-1 propose manager pro:pro-anna']);
	});

	it('a confirmation is one transaction: when its log entry cannot be written, the right is not given', () => {
		const id = (proposeRight(test.db, 'adm-1', { account: 'pro:pro-anna', right: 'authority' }) as { id: string }).id;
		test.db.$client.exec('ALTER TABLE administration_log RENAME TO administration_log_away');
		expect(() => decideProposal(test.db, 'adm-2', id, 'confirm')).toThrow();
		test.db.$client.exec('ALTER TABLE administration_log_away RENAME TO administration_log');
		expect(rights('pro-anna')).toEqual({ authority: 0, manager: 0 });
		expect(sql('SELECT state FROM right_proposals WHERE id = ?', id)).toEqual({ state: 'open' });
	});
});

describe('revoking a right (D1)', () => {
	it('takes one administrator and is immediate: the next request has no authority and no outcome figures', () => {
		const timo = principalOf('pro:pro-timo');
		const marja = principalOf('pro:pro-marja');
		expect(timo()).toMatchObject({ authority: true });
		expect(marja()).toMatchObject({ manager: true });
		expect(revokeRight(test.db, 'adm-1', { account: 'pro:pro-timo', right: 'authority' })).toEqual({ ok: true, id: 'pro:pro-timo' });
		expect(revokeRight(test.db, 'adm-1', { account: 'pro:pro-marja', right: 'manager' }).ok).toBe(true);
		expect(timo()).toMatchObject({ kind: 'professional', authority: false });
		expect(marja()).toMatchObject({ kind: 'professional', manager: false });
		expect(revokeRight(test.db, 'adm-2', { account: 'pro:pro-timo', right: 'authority' })).toMatchObject({ ok: false, issues: { right: 'right-not-held' } });
		expect(logActions()).toEqual(['adm-1 revoke authority pro:pro-timo', 'adm-1 revoke manager pro:pro-marja']);
	});
});

describe('the administration log', () => {
	it('logs account changes with the administrator who made them', async () => {
		expect(accounts.setAccountActive(test.db, 'pro:pro-mikko', false, 'adm-2').ok).toBe(true);
		expect(accounts.setAccountActive(test.db, 'pro:pro-mikko', true, 'adm-1').ok).toBe(true);
		expect((await accounts.resetPassword(test.db, 'pro:pro-mikko', 'adm-2')).ok).toBe(true);
		expect(await accounts.resetPassword(test.db, 'mem:amal', 'adm-2')).toMatchObject({ ok: false, status: 404 });
		expect(logActions()).toEqual(['adm-2 deactivate pro:pro-mikko', 'adm-1 activate pro:pro-mikko', 'adm-2 reset-password pro:pro-mikko']);
		expect(listAdministrationLog(test.db)[0]).toMatchObject({ administratorName: 'Toinen ylläpitäjä', username: 'mikko', professionalName: expect.stringContaining('Mikko') });
	});

	it('is append-only: an entry cannot be changed', () => {
		revokeRight(test.db, 'adm-1', { account: 'pro:pro-timo', right: 'authority' });
		expect(() => test.db.$client.prepare("UPDATE administration_log SET administrator_id = 'adm-2'").run()).toThrow(/append-only/);
		expect(listAdministrationLog(test.db)[0].administratorId).toBe('adm-1');
	});
});

describe('an administrator account is never a professional (D1)', () => {
	const insertAccount = (id: string, kind: string, owners: { member?: string; professional?: string; administrator?: string }) => () =>
		test.db.$client.prepare('INSERT INTO accounts (id, username, password_hash, kind, member_id, professional_id, administrator_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
			.run(id, id, 'x', kind, owners.member ?? null, owners.professional ?? null, owners.administrator ?? null);

	it.each([
		['an administrator account that is also a professional', 'administrator', { administrator: 'adm-1', professional: 'pro-timo' }],
		['a professional account that is also an administrator', 'professional', { professional: 'pro-timo', administrator: 'adm-1' }],
		['an administrator account without its administrator', 'administrator', { professional: 'pro-timo' }],
		['a member account that is also a professional', 'member', { member: 'amal', professional: 'pro-anna' }],
		['an account without an owner', 'professional', {}]
	])('the database refuses %s', (_name, kind, owners) => {
		expect(insertAccount('x1', kind, owners)).toThrow(/CHECK constraint failed/);
		expect(() => test.db.$client.prepare("UPDATE accounts SET professional_id = 'pro-timo' WHERE id = 'adm:adm-1'").run()).toThrow(/CHECK constraint failed/);
	});

	it('accepts one owner of the account kind; the loader still takes authority and manager from the file (FORMAT.md)', () => {
		expect(insertAccount('x2', 'administrator', { administrator: 'adm-2' })).not.toThrow();
		expect(rights('pro-timo')).toEqual({ authority: 1, manager: 0 });
		expect(rights('pro-marja')).toEqual({ authority: 0, manager: 1 });
		expect(sql("SELECT kind, professional_id, member_id FROM accounts WHERE username = 'admin2'")).toEqual({ kind: 'administrator', professional_id: null, member_id: null });
	});
});

describe('migration 0012', () => {
	it('rebuilds accounts without losing an account or a session (foreign keys off while migrating)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'portal-0011-'));
		const before = join(dir, 'drizzle');
		cpSync('drizzle', before, { recursive: true });
		const journalPath = join(before, 'meta/_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < 12);
		writeFileSync(journalPath, JSON.stringify(journal));
		const path = join(dir, 'old.db');
		process.env.MIGRATIONS_PATH = before;
		try {
			const old = openDatabase(path);
			old.$client.exec(`
				INSERT INTO organisations (id, name, kind) VALUES ('org-1', 'Org', 'police');
				INSERT INTO professionals (id, name, organisation_id, authority) VALUES ('pro-1', 'P', 'org-1', 1);
				INSERT INTO administrators (id, name) VALUES ('adm-1', 'A');
				INSERT INTO accounts (id, username, password_hash, kind, professional_id) VALUES ('pro:pro-1', 'p', 'h', 'professional', 'pro-1');
				INSERT INTO accounts (id, username, password_hash, kind, administrator_id) VALUES ('adm:adm-1', 'a', 'h', 'administrator', 'adm-1');
				INSERT INTO sessions (id, account_id, expires_at) VALUES ('s1', 'pro:pro-1', 1), ('s2', 'adm:adm-1', 1);`);
			old.$client.close();
		} finally {
			delete process.env.MIGRATIONS_PATH;
		}
		const migrated = openDatabase(path);
		try {
			expect(migrated.$client.prepare('SELECT id FROM sessions ORDER BY id').pluck().all()).toEqual(['s1', 's2']);
			expect(migrated.$client.prepare('SELECT id FROM accounts ORDER BY id').pluck().all()).toEqual(['adm:adm-1', 'pro:pro-1']);
			expect(() => migrated.$client.prepare("UPDATE accounts SET professional_id = 'pro-1' WHERE id = 'adm:adm-1'").run()).toThrow(/CHECK constraint failed/);
			expect(migrated.$client.pragma('foreign_key_check')).toEqual([]);
		} finally {
			migrated.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('a password reset takes the rights away (D1)', () => {
	it('the resetting administrator knows the new password, so authority and manager go, each logged; the session finds no right', async () => {
		const timo = principalOf('pro:pro-timo');
		expect(timo()).toMatchObject({ authority: true });
		const reset = await accounts.resetPassword(test.db, 'pro:pro-timo', 'adm-1');
		expect(reset).toMatchObject({ ok: true, rightsRemoved: ['authority'] });
		expect(rights('pro-timo')).toEqual({ authority: 0, manager: 0 });
		expect(logActions()).toEqual(['adm-1 reset-password pro:pro-timo', 'adm-1 revoke authority pro:pro-timo']);
		const again = principalOf('pro:pro-timo');
		expect(again()).toMatchObject({ authority: false });
	});

	it('an account without rights keeps none to lose', async () => {
		expect(await accounts.resetPassword(test.db, 'pro:pro-anna', 'adm-1')).toMatchObject({ ok: true, rightsRemoved: [] });
		expect(logActions()).toEqual(['adm-1 reset-password pro:pro-anna']);
	});
});
