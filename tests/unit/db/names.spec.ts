/**
 * Every place that takes a name or a username refuses unreadable ones (names.ts) with the
 * field's reason and writes nothing: administration, starting a family, adding a member,
 * /welcome's sign-in code, the scenario loader. Real SQLite file, real migrations.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as accounts from '../../../src/lib/server/accounts';
import { signIn } from '../../../src/lib/server/auth';
import { currentClock } from '../../../src/lib/server/family-access';
import * as start from '../../../src/lib/server/family-start';
import type { ProfessionalPrincipal } from '../../../src/lib/server/policy/types';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { DEMO_SCENARIO, demoDatabaseEachTest, freshDatabase } from './test-db';

const test = demoDatabaseEachTest();

const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const anna: ProfessionalPrincipal = { kind: 'professional', professionalId: 'pro-anna', organisationId: 'org-cw', authority: false, name: 'Anna' };
/** Every table a refused name could have touched, counted. */
const TABLES = ['organisations', 'professionals', 'accounts', 'families', 'members', 'custody', 'team_memberships', 'sign_in_codes'];
const counts = () => Object.fromEntries(TABLES.map((table) => [table, test.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get()]));
const usedCodes = () => test.db.$client.prepare('SELECT count(*) FROM sign_in_codes WHERE used_at IS NOT NULL').pluck().get();

/** Invalid UTF-8 (a lone continuation byte) as a form or file decoder hands it on: U+FFFD. */
const INVALID_UTF8 = Buffer.from([0x41, 0x6e, 0x80, 0x6e, 0x61]).toString('utf8');

const BAD_NAMES: [string, string, string][] = [
	['NUL', 'Anna\u0000Virtanen', 'name-characters'],
	['a right-to-left override', 'Anna \u202Eenirtriv', 'name-characters'],
	['a zero-width space', 'An\u200Bna', 'name-characters'],
	['a newline', 'Anna\nVirtanen', 'name-characters'],
	['invalid UTF-8', INVALID_UTF8, 'name-characters'],
	['no letter', '-', 'name-letters']
];
const BAD_USERNAMES: [string, string, string][] = [
	['NUL', 'outi\u0000', 'username'],
	['a right-to-left override', 'outi\u202Eksi', 'username'],
	['invalid UTF-8', `outi${INVALID_UTF8}`, 'username'],
	['a joiner', 'ou\u200Dti', 'username'],
	['Cyrillic among Latin', 'out\u0456', 'username-scripts']
];

describe('administration', () => {
	it.each(BAD_NAMES)('an organisation named with %s is refused; nothing is written', (_label, name, problem) => {
		const before = counts();
		expect(accounts.createOrganisation(test.db, { name, kind: 'ngo' })).toMatchObject({ ok: false, status: 400, issues: { name: problem } });
		expect(counts()).toEqual(before);
	});

	it.each(BAD_NAMES)('a professional named with %s is refused; nothing is written', async (_label, name, problem) => {
		const before = counts();
		expect(await accounts.createProfessional(test.db, { name, organisation: 'org-cw', username: 'outi' }, 'adm-1')).toMatchObject({ ok: false, issues: { name: problem } });
		expect(counts()).toEqual(before);
	});

	it.each(BAD_USERNAMES)('a username with %s is refused; nothing is written', async (_label, username, problem) => {
		const before = counts();
		expect(await accounts.createProfessional(test.db, { name: 'Outi Uusi', organisation: 'org-cw', username }, 'adm-1')).toMatchObject({ ok: false, issues: { username: problem } });
		expect(counts()).toEqual(before);
	});

	it('a name is stored NFC and with its spaces tidied; a username typed in NFD signs in', async () => {
		const created = await accounts.createProfessional(test.db, { name: '  Outi  Ja\u0308rvinen ', organisation: 'org-cw', username: 'Outi.Ja\u0308rvinen' }, 'adm-1') as { ok: true; id: string; temporaryPassword: string };
		expect(created.ok).toBe(true);
		expect(test.db.$client.prepare('SELECT name FROM professionals WHERE id = ?').pluck().get(created.id)).toBe('Outi J\u00E4rvinen');
		expect(test.db.$client.prepare('SELECT username FROM accounts WHERE professional_id = ?').pluck().get(created.id)).toBe('outi.j\u00E4rvinen');
		expect(await signIn(test.db, 'OUTI.JA\u0308RVINEN', created.temporaryPassword, '10.7.0.1')).toMatchObject({ ok: true });
		expect(await signIn(test.db, 'outi.j\u00E4rvinen', created.temporaryPassword, '10.7.0.2')).toMatchObject({ ok: true });
	});
});

describe('starting a family and adding members', () => {
	it.each(BAD_NAMES)('a family named with %s is refused; nothing is written', (_label, name, problem) => {
		const before = counts();
		expect(start.startFamily(test.db, anna, { name }, clock)).toMatchObject({ ok: false, status: 400, issues: { name: problem } });
		expect(counts()).toEqual(before);
	});

	it.each(BAD_NAMES)('a member named with %s is refused; nothing is written', (_label, name, problem) => {
		const before = counts();
		expect(start.addMember(test.db, anna, 'fam-haddad', { name, birthDate: '1990-01-01' }, clock)).toMatchObject({ ok: false, status: 400, issues: { name: problem } });
		expect(counts()).toEqual(before);
	});

	it('a Persian name keeps its ZWNJ', () => {
		const added = start.addMember(test.db, anna, 'fam-haddad', { name: 'مهر\u200Cناز', birthDate: '1990-01-01' }, clock) as { ok: true; id: string };
		expect(added.ok).toBe(true);
		expect(test.db.$client.prepare('SELECT name FROM members WHERE id = ?').pluck().get(added.id)).toBe('مهر\u200Cناز');
	});
});

describe('/welcome: the member chooses a username', () => {
	it.each(BAD_USERNAMES)('a username with %s is refused; the code stays unused and no account is made', async (_label, username, problem) => {
		const code = start.createSignInCode(test.db, anna, 'fam-haddad', 'omar', clock) as { ok: true; code: string };
		const before = counts();
		const result = await start.redeemSignInCode(test.db, { code: code.code, username, password: 'a long passphrase here', repeat: 'a long passphrase here' }, new Date('2026-11-24T10:00:00Z'));
		expect(result).toMatchObject({ ok: false, issues: { username: problem } });
		expect(counts()).toEqual(before);
		expect(usedCodes()).toBe(0);
	});
});

describe('the scenario loader', () => {
	const demo = () => JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8'));

	it('names every unreadable name and username by its JSON path, and loads nothing', async () => {
		const source = demo();
		source.organisations[0].name = 'Lastensuojelu\u0000';
		source.professionals[0].name = 'Anna \u202Enenatriv';
		source.professionals[1].username = 'han\u200Bna';
		source.families[0].name = 'Haddad\u2066';
		source.families[1].members[0].name = INVALID_UTF8;
		source.families[1].members[0].username = '\u0455ari';
		const empty = freshDatabase();
		try {
			const result = await loadScenarioText(empty.db, JSON.stringify(source));
			expect(result.ok).toBe(false);
			const problems = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
			expect(problems).toEqual(expect.arrayContaining([
				expect.stringMatching(/^organisations\[0\]\.name: .*U\+0000, a control character/),
				expect.stringMatching(/^professionals\[0\]\.name: .*U\+202E, a text-direction control/),
				expect.stringMatching(/^professionals\[1\]\.username: .*U\+200B/),
				expect.stringMatching(/^families\[0\]\.name: .*U\+2066, a text-direction control/),
				expect.stringMatching(/^families\[1\]\.members\[0\]\.name: .*not valid UTF-8/),
				expect.stringMatching(/^families\[1\]\.members\[0\]\.username: .*one script/)
			]));
			expect(problems).toHaveLength(6);
			expect(empty.db.$client.prepare('SELECT count(*) FROM families').pluck().get()).toBe(0);
		} finally {
			empty.close();
		}
	});

	it('a NUL or a byte that is not UTF-8 in a file is refused at the name it broke', async () => {
		const text = readFileSync(DEMO_SCENARIO, 'utf8').replace('"name": "Amal"', '"name": "Am\\u0000al"');
		const bytes = Buffer.from(readFileSync(DEMO_SCENARIO, 'utf8').replace('"name": "Amal"', '"name": "Am@al"'));
		bytes[bytes.indexOf('Am@al') + 2] = 0xff;
		for (const source of [text, bytes.toString('utf8')]) {
			const empty = freshDatabase();
			try {
				const result = await loadScenarioText(empty.db, source);
				expect(result.ok).toBe(false);
				expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['families[0].members[0].name']);
			} finally {
				empty.close();
			}
		}
	});
});
