/**
 * The managers' figures on a real SQLite file: numbers only, under-5 cells suppressed,
 * families counted only where a professional of the manager's organisation coordinated
 * them in the period (O1), feedback scores only where shared with the team.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as t from '../../../src/lib/server/db/schema';
import { count, netPromoterScore, outcomeFigures, share } from '../../../src/lib/server/outcomes';
import type { ProfessionalPrincipal } from '../../../src/lib/server/policy/types';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
});
afterEach(() => test.close());

const marja: ProfessionalPrincipal = { kind: 'professional', professionalId: 'pro-marja', organisationId: 'org-cw', authority: false, name: 'Marja', manager: true };
const NOW = new Date('2026-11-23T10:00:00Z');

/** Eight families of the manager's organisation: a parent, a 14-year-old, feedback, an outcome. */
function seedFamilies(n: number, extra: { coordinatorOrg?: string; share?: boolean } = {}) {
	const db = test.db;
	if (extra.coordinatorOrg) db.insert(t.professionals).values({ id: 'pro-other', name: 'Other', organisationId: extra.coordinatorOrg }).onConflictDoNothing().run();
	for (let i = 0; i < n; i++) {
		const f = `fam-s${i}${extra.coordinatorOrg ?? ''}`;
		db.insert(t.families).values({ id: f, name: `S${i}`, stage: 'ended' }).run();
		db.insert(t.members).values([{ id: `${f}-p`, familyId: f, name: 'P', birthDate: '1980-01-01' }, { id: `${f}-y`, familyId: f, name: 'Y', birthDate: '2012-06-01' }]).run();
		db.insert(t.custody).values({ childId: `${f}-y`, custodianId: `${f}-p` }).run();
		db.insert(t.teamMemberships).values({ familyId: f, professionalId: extra.coordinatorOrg ? 'pro-other' : 'pro-anna', role: 'coordinator', from: '2026-01-01', until: '2026-10-01' }).run();
		if (i % 2 === 0) db.insert(t.services).values({ id: `${f}-nurse`, familyId: f, subjectId: `${f}-y`, name: 'Nurse', providerId: 'org-youthhealth', status: 'ended', start: '2026-02-01', end: '2026-06-01' }).run();
		db.insert(t.services).values({ id: `${f}-asw`, familyId: f, subjectId: `${f}-p`, name: 'ASW', providerId: 'org-asw', status: 'active', start: '2026-03-01' }).run();
		db.insert(t.familyOutcomes).values({ id: `${f}-o`, familyId: f, point: 'end', outcome: i < 6 ? 'better' : 'worse', recorded: '2026-09-30', recordedBy: 'pro-anna' }).run();
		db.insert(t.voiceItems).values([
			{ id: `${f}-fy`, familyId: f, authorId: `${f}-y`, kind: 'feedback', text: '', score: i < 5 ? 10 : 3, shareWithTeam: extra.share ?? true, created: '2026-09-01' },
			{ id: `${f}-fp`, familyId: f, authorId: `${f}-p`, kind: 'feedback', text: '', score: 8, shareWithTeam: extra.share ?? true, created: '2026-09-01' }
		]).run();
	}
}

describe('outcome figures', () => {
	it.each([[0, true], [4, true], [5, false], [120, false]])('a count of %i is suppressed: %s', (n, suppressed) => {
		expect('suppressed' in count(n)).toBe(suppressed);
	});

	it.each([[4, 20, true], [5, 20, false], [16, 20, true], [15, 20, false], [0, 3, true]])('a share of %i in %i is suppressed: %s', (part, whole, suppressed) => {
		expect('suppressed' in share(part, whole)).toBe(suppressed);
	});

	it('NPS is promoters less detractors, from 5 answers up', () => {
		expect(netPromoterScore([10, 9, 8, 7, 0])).toEqual({ nps: 20, answers: 5 });
		expect(netPromoterScore([10, 10, 10, 10])).toEqual({ suppressed: true });
		expect(netPromoterScore([0, 0, 0, 0, 0, 6])).toEqual({ nps: -100, answers: 6 });
	});

	it('counts eight families of the organisation, with no name anywhere in the answer', () => {
		seedFamilies(8);
		const figures = outcomeFigures(test.db, marja, '2026-01-01', '2027-01-01', NOW);
		// The demo families are coordinated by the same organisation too: 8 + 3.
		expect(figures.families).toEqual({ value: 11 });
		expect(figures.children).toEqual({ value: 8 + 5 });
		// Young people: 8 seeded and Yasmin, Eveliina and Aleksi; with a health service: 4 seeded and 2 of the demo's.
		expect(figures.youngWithNurse).toEqual({ percent: 55, of: 11 });
		// Parents: 8 seeded and 4 demo custodians, 9 with adult social work: the 3 without would tell who they are.
		expect(figures.parentsWithAdultSocialWork).toEqual({ suppressed: true });
		expect(figures.outcomes.end.better).toEqual({ value: 6 });
		expect(figures.outcomes.end.worse).toEqual({ suppressed: true });
		expect(figures.nps.young).toEqual({ nps: 25, answers: 8 });
		// 8 seeded passives, Amal's 8 and Tiina's 9 (both shared with the team): one promoter in ten.
		expect(figures.nps.parents).toEqual({ nps: 10, answers: 10 });
		expect(JSON.stringify(figures)).not.toMatch(/S\d|Haddad|Yasmin|pro-anna/);
	});

	it('leaves out families coordinated by other organisations, periods that do not meet, and feedback not shared with the team', () => {
		seedFamilies(8, { coordinatorOrg: 'org-familywork', share: false });
		const figures = outcomeFigures(test.db, marja, '2026-01-01', '2027-01-01', NOW);
		expect(figures.families).toEqual({ suppressed: true }); // only the three demo families
		const later = outcomeFigures(test.db, marja, '2030-01-01', '2031-01-01', NOW);
		expect(later.families).toEqual({ suppressed: true });
		expect(outcomeFigures(test.db, { ...marja, manager: false }, '2026-01-01', '2027-01-01', NOW).families).toEqual({ suppressed: true });
	});
});
