import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import * as t from '../../../src/lib/server/db/schema';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { verifyPassword } from '../../../src/lib/server/password';
import { DEMO_SCENARIO, EXAMPLE_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(() => { test = freshDatabase(); });
afterEach(() => test.close());

const example = () => JSON.parse(readFileSync(EXAMPLE_SCENARIO, 'utf8'));
const rows = (table: Parameters<TestDb['db']['select']>[0] extends never ? never : keyof typeof t) =>
	test.db.select({ n: count() }).from(t[table] as typeof t.members).get()!.n;

describe('scenario loader', () => {
	it('accepts the shared example as it is, with every entity', async () => {
		const result = await loadScenarioText(test.db, readFileSync(EXAMPLE_SCENARIO, 'utf8'));
		expect(result.ok).toBe(true);
		const source = example();
		expect(rows('families')).toBe(source.families.length);
		expect(rows('members')).toBe(source.families.reduce((n: number, f: { members: unknown[] }) => n + f.members.length, 0));
		expect(rows('consents')).toBe(source.families.reduce((n: number, f: { consents: unknown[] }) => n + f.consents.length, 0));
		expect(rows('blocks')).toBeGreaterThan(0);
		expect(rows('emergencyAccesses')).toBeGreaterThan(0);
	});

	it('accepts the demo scenario', async () => {
		const result = await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
		expect(result).toMatchObject({ ok: true });
		expect(rows('families')).toBe(3);
	});

	it('hashes passwords with argon2id and never stores them in clear', async () => {
		await loadScenarioText(test.db, readFileSync(EXAMPLE_SCENARIO, 'utf8'));
		const account = test.db.select().from(t.accounts).all().find((a) => a.username === 'pro1')!;
		expect(account.passwordHash.startsWith('$argon2id$')).toBe(true);
		expect(account.passwordHash).not.toContain('pw-pro1-long-enough');
		expect(await verifyPassword(account.passwordHash, 'pw-pro1-long-enough')).toBe(true);
		const dump = JSON.stringify(test.db.select().from(t.accounts).all());
		expect(dump).not.toContain('long-enough');
	});

	it('keeps the scenario ids as external ids', async () => {
		await loadScenarioText(test.db, readFileSync(EXAMPLE_SCENARIO, 'utf8'));
		const ids = test.db.select({ id: t.families.id }).from(t.families).all().map((f) => f.id);
		expect(ids.sort()).toEqual(example().families.map((f: { id: string }) => f.id).sort());
	});

	it('replaces whatever was there', async () => {
		await loadScenarioText(test.db, readFileSync(EXAMPLE_SCENARIO, 'utf8'));
		await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
		const ids = test.db.select({ id: t.families.id }).from(t.families).all().map((f) => f.id);
		expect(ids.sort()).toEqual(['fam-haddad', 'fam-lahtinen', 'fam-makela']);
	});

	it('rejects a broken file whole, lists every problem with its path, and writes nothing', async () => {
		await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
		const broken = example();
		const family = broken.families[0];
		family.members[2].custodians = ['karim'];                 // unknown reference
		family.members[0].birthDate = '1984-02-30';                // bad date
		family.services[1].id = family.services[0].id;             // duplicate id
		family.stage = 'somewhere';                                // wrong enum
		broken.families[1].consents[0].grantee = { organisation: 'org-nowhere' };
		const result = await loadScenarioText(test.db, JSON.stringify(broken));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const lines = result.problems.map((p) => `${p.path}: ${p.message}`);
		expect(lines).toEqual(expect.arrayContaining([
			expect.stringMatching(/^families\[0\]\.stage: /),
			expect.stringMatching(/^families\[0\]\.members\[0\]\.birthDate: not a date/)
		]));
		// Shape problems come first; with the shape fixed, the references are all reported too.
		broken.families[0].stage = 'working';
		broken.families[0].members[0].birthDate = '1984-02-28';
		const second = await loadScenarioText(test.db, JSON.stringify(broken));
		expect(second.ok).toBe(false);
		if (second.ok) return;
		const paths = second.problems.map((p) => `${p.path}: ${p.message}`);
		expect(paths).toEqual(expect.arrayContaining([
			'families[0].members[2].custodians[0]: unknown member "karim"',
			expect.stringMatching(/^families\[0\]\.services\[1\]\.id: duplicate service id/),
			'families[1].consents[0].grantee.organisation: unknown organisation "org-nowhere"'
		]));
		// Nothing written: the demo is still there.
		const ids = test.db.select({ id: t.families.id }).from(t.families).all().map((f) => f.id);
		expect(ids.sort()).toEqual(['fam-haddad', 'fam-lahtinen', 'fam-makela']);
	});

	it.each([
		['not JSON', '{ nope', '(file): not valid JSON'],
		['wrong format', JSON.stringify({ format: 'other/1' }), 'format: format must be "family-portal-scenario/1"'],
		['misspelt key', JSON.stringify({ format: 'family-portal-scenario/1', organisations: [{ id: 'o', name: 'O', kind: 'ngo', knd: 'x' }] }), 'organisations[0]: '],
		['bad id', JSON.stringify({ format: 'family-portal-scenario/1', organisations: [{ id: 'o o', name: 'O', kind: 'ngo' }] }), 'organisations[0].id: '],
		['duplicate username', JSON.stringify({ format: 'family-portal-scenario/1', administrators: [
			{ id: 'a1', name: 'A', username: 'same', password: 'long enough 1' }, { id: 'a2', name: 'B', username: 'SAME', password: 'long enough 2' }] }),
		'administrators[1].username: duplicate username "SAME"'],
		['emergency by a non-authority', JSON.stringify({ format: 'family-portal-scenario/1',
			organisations: [{ id: 'o', name: 'O', kind: 'ngo' }],
			professionals: [{ id: 'p', name: 'P', organisation: 'o' }],
			families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
				emergencyAccess: [{ id: 'e', professional: 'p', reason: 'r', opened: '2026-11-23T08:00:00+02:00' }] }] }),
		'families[0].emergencyAccess[0].professional: "p" is not an authority'],
		['two coordinators at once', JSON.stringify({ format: 'family-portal-scenario/1',
			organisations: [{ id: 'o', name: 'O', kind: 'ngo' }],
			professionals: [{ id: 'p', name: 'P', organisation: 'o' }, { id: 'q', name: 'Q', organisation: 'o' }],
			families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
				team: [{ professional: 'p', role: 'coordinator', from: '2026-01-01', until: null }, { professional: 'q', role: 'coordinator', from: '2026-06-01', until: null }] }] }),
		'families[0].team[1]: overlaps the coordinator period']
	])('rejects %s', async (_name, source, expected) => {
		const result = await loadScenarioText(test.db, source);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toContain(expected);
	});
});
