/** What the family's consent list says a grant does today (P4, P6 in plain terms). */
import { describe, expect, it } from 'vitest';
import { buildFamilyView } from '../../../src/lib/server/policy/view';
import type { FamilyRecord } from '../../../src/lib/server/policy/types';
import { addDays } from '../../../src/lib/server/time';
import { asMember, asPro, baseFamily, CLOCK, consent, PROS, TODAY } from './family-fixture';

const school = { organisation: 'org-school' };
function stateOf(record: FamilyRecord, reader: string, consentId: string) {
	return buildFamilyView(record, asMember(reader), CLOCK).view!.consents.find((c) => c.id === consentId)?.state;
}

describe('consent state shown to the family', () => {
	it.each([
		['one custodian of two has granted: waiting for the other, by name', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g' })); }, { kind: 'waiting', names: ['dad'] }],
		['both custodians granted: in force', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g' }), consent('dad', 'kid', ['services'], school)); }, { kind: 'effective' }],
		['the other custodian granted to the organisation, this one to its professional: in force', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], { professional: PROS.school.id }, { id: 'g' }), consent('dad', 'kid', ['services'], school)); }, { kind: 'effective' }],
		['the other custodian refused: refused', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g' }), consent('dad', 'kid', ['services'], school, { decision: 'refuse' })); }, { kind: 'refused' }],
		['ended yesterday: not in force', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g', until: TODAY }), consent('dad', 'kid', ['services'], school)); }, { kind: 'inactive', why: 'ended' }],
		['revoked today: not in force', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g', revoked: TODAY }), consent('dad', 'kid', ['services'], school)); }, { kind: 'inactive', why: 'revoked' }],
		['starts tomorrow: not in force', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g', from: addDays(TODAY, 1) }), consent('dad', 'kid', ['services'], school)); }, { kind: 'inactive', why: 'notYet' }],
		['revoked ahead of a start tomorrow: revoked, not "starts tomorrow"', (r: FamilyRecord) => { r.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g', from: addDays(TODAY, 1), revoked: TODAY })); }, { kind: 'inactive', why: 'revoked' }]
	])('%s', (_name, setup, expected) => {
		const record = baseFamily();
		setup(record);
		const grantor = record.consents.find((c) => c.id === 'g')!.grantor;
		expect(stateOf(record, grantor, 'g')).toEqual(expected);
	});

	it("a blocked custodian's grant counts for nothing, and the other custodian is told so (P6, M6)", () => {
		const record = baseFamily();
		record.consents.push(consent('dad', 'kid', ['services'], school, { id: 'g' }));
		record.blocks.push({ id: 'b', member: 'dad', child: 'kid', reason: 'violence', setBy: 'coord', from: '2026-01-01', until: null, review: '2027-01-01', note: null });
		expect(stateOf(record, 'mum', 'g')).toEqual({ kind: 'inactive', why: 'notEntitled' });
		expect(stateOf(record, 'dad', 'g')).toBeUndefined(); // he no longer sees anything about the child
	});

	it('the grantor may revoke their own decision; the other custodian may not; professionals get no state', () => {
		const record = baseFamily();
		record.consents.push(consent('mum', 'kid', ['services'], school, { id: 'g' }));
		expect(buildFamilyView(record, asMember('mum'), CLOCK).view!.consents.find((c) => c.id === 'g')!.canRevoke).toBe(true);
		expect(buildFamilyView(record, asMember('dad'), CLOCK).view!.consents.find((c) => c.id === 'g')?.canRevoke ?? false).toBe(false);
		const coordinatorSees = buildFamilyView(record, asPro(PROS.coord), CLOCK).view!.consents.find((c) => c.id === 'g')!;
		expect(coordinatorSees.canRevoke).toBe(true);
		expect(coordinatorSees.state).toBeUndefined();
	});

	it('a custodian decides for a young child and the family; a mature teen for themself only', () => {
		const record = baseFamily();
		record.members.find((m) => m.id === 'teen')!.mature = true;
		expect(buildFamilyView(record, asMember('mum'), CLOCK).view!.consentSubjects).toEqual(['mum', 'kid', null]);
		expect(buildFamilyView(record, asMember('teen'), CLOCK).view!.consentSubjects).toEqual(['teen']);
	});

	it('only a mature young person is offered the M5 choice, with what she hides now', () => {
		const record = baseFamily();
		const teen = record.members.find((m) => m.id === 'teen')!; // 14: mature by age (POLICY terms)
		expect(buildFamilyView(record, asMember('teen'), CLOCK).view!.hiddenFromCustodians).toEqual([]);
		teen.hiddenFromCustodians = ['services'];
		expect(buildFamilyView(record, asMember('teen'), CLOCK).view!.hiddenFromCustodians).toEqual(['services']);
		expect(buildFamilyView(record, asMember('mum'), CLOCK).view!.hiddenFromCustodians).toBeNull();
		expect(buildFamilyView(record, asMember('kid'), CLOCK).view!.hiddenFromCustodians).toBeNull(); // 8
		record.members.find((m) => m.id === 'kid')!.mature = true; // judged mature before 12
		expect(buildFamilyView(record, asMember('kid'), CLOCK).view!.hiddenFromCustodians).toEqual([]);
	});
});
