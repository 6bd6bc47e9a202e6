import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import * as t from '../../../src/lib/server/db/schema';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { shiftScenario } from '../../../src/lib/server/scenario/shift';
import { verifyPassword } from '../../../src/lib/server/password';
import { DEMO_SCENARIO, EXAMPLE_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(() => { test = freshDatabase(); });
afterEach(() => test.close());

const example = () => JSON.parse(readFileSync(EXAMPLE_SCENARIO, 'utf8'));
const rows = (table: Parameters<TestDb['db']['select']>[0] extends never ? never : keyof typeof t) =>
	test.db.select({ n: count() }).from(t[table] as typeof t.members).get()!.n;

/** One family: mum and her child kid, and a third adult whose information rights are given. */
function withInformationRights(rights: { child: string; categories: string[] }[]) {
	return { format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [
		{ id: 'mum', name: 'Mum', birthDate: '1985-01-01' },
		{ id: 'kid', name: 'Kid', birthDate: '2015-01-01', custodians: ['mum'] },
		{ id: 'dad', name: 'Dad', birthDate: '1980-01-01', informationRight: rights }] }] };
}

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

	it('loads the additions: stage dates, meetings with members and professionals apart, and structured voice', async () => {
		await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
		const family = test.db.select().from(t.families).all().find((f) => f.id === 'fam-haddad')!;
		expect(family.path).toContainEqual({ stage: 'working', from: '2026-10-01' });
		const meeting = test.db.select().from(t.meetings).all().find((m) => m.id === 'meet-haddad-weekly')!;
		expect(meeting).toMatchObject({ familyId: 'fam-haddad', memberIds: ['amal', 'yasmin', 'omar'], professionalIds: ['pro-anna', 'pro-mikko'] });
		const voice = test.db.select().from(t.voiceItems).all();
		expect(voice.find((v) => v.id === 'v-amal-feedback')).toMatchObject({ meetingId: 'meet-haddad-plan', score: 8, text: '' });
		expect(voice.find((v) => v.id === 'v-amal-feedback')!.answers).toHaveProperty('howDidItFeel');
		expect(voice.find((v) => v.id === 'v-yasmin-diary')).toMatchObject({ feeling: 'worried' });
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
		'families[0].team[1]: overlaps the coordinator period'],
		['a meeting with an unknown participant', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			meetings: [{ id: 'mt', start: '2026-11-26T15:00:00+02:00', participants: ['m', 'ghost'] }] }] }),
		'families[0].meetings[0].participants[1]: unknown member or professional "ghost"'],
		['a meeting without a zone', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			meetings: [{ id: 'mt', start: '2026-11-26 15:00', participants: [] }] }] }),
		'families[0].meetings[0].start: not an ISO 8601 timestamp with a zone'],
		['an interpreter booked for a language that is not a tag', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
			meetings: [{ id: 'mt', start: '2026-11-26T15:00:00+02:00', interpreterBooked: ['ar', 'Arabic'] }] }] }),
		'families[0].meetings[0].interpreterBooked[1]: a language is a tag such as "fi" or "ar"'],
		['an interpreter booked twice for one language', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
			meetings: [{ id: 'mt', start: '2026-11-26T15:00:00+02:00', interpreterBooked: ['ar', 'fa', 'ar'] }] }] }),
		'families[0].meetings[0].interpreterBooked[2]: "ar" is already at families[0].meetings[0].interpreterBooked[0]'],
		['an empty place', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
			meetings: [{ id: 'mt', start: '2026-11-26T15:00:00+02:00', place: '  ' }] }] }),
		'families[0].meetings[0].place: a place may not be empty (leave it out instead)'],
		['a stage dated twice', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			path: [{ stage: 'plan', from: '2026-09-01' }, { stage: 'plan', from: '2026-10-01' }] }] }),
		'families[0].path[1].stage: stage "plan" is already dated at families[0].path[0]'],
		['voice about an unknown meeting', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			voice: [{ id: 'v', author: 'm', kind: 'feedback', text: 'ok', shareWithFamily: false, shareWithTeam: true, created: '2026-11-20', meeting: 'nope' }] }] }),
		'families[0].voice[0].meeting: unknown meeting "nope" in this family'],
		['a score on a view', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			voice: [{ id: 'v', author: 'm', kind: 'view', text: 'ok', shareWithFamily: false, shareWithTeam: true, created: '2026-11-20', score: 5 }] }] }),
		'families[0].voice[0].score: only feedback has a score'],
		['a score of 11', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			voice: [{ id: 'v', author: 'm', kind: 'feedback', text: 'ok', shareWithFamily: false, shareWithTeam: true, created: '2026-11-20', score: 11 }] }] }),
		'families[0].voice[0].score: '],
		['a feedback question in preparation', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			voice: [{ id: 'v', author: 'm', kind: 'meeting-prep', text: '', shareWithFamily: false, shareWithTeam: true, created: '2026-11-20', answers: { howDidItFeel: 'x' } }] }] }),
		'families[0].voice[0].answers: "howDidItFeel" is not a question of meeting-prep'],
		['an empty check-in', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			voice: [{ id: 'v', author: 'm', kind: 'checkin', text: ' ', shareWithFamily: false, shareWithTeam: false, created: '2026-11-20' }] }] }),
		'families[0].voice[0].text: must not be empty (or give a feeling or answers)'],
		['an unknown feeling', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }], 
			voice: [{ id: 'v', author: 'm', kind: 'checkin', text: '', shareWithFamily: false, shareWithTeam: false, created: '2026-11-20', feeling: 'meh' }] }] }),
		'families[0].voice[0].feeling: '],
		['two information rights for one child (the database keeps one: the load would stop half-way)', JSON.stringify(withInformationRights([
			{ child: 'kid', categories: ['services'] }, { child: 'kid', categories: ['plan'] }])),
		'families[0].members[2].informationRight[1].child: a second information right for "kid"'],
		['an information right held by the child\'s own custodian', JSON.stringify({ ...withInformationRights([]), families: [{
			...withInformationRights([]).families[0],
			members: [...withInformationRights([]).families[0].members.slice(0, 2), { id: 'dad', name: 'Dad', birthDate: '1980-01-01', informationRight: [{ child: 'kid', categories: ['plan'] }] }]
				.map((m) => (m.id === 'kid' ? { ...m, custodians: ['mum', 'dad'] } : m)) }] }),
		'families[0].members[2].informationRight[0].child: "dad" is a custodian of "kid"'],
		['a coordinator period inside a long one, after another short one', JSON.stringify({ format: 'family-portal-scenario/1',
			organisations: [{ id: 'o', name: 'O', kind: 'ngo' }],
			professionals: ['p', 'q', 'r'].map((id) => ({ id, name: id.toUpperCase(), organisation: 'o' })),
			families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
				team: [{ professional: 'p', role: 'coordinator', from: '2026-01-01', until: '2026-12-31' }, { professional: 'q', role: 'coordinator', from: '2026-02-01', until: '2026-02-10' },
					{ professional: 'r', role: 'coordinator', from: '2026-03-01', until: '2026-03-10' }] }] }),
		'families[0].team[2]: overlaps the coordinator period at families[0].team[0]'],
		['an emergency access opened on 30 February', JSON.stringify({ format: 'family-portal-scenario/1',
			organisations: [{ id: 'o', name: 'O', kind: 'police' }],
			professionals: [{ id: 'p', name: 'P', organisation: 'o', authority: true }],
			families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
				emergencyAccess: [{ id: 'e', professional: 'p', reason: 'r', opened: '2026-02-30T10:00:00+02:00' }] }] }),
		'families[0].emergencyAccess[0].opened: not an ISO 8601 timestamp with a zone, on a day that exists'],
		['a view created on a day that is not a date', JSON.stringify({ format: 'family-portal-scenario/1', families: [{ id: 'f', name: 'F', stage: 'working', members: [{ id: 'm', name: 'M', birthDate: '1990-01-01' }],
			voice: [{ id: 'v', author: 'm', kind: 'view', text: 'ok', shareWithFamily: false, shareWithTeam: true, created: 'yesterday' }] }] }),
		'families[0].voice[0].created: not a date (YYYY-MM-DD) or an ISO 8601 timestamp with a zone'],
		['a professional\'s phone that is not a number', JSON.stringify({ format: 'family-portal-scenario/1', organisations: [{ id: 'o', name: 'O', kind: 'ngo' }],
			professionals: [{ id: 'p', name: 'P', organisation: 'o', phone: 'call the office', notify: { channels: ['sms'] } }] }),
		'professionals[0].phone: a phone number in E.164 form'],
		['a professional\'s e-mail that is not an address', JSON.stringify({ format: 'family-portal-scenario/1', organisations: [{ id: 'o', name: 'O', kind: 'ngo' }],
			professionals: [{ id: 'p', name: 'P', organisation: 'o', email: 'not an address' }] }),
		'professionals[0].email: not an e-mail address'],
	])('rejects %s', async (_name, source, expected) => {
		const result = await loadScenarioText(test.db, source);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toContain(expected);
	});

	it('prints where a file is not JSON, never the text around it (a file holds passwords)', async () => {
		const source = '{\n  "format": "family-portal-scenario/1",\n  "password": TopSecretPassword\n}';
		const result = await loadScenarioText(test.db, source);
		expect(result.ok).toBe(false);
		const message = result.ok ? '' : result.problems[0].message;
		expect(message).toMatch(/^not valid JSON: Unexpected token 'T'/);
		expect(message).not.toContain('TopSecret');
		expect(message).not.toContain('"password"');
	});

	it('says the line and column of a JSON error on every Node', async () => {
		const result = await loadScenarioText(test.db, '{\n  "format": "x"\n  "more": 1\n}');
		expect(result.ok ? '' : result.problems[0].message).toMatch(/\(line 3 column 3\)/);
	});

	it('accepts a professional\'s phone written with spaces, as FORMAT.md\'s example writes it', async () => {
		const result = await loadScenarioText(test.db, JSON.stringify({ format: 'family-portal-scenario/1', organisations: [{ id: 'o', name: 'O', kind: 'ngo' }],
			professionals: [{ id: 'p', name: 'P', organisation: 'o', phone: '+358 (40) 000-0001', notify: { channels: ['sms'] } }] }));
		expect(result).toMatchObject({ ok: true });
	});
});

describe('moving a scenario in time (--as-of)', () => {
	it('moves dates and timestamps, and leaves an id that Date.parse would read as a date', () => {
		const moved = shiftScenario({ families: [{ invitations: [{ from: 'pro-12', to: 'pro-3', created: '2026-11-20', answered: '2026-11-21T10:00:00+02:00' }] }] }, 10);
		expect(moved.families[0].invitations[0]).toEqual({ from: 'pro-12', to: 'pro-3', created: '2026-11-30', answered: '2026-12-01T08:00:00.000Z' });
	});
});
