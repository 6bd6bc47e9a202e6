import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendAccessLog, entryHash, GENESIS_HASH, verifyAccessLog } from '../../../src/lib/server/access-log';
import { currentClock, readAccessLog, readFamilyView } from '../../../src/lib/server/family-access';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { restartAnchors } from '../../../src/lib/server/log-anchor';
import type { Principal } from '../../../src/lib/server/policy/types';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
});
afterEach(() => test.close());

const pro = (professionalId: string, organisationId: string, authority = false): Principal =>
	({ kind: 'professional', professionalId, organisationId, authority, name: professionalId });
const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const anna = pro('pro-anna', 'org-cw');
const liisa = pro('pro-liisa', 'org-youthhealth');
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));

describe('access log (L1)', () => {
	it("logs each professional's read once per request, allowed or denied, with rules and consents", () => {
		readFamilyView(test.db, liisa, 'fam-haddad', clock, 'family-page');
		readFamilyView(test.db, liisa, 'fam-makela', clock, 'family-page'); // not on that team: denied
		readFamilyView(test.db, member('amal', 'fam-haddad'), 'fam-haddad', clock, 'family-page'); // members' reads are not logged
		const rows = test.db.$client.prepare('SELECT * FROM access_log ORDER BY seq').all() as { outcome: string; family_id: string; reads: string; professional_id: string }[];
		expect(rows.map((r) => [r.professional_id, r.family_id, r.outcome])).toEqual([
			['pro-liisa', 'fam-haddad', 'allowed'],
			['pro-liisa', 'fam-makela', 'denied']
		]);
		const reads = JSON.parse(rows[0].reads);
		expect(reads).toContainEqual({ subject: 'yasmin', category: 'services', allowed: true, rules: ['P4'], consents: ['c-yasmin-nurse'] });
		expect(reads).toContainEqual(expect.objectContaining({ subject: 'amal', category: 'services', allowed: false }));
	});

	it('chains entries so that a change or a removal shows, and names the first broken entry', () => {
		for (let i = 0; i < 5; i++) readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 5 });
		test.db.$client.prepare("UPDATE access_log SET professional_id = 'pro-mikko' WHERE seq = 3").run();
		expect(verifyAccessLog(test.db)).toMatchObject({ ok: false, firstBroken: 3 });
		test.db.$client.prepare("UPDATE access_log SET professional_id = 'pro-anna' WHERE seq = 3").run();
		test.db.$client.prepare('DELETE FROM access_log WHERE seq = 2').run();
		expect(verifyAccessLog(test.db)).toMatchObject({ ok: false, firstBroken: 3 });
	});

	it('the surface of a read is in its hash; entries written before it was recorded (null) keep theirs', () => {
		readFamilyView(test.db, anna, 'fam-haddad', clock, 'calendar');
		readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
		expect(test.db.$client.prepare('SELECT surface FROM access_log ORDER BY seq').pluck().all()).toEqual(['calendar', 'family-page']);
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 2 });
		// Passing a calendar poll off as a page that showed the family would hide an N3 escalation.
		test.db.$client.prepare("UPDATE access_log SET surface = 'family-page' WHERE seq = 1").run();
		expect(verifyAccessLog(test.db)).toMatchObject({ ok: false, firstBroken: 1 });
		// An entry of the older form: its hash did not cover a surface.
		test.db.$client.prepare('DELETE FROM access_log').run();
		const old = { prevHash: GENESIS_HASH, at: clock.now.toISOString(), professionalId: 'pro-anna', organisationId: 'org-cw', familyId: 'fam-haddad', outcome: 'allowed' as const, emergency: false, reads: '[]', surface: null };
		const oldHash = createHash('sha256').update(JSON.stringify([old.prevHash, old.at, old.professionalId, old.organisationId, old.familyId, old.outcome, old.emergency, old.reads])).digest('hex');
		expect(entryHash(old)).toBe(oldHash);
	});

	it('npm run audit:verify exits 0 on an intact chain and 1 naming the broken entry', () => {
		restartAnchors(test.path, test.db.$client, 'test', 'as the loader leaves it'); // audit:verify needs the anchor file
		readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
		readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
		const env = { ...process.env, DATABASE_PATH: test.path };
		expect(execFileSync('npx', ['tsx', 'src/cli/audit-verify.ts'], { env, encoding: 'utf8' })).toContain('intact, 2 entries');
		test.db.$client.prepare("UPDATE access_log SET reads = '[]' WHERE seq = 2").run();
		const broken = spawnSync('npx', ['tsx', 'src/cli/audit-verify.ts'], { env, encoding: 'utf8' });
		expect(broken.status).toBe(1);
		expect(broken.stderr).toContain('broken at entry 2');
	});
});

describe('who sees the log (L2)', () => {
	it('the coordinator sees all of the family, denied attempts included', () => {
		readFamilyView(test.db, liisa, 'fam-haddad', clock, 'family-page');
		readFamilyView(test.db, pro('pro-pekka', 'org-school'), 'fam-haddad', clock, 'family-page');
		const entries = readAccessLog(test.db, anna, 'fam-haddad', clock)!;
		expect(entries.map((e) => e.professional?.id).sort()).toEqual(['pro-liisa', 'pro-pekka']);
	});

	it("a mature child's data read by the nurse: the child sees it, the custodian does not", () => {
		readFamilyView(test.db, liisa, 'fam-haddad', clock, 'family-page');
		const yasmin = readAccessLog(test.db, member('yasmin', 'fam-haddad'), 'fam-haddad', clock)!;
		expect(yasmin).toHaveLength(1);
		// Her data, and (G5) the nurse's read of their thread, which she takes part in.
		expect(yasmin[0].reads.filter((r) => r.category !== 'messages').every((r) => r.subject === 'yasmin')).toBe(true);
		expect(yasmin[0].reads.filter((r) => r.category === 'messages')).toMatchObject([{ subject: null, thread: 'th-yasmin-nurse', allowed: true }]);
		const amal = readAccessLog(test.db, member('amal', 'fam-haddad'), 'fam-haddad', clock)!;
		expect(amal.flatMap((e) => e.reads).some((r) => r.subject === 'yasmin')).toBe(false);
		expect(amal.flatMap((e) => e.reads).some((r) => r.category === 'messages')).toBe(false);
		// Family-level basic data is seen by the adult.
		expect(amal.flatMap((e) => e.reads).some((r) => r.subject === null && r.category === 'basic')).toBe(true);
	});

	it("a custodian sees reads of a non-mature child's data; denied attempts are not shown to the family", () => {
		readFamilyView(test.db, pro('pro-mikko', 'org-familywork'), 'fam-haddad', clock, 'family-page');
		readFamilyView(test.db, pro('pro-elina', 'org-consult'), 'fam-haddad', clock, 'family-page'); // not on the team
		const amal = readAccessLog(test.db, member('amal', 'fam-haddad'), 'fam-haddad', clock)!;
		expect(amal.flatMap((e) => e.reads).some((r) => r.subject === 'omar' && r.category === 'services')).toBe(true);
		expect(amal.some((e) => e.professional?.id === 'pro-elina')).toBe(false);
		expect(amal.flatMap((e) => e.reads).every((r) => r.allowed)).toBe(true);
	});

	it('emergency accesses come first', () => {
		const timo = pro('pro-timo', 'org-police', true);
		test.db.$client.prepare("INSERT INTO emergency_accesses (id, family_id, professional_id, reason, opened) VALUES ('ea-now', 'fam-lahtinen', 'pro-timo', 'test', ?)").run(new Date('2026-11-23T09:00:00Z').toISOString());
		readFamilyView(test.db, timo, 'fam-lahtinen', clock, 'family-page');
		readFamilyView(test.db, pro('pro-maria', 'org-shelter'), 'fam-lahtinen', clock, 'family-page');
		const sari = readAccessLog(test.db, member('sari', 'fam-lahtinen'), 'fam-lahtinen', clock)!;
		expect(sari[0].emergency).toBe(true);
		expect(sari[0].professional?.id).toBe('pro-timo');
		expect(sari.length).toBe(2);
	});

	it('a blocked parent sees no entry about the child they are blocked from', () => {
		readFamilyView(test.db, pro('pro-hanna', 'org-cw'), 'fam-lahtinen', clock, 'family-page');
		const jari = readAccessLog(test.db, member('jari', 'fam-lahtinen'), 'fam-lahtinen', clock)!;
		const subjects = new Set(jari.flatMap((e) => e.reads).map((r) => r.subject));
		expect(subjects.has('eveliina')).toBe(false);
		expect(subjects.has('eetu')).toBe(false);
		expect(subjects.has('jari')).toBe(true);
	});

	it('M6 with L2: a blocked member sees the reads of his own data, naming only the coordinator; the others as "a professional"', () => {
		const timo = pro('pro-timo', 'org-police', true);
		test.db.$client.prepare("INSERT INTO emergency_accesses (id, family_id, professional_id, reason, opened) VALUES ('ea-now', 'fam-lahtinen', 'pro-timo', 'test', ?)").run(new Date('2026-11-23T09:00:00Z').toISOString());
		for (const reader of [pro('pro-hanna', 'org-cw'), pro('pro-maria', 'org-shelter'), pro('pro-pekka', 'org-school'), timo]) readFamilyView(test.db, reader, 'fam-lahtinen', clock, 'family-page');
		const jari = readAccessLog(test.db, member('jari', 'fam-lahtinen'), 'fam-lahtinen', clock)!;
		// He still learns that his data was read, when and what: L2.
		expect(jari.length).toBeGreaterThan(1);
		expect(jari.flatMap((e) => e.reads).filter((r) => r.subject !== 'jari' && r.subject !== null)).toEqual([]);
		expect(jari.filter((e) => e.professional !== null).map((e) => e.professional!.id)).toEqual(['pro-hanna']);
		// The shelter, the school and the police are neither named nor given an id.
		const text = JSON.stringify(jari);
		for (const hidden of ['Maria', 'Pekka', 'Timo', 'pro-maria', 'pro-pekka', 'pro-timo', 'org-shelter', 'org-school', 'org-police']) expect(text).not.toContain(hidden);
		// Nor why: a consent's id names its grantee, the rules the kind of access.
		expect(jari.filter((e) => e.professional === null).flatMap((e) => e.reads).every((r) => r.rules.length === 0 && r.consents.length === 0)).toBe(true);
		// Sari, not blocked, is told who each was.
		const sari = readAccessLog(test.db, member('sari', 'fam-lahtinen'), 'fam-lahtinen', clock)!;
		expect(new Set(sari.map((e) => e.professional?.id))).toEqual(new Set(['pro-hanna', 'pro-maria', 'pro-pekka', 'pro-timo']));
	});

	it('M7 (version 2) with L2: a member with any block is not told of reads of the family-level plan he may no longer see; the basic data, yes', () => {
		readFamilyView(test.db, pro('pro-hanna', 'org-cw'), 'fam-lahtinen', clock, 'family-page');
		const familyLevel = (who: string) => readAccessLog(test.db, member(who, 'fam-lahtinen'), 'fam-lahtinen', clock)!
			.flatMap((e) => e.reads).filter((r) => r.subject === null).map((r) => r.category);
		// Jari's blocks are for his children only: not at family scope.
		expect(familyLevel('jari')).not.toContain('plan');
		expect(familyLevel('jari')).toContain('basic');
		expect(familyLevel('sari')).toEqual(expect.arrayContaining(['basic', 'plan']));
	});

	it('M6 with L2: what was read while he was blocked stays unnamed after his blocks end; later reads are named', () => {
		readFamilyView(test.db, pro('pro-maria', 'org-shelter'), 'fam-lahtinen', clock, 'family-page');
		readFamilyView(test.db, pro('pro-hanna', 'org-cw'), 'fam-lahtinen', clock, 'family-page');
		test.db.$client.prepare("UPDATE blocks SET until = '2026-12-01' WHERE member_id = 'jari'").run();
		const after = currentClock(new Date('2026-12-02T10:00:00Z'));
		readFamilyView(test.db, pro('pro-maria', 'org-shelter'), 'fam-lahtinen', after, 'family-page');
		const jari = readAccessLog(test.db, member('jari', 'fam-lahtinen'), 'fam-lahtinen', after)!;
		const readers = jari.map((e) => [e.at.slice(0, 10), e.professional?.id ?? null]);
		expect(readers).toEqual([['2026-12-02', 'pro-maria'], ['2026-11-23', 'pro-hanna'], ['2026-11-23', null]]);
	});
});
