/**
 * The record statement and its mapping must agree: for every section (SQL column) the
 * keys its JSON objects carry are exactly the keys the mapping reads, every section the
 * SQL returns is read, and no record field is left undefined. Real SQLite, real
 * migrations, the demo scenario plus one row in each table the demo leaves empty.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecordRow, RECORD_SQL, toFamilyRecord, type RawRecordRow, type RecordRows } from '../../../src/lib/server/family-record-rows';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';
import { addRowsTheDemoLacks } from './record-fixtures';
import type { Db } from '../../../src/lib/server/db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
	addRowsTheDemoLacks(test.db);
});
afterEach(() => test.close());

type KeyUse = { emitted: Map<string, Set<string>>; read: Map<string, Set<string>>; undefinedFields: string[] };

/** Runs `sql` for every family and maps its rows with the real mapping, recording which keys were emitted and read. */
function keyUse(db: Db, sql: string): KeyUse {
	const use: KeyUse = { emitted: new Map(), read: new Map(), undefinedFields: [] };
	const statement = db.$client.prepare(sql);
	const note = (map: Map<string, Set<string>>, section: string, key: string) => map.set(section, (map.get(section) ?? new Set()).add(key));
	const tracked = <T extends object>(section: string, row: T): T => {
		for (const key of Object.keys(row)) note(use.emitted, section, key);
		return new Proxy(row, { get: (target, key, receiver) => (typeof key === 'string' && note(use.read, section, key), Reflect.get(target, key, receiver)) });
	};
	for (const column of statement.columns()) note(use.emitted, '(sections)', column.name);
	for (const familyId of db.$client.prepare('SELECT id FROM families').pluck().all() as string[]) {
		const rows = parseRecordRow(statement.get({ familyId }) as RawRecordRow)!;
		const sections = Object.fromEntries(Object.entries(rows).map(([section, value]) =>
			[section, Array.isArray(value) ? value.map((row) => tracked(section, row)) : typeof value === 'object' ? tracked(section, value) : value]));
		const record = toFamilyRecord(tracked('(sections)', sections as RecordRows));
		use.undefinedFields.push(...undefinedPaths(record, familyId));
	}
	return use;
}

function undefinedPaths(value: unknown, path: string): string[] {
	if (value === undefined) return [path];
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, child]) => undefinedPaths(child, `${path}.${key}`));
}

/** Per section: keys the SQL emits that the mapping never reads, and keys it reads that the SQL never emits. */
function disagreements(use: KeyUse): string[] {
	const out: string[] = [];
	for (const section of new Set([...use.emitted.keys(), ...use.read.keys()])) {
		const emitted = use.emitted.get(section) ?? new Set();
		const read = use.read.get(section) ?? new Set();
		for (const key of emitted) if (!read.has(key)) out.push(`${section}.${key}: in the SQL, not mapped`);
		for (const key of read) if (!emitted.has(key)) out.push(`${section}.${key}: mapped, not in the SQL`);
	}
	return out;
}

describe('family record rows', () => {
	it('every section has rows in the test data (so its keys can be compared)', () => {
		const use = keyUse(test.db, RECORD_SQL);
		for (const section of use.emitted.get('(sections)')!) {
			expect(use.emitted.get(section)?.size ?? 0, `no ${section} row: add one above`).toBeGreaterThan(0);
		}
	});

	it('the SQL emits exactly the keys the mapping reads, and every record field is filled', () => {
		const use = keyUse(test.db, RECORD_SQL);
		expect(disagreements(use)).toEqual([]);
		expect(use.undefinedFields).toEqual([]);
	});

	it('notices a column added to the SQL without a mapping', () => {
		const sql = RECORD_SQL.replace(`'id', id, 'subject', subject_id, 'text', text)) FROM goals`, `'id', id, 'subject', subject_id, 'text', text, 'familyId', family_id)) FROM goals`);
		expect(sql).not.toBe(RECORD_SQL);
		expect(disagreements(keyUse(test.db, sql))).toEqual(['goals.familyId: in the SQL, not mapped']);
	});

	it('notices a key the mapping reads that the SQL no longer emits', () => {
		const sql = RECORD_SQL.replace(`'word', word, `, '');
		expect(sql).not.toBe(RECORD_SQL);
		const use = keyUse(test.db, sql);
		expect(disagreements(use)).toEqual(['signals.word: mapped, not in the SQL']);
		expect(use.undefinedFields).toEqual(['fam-haddad.safetySignals.0.word']);
	});

	it('notices a section the SQL returns that the mapping ignores', () => {
		const sql = RECORD_SQL.replace(' AS professionals', ' AS professionals, 1 AS spare');
		expect(disagreements(keyUse(test.db, sql))).toContain('(sections).spare: in the SQL, not mapped');
	});
});

describe('the record statement reads by index', () => {
	/** The tables the plan reads row by row: a family's record must find its rows by index, never scan a table of every family. */
	const scannedTables = (db: Db) => (db.$client.prepare(`EXPLAIN QUERY PLAN ${RECORD_SQL}`).all({ familyId: 'fam-haddad' }) as { detail: string }[])
		.map((row) => /^SCAN (\w+)/.exec(row.detail)?.[1]).filter((table): table is string => table !== undefined && table !== 'CONSTANT' && table !== 'json_each');

	it('no table is scanned (a missing index cost 30 ms a record on 10,000 families)', () => {
		expect(scannedTables(test.db)).toEqual([]);
	});

	it('notices a dropped index', () => {
		test.db.$client.exec('DROP INDEX thread_messages_family_idx');
		expect(scannedTables(test.db)).toContain('thread_messages');
	});
});
