import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import { loadFamilyRecord } from '../../../src/lib/server/family-record';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
});
afterEach(() => test.close());

/** Tables that hold no part of a family record: everything else must raise record_version. */
const OUTSIDE_RECORDS = new Set(['accounts', 'sessions', 'sign_in_codes', 'administrators', 'access_log', 'record_version', '__drizzle_migrations', 'sqlite_sequence',
	// D1: rights proposals and the administration log name accounts, never family data.
	'right_proposals', 'administration_log']);

describe('record cache', () => {
	it('every table of family data raises the version on insert, update and delete', () => {
		const tables = test.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
		const triggers = new Set(test.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
		const recordTables = tables.filter((name) => !OUTSIDE_RECORDS.has(name));
		expect(recordTables.length).toBeGreaterThan(10);
		for (const table of recordTables) {
			for (const event of ['insert', 'update', 'delete']) expect(triggers, `${table} ${event}`).toContain(`${table}_${event}_version`);
		}
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

	it("sees a change to a professional named in the record", () => {
		loadFamilyRecord(test.db, 'fam-haddad');
		test.db.$client.prepare("UPDATE professionals SET phone = '+358 1' WHERE id = 'pro-anna'").run();
		expect(loadFamilyRecord(test.db, 'fam-haddad')!.team.find((t) => t.professional.id === 'pro-anna')!.professional.phone).toBe('+358 1');
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
});
