import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import { loadFamilyRecord } from '../../../src/lib/server/family-record';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';
import { addRowsTheDemoLacks } from './record-fixtures';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
});
afterEach(() => test.close());

/** Tables that hold no part of a family record: every other table must raise a version. */
const OUTSIDE_RECORDS = new Set(['accounts', 'sessions', 'sign_in_codes', 'administrators', 'access_log', 'record_version', 'family_version', '__drizzle_migrations', 'sqlite_sequence',
	// D1: rights proposals and the administration log name accounts, never family data.
	'right_proposals', 'administration_log',
	// F1: accessibility feedback is about the service, never a family's data.
	'accessibility_feedback',
	// G5: how far a person has read a thread; unread counts read it beside the record, never through it.
	'thread_reads',
	// N1-N3: the notification outbox is never read into a family's record (the worker asks the policy about each row).
	'notifications',
	// K1: a calendar feed is an account's secret link; its entries are decided from the records when it is read.
	'calendar_feeds',
	// #17: e-identification links, flows under way and the subject-hash key belong to accounts, not to a family's record.
	'oidc_identities', 'oidc_flows', 'oidc_keys',
	// #17: second factors, recovery codes, sign-in events and factor resets belong to accounts.
	'totp_credentials', 'webauthn_credentials', 'recovery_codes', 'sign_in_events', 'factor_resets']);
/** Tables that appear in many records: they raise the global record_version, all others their family's version. */
const SHARED_TABLES = new Set(['organisations', 'professionals']);
/** Record tables without a family_id column whose rows reach their family through a member (the column the record SQL joins by). */
const THROUGH_MEMBER: Record<string, string> = { custody: 'child_id', information_rights: 'adult_id' };

const ALL = ['insert', 'update', 'delete'] as const;
const sqlite = () => test.db.$client;
const recordTables = () => (sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[])
	.filter((name) => !OUTSIDE_RECORDS.has(name));
const familyVersions = () => new Map(sqlite().prepare('SELECT family_id, version FROM family_version').raw().all() as [string, number][]);
const globalVersion = () => sqlite().prepare('SELECT version FROM record_version WHERE id = 1').pluck().get() as number;

/** The families whose version differs between two readings. */
function raised(before: Map<string, number>, after: Map<string, number>): string[] {
	return [...after].filter(([family, version]) => before.get(family) !== version).map(([family]) => family).sort();
}

/** Which family a row of a record table belongs to. */
function familyOfRow(table: string, row: Record<string, unknown>): string {
	if (table === 'families') return row.id as string;
	if ('family_id' in row) return row.family_id as string;
	const via = THROUGH_MEMBER[table];
	if (!via) throw new Error(`${table}: how does a row reach its family? Add it to THROUGH_MEMBER and give it triggers in a migration`);
	return sqlite().prepare('SELECT family_id FROM members WHERE id = ?').pluck().get(row[via]) as string;
}

describe('record cache', () => {
	it('every table of family data raises the version on insert, update and delete', () => {
		const triggers = new Map(sqlite().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").raw().all() as [string, string][]);
		expect(recordTables().length).toBeGreaterThan(10);
		for (const table of recordTables()) {
			for (const event of ALL) {
				expect([...triggers.keys()], `${table} ${event}`).toContain(`${table}_${event}_version`);
				expect(triggers.get(`${table}_${event}_version`), `${table} ${event}`).toContain(SHARED_TABLES.has(table) ? '`record_version`' : '`family_version`');
			}
		}
	});

	it("a write to a family's data raises that family's version only, and not the global one", () => {
		addRowsTheDemoLacks(test.db);
		for (const table of recordTables().filter((name) => !SHARED_TABLES.has(name))) {
			const row = sqlite().prepare(`SELECT * FROM "${table}" LIMIT 1`).get() as Record<string, unknown> | undefined;
			expect(row, `${table} has no row to try`).toBeDefined();
			const family = familyOfRow(table, row!);
			const columns = Object.keys(row!);
			const match = columns.map((c) => `"${c}" IS ?`).join(' AND ');
			const values = Object.values(row!);
			const changes: Record<(typeof ALL)[number], () => void> = {
				update: () => sqlite().prepare(`UPDATE "${table}" SET "${columns[0]}" = "${columns[0]}" WHERE ${match}`).run(...values),
				delete: () => sqlite().prepare(`DELETE FROM "${table}" WHERE ${match}`).run(...values),
				insert: () => sqlite().prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...values)
			};
			sqlite().exec('BEGIN');
			try {
				for (const event of ['update', 'delete', 'insert'] as const) {
					const before = familyVersions(), global = globalVersion();
					changes[event]();
					expect(raised(before, familyVersions()), `${table} ${event}`).toEqual([family]);
					expect(globalVersion(), `${table} ${event}`).toBe(global);
				}
			} finally {
				sqlite().exec('ROLLBACK');
			}
		}
	});

	it('a change to an organisation or a professional raises the global version', () => {
		const cases = [
			"INSERT INTO organisations (id, name, kind) VALUES ('org-new', 'New', 'ngo')",
			"UPDATE organisations SET name = 'Renamed' WHERE id = 'org-new'",
			"INSERT INTO professionals (id, name, organisation_id) VALUES ('pro-new', 'New', 'org-new')",
			"UPDATE professionals SET phone = '+358 2' WHERE id = 'pro-new'",
			"DELETE FROM professionals WHERE id = 'pro-new'",
			"DELETE FROM organisations WHERE id = 'org-new'"
		];
		for (const sql of cases) {
			const before = globalVersion();
			sqlite().prepare(sql).run();
			expect(globalVersion(), sql).toBeGreaterThan(before);
		}
	});

	it("a write to one family replaces its record and leaves another family's the very same object", () => {
		const haddad = loadFamilyRecord(test.db, 'fam-haddad')!;
		const makela = loadFamilyRecord(test.db, 'fam-makela')!;
		sqlite().prepare("INSERT INTO goals (id, family_id, subject_id, text) VALUES ('g-new', 'fam-haddad', 'omar', 'Sleeps well')").run();
		expect(loadFamilyRecord(test.db, 'fam-makela')).toBe(makela);
		const after = loadFamilyRecord(test.db, 'fam-haddad')!;
		expect(after).not.toBe(haddad);
		expect(after.goals.map((g) => g.id)).toContain('g-new');
		expect(loadFamilyRecord(test.db, 'fam-haddad')).toBe(after);
	});

	it('a custody change (reaching its family through the child) replaces only that family', () => {
		const haddad = loadFamilyRecord(test.db, 'fam-haddad')!;
		const lahtinen = loadFamilyRecord(test.db, 'fam-lahtinen')!;
		expect(haddad.members.find((m) => m.id === 'omar')!.custodians).toEqual(['amal']);
		sqlite().prepare("DELETE FROM custody WHERE child_id = 'omar'").run();
		expect(loadFamilyRecord(test.db, 'fam-lahtinen')).toBe(lahtinen);
		expect(loadFamilyRecord(test.db, 'fam-haddad')!.members.find((m) => m.id === 'omar')!.custodians).toEqual([]);
	});

	it('returns the same frozen record until something changes', () => {
		const first = loadFamilyRecord(test.db, 'fam-haddad')!;
		expect(loadFamilyRecord(test.db, 'fam-haddad')).toBe(first);
		expect(Object.isFrozen(first.members[0])).toBe(true);
		expect(() => { (first.members as unknown as unknown[]).push({}); }).toThrow(TypeError);
	});

	it('sees a change made by another connection (another process, a loader, a console)', () => {
		const before = loadFamilyRecord(test.db, 'fam-haddad')!;
		const other = openDatabase(test.path);
		other.$client.prepare("UPDATE consents SET revoked = '2026-11-01' WHERE family_id = 'fam-haddad'").run();
		other.$client.close();
		const after = loadFamilyRecord(test.db, 'fam-haddad')!;
		expect(after).not.toBe(before);
		expect(after.consents.every((c) => c.revoked === '2026-11-01')).toBe(true);
	});

	it("another connection's write to one family leaves the other families cached", () => {
		const lahtinen = loadFamilyRecord(test.db, 'fam-lahtinen')!;
		const before = loadFamilyRecord(test.db, 'fam-haddad')!;
		const other = openDatabase(test.path);
		other.$client.prepare("UPDATE families SET name = 'Haddad-Nieminen' WHERE id = 'fam-haddad'").run();
		other.$client.close();
		expect(loadFamilyRecord(test.db, 'fam-lahtinen')).toBe(lahtinen);
		expect(loadFamilyRecord(test.db, 'fam-haddad')).not.toBe(before);
		expect(loadFamilyRecord(test.db, 'fam-haddad')!.name).toBe('Haddad-Nieminen');
	});

	it('an organisation change refreshes every record that shows it', () => {
		const haddad = loadFamilyRecord(test.db, 'fam-haddad')!;
		const makela = loadFamilyRecord(test.db, 'fam-makela')!;
		sqlite().prepare("UPDATE organisations SET name = 'Family work (new)' WHERE id = 'org-familywork'").run();
		for (const [id, before] of [['fam-haddad', haddad], ['fam-makela', makela]] as const) {
			const after = loadFamilyRecord(test.db, id)!;
			expect(after).not.toBe(before);
			expect(after.services.filter((s) => s.providerId === 'org-familywork').map((s) => s.providerName)).toEqual(['Family work (new)']);
		}
	});

	it("sees a change to a professional named in the record", () => {
		loadFamilyRecord(test.db, 'fam-haddad');
		test.db.$client.prepare("UPDATE professionals SET phone = '+358 1' WHERE id = 'pro-anna'").run();
		expect(loadFamilyRecord(test.db, 'fam-haddad')!.team.find((t) => t.professional.id === 'pro-anna')!.professional.phone).toBe('+358 1');
	});

	it('a professional on two teams is shown changed in both records', () => {
		loadFamilyRecord(test.db, 'fam-haddad');
		loadFamilyRecord(test.db, 'fam-makela');
		sqlite().prepare("UPDATE professionals SET title = 'Family worker' WHERE id = 'pro-mikko'").run();
		for (const id of ['fam-haddad', 'fam-makela']) {
			expect(loadFamilyRecord(test.db, id)!.team.find((t) => t.professional.id === 'pro-mikko')!.professional.title, id).toBe('Family worker');
		}
	});

	it('does not let an access-log write or a sign-in clear it', () => {
		const first = loadFamilyRecord(test.db, 'fam-haddad')!;
		test.db.$client.prepare("INSERT INTO access_log (at, professional_id, organisation_id, family_id, outcome, emergency, reads, prev_hash, hash) VALUES ('x', 'p', 'o', 'fam-haddad', 'allowed', 0, '[]', 'a', 'b')").run();
		expect(loadFamilyRecord(test.db, 'fam-haddad')).toBe(first);
	});

	it('forgets a deleted family', () => {
		loadFamilyRecord(test.db, 'fam-makela');
		test.db.$client.prepare("DELETE FROM families WHERE id = 'fam-makela'").run();
		expect(loadFamilyRecord(test.db, 'fam-makela')).toBeNull();
	});

	it('never serves a deleted family to a new family given the same id', () => {
		loadFamilyRecord(test.db, 'fam-makela');
		sqlite().prepare("DELETE FROM families WHERE id = 'fam-makela'").run();
		sqlite().prepare("INSERT INTO families (id, name, stage) VALUES ('fam-makela', 'Another family', 'referral')").run();
		const record = loadFamilyRecord(test.db, 'fam-makela')!;
		expect(record.name).toBe('Another family');
		expect(record.members).toEqual([]);
	});
});
