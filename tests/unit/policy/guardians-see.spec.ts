/**
 * "What my guardians see": the young person's sentence is the policy's own answer for
 * each guardian (M3, M4, M5, M6, M10), so it changes the moment she hides something.
 */
import { describe, expect, it } from 'vitest';
import { buildFamilyView } from '../../../src/lib/server/policy/view';
import type { FamilyRecord } from '../../../src/lib/server/policy/types';
import { asMember, baseFamily, CLOCK } from './family-fixture';

const seenBy = (record: FamilyRecord, reader = 'teen') => buildFamilyView(record, asMember(reader), CLOCK).view!.guardiansSee;
const teen = (record: FamilyRecord) => record.members.find((m) => m.id === 'teen')!;
const ALL = ['services', 'plan', 'meetings', 'sharedVoice'];

describe('what a young person’s guardians see of her today', () => {
	it.each([
		['nothing hidden: both custodians see services, plan, meetings and what she shares with the family', [], ALL, [['teamVoice', false]]],
		['plan hidden: the plan is named as hidden by her', ['plan'], ['services', 'meetings', 'sharedVoice'], [['plan', true], ['teamVoice', false]]],
		['services and plan hidden', ['services', 'plan'], ['meetings', 'sharedVoice'], [['services', true], ['plan', true], ['teamVoice', false]]]
	] as const)('%s', (_name, hidden, sees, notSees) => {
		const record = baseFamily();
		teen(record).hiddenFromCustodians = [...hidden];
		const sights = seenBy(record)!;
		expect(sights.map((s) => [s.id, s.relation])).toEqual([['mum', 'custodian'], ['dad', 'custodian']]);
		for (const sight of sights) {
			expect(sight.sees).toEqual(sees);
			expect(sight.notSees.map((n) => [n.topic, n.hidden])).toEqual(notSees);
		}
	});

	it('each "sees" is what the guardian’s own view then holds, and each "hidden" what it lacks', () => {
		for (const hidden of [[], ['plan'], ['services'], ['services', 'plan']] as const) {
			const record = baseFamily();
			teen(record).hiddenFromCustodians = [...hidden];
			const mum = seenBy(record)!.find((s) => s.id === 'mum')!;
			const mumView = buildFamilyView(record, asMember('mum'), CLOCK).view!;
			expect(mumView.services.some((s) => s.subject === 'teen')).toBe(mum.sees.includes('services'));
			expect(mumView.goals.some((g) => g.subject === 'teen')).toBe(mum.sees.includes('plan'));
			expect(mumView.voice.some((v) => v.id === 'v-teen-family')).toBe(mum.sees.includes('sharedVoice'));
			expect(mumView.voice.some((v) => v.id === 'v-teen-team')).toBe(false);
		}
	});

	it('a parent with an information right (M10) is named for the categories the right gives', () => {
		const record = baseFamily();
		record.members.find((m) => m.id === 'step')!.informationRights = [{ child: 'teen', categories: ['services'] }];
		const step = seenBy(record)!.find((s) => s.id === 'step')!;
		expect(step.relation).toBe('informationRight');
		expect(step.sees).toEqual(['services', 'meetings', 'sharedVoice']);
		expect(step.notSees).toEqual([{ topic: 'plan', hidden: false }, { topic: 'teamVoice', hidden: false }]);
	});

	it('a parent blocked from her is left out, so the list does not tell of a block (B1, M6)', () => {
		const record = baseFamily();
		record.blocks.push({ id: 'b', member: 'dad', child: 'teen', reason: 'violence', setBy: 'coord', from: '2026-01-01', until: null, review: '2027-01-01', note: null });
		expect(seenBy(record)!.map((s) => s.id)).toEqual(['mum']);
	});

	it('only the young person who may hide things gets it: not her mother, not a young child', () => {
		const record = baseFamily();
		expect(seenBy(record, 'mum')).toBeNull();
		expect(seenBy(record, 'kid')).toBeNull();
	});
});
