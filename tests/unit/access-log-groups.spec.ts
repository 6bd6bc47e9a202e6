/** "Who has looked" for the family: one row per professional and Helsinki day (not UTC), emergencies first. */
import { describe, expect, it } from 'vitest';
import { groupLooks } from '../../src/lib/server/access-log-groups';
import type { LogEntryView } from '../../src/lib/server/access-log';
import type { Category } from '../../src/lib/server/policy/types';

let seq = 0;
const anna = { id: 'pro-anna', name: 'Anna', organisation: 'CW' };
const mikko = { id: 'pro-mikko', name: 'Mikko', organisation: 'Family work' };
function entry(at: string, professional = anna, reads: [string | null, Category][] = [['omar', 'services']], emergency = false): LogEntryView {
	return {
		seq: ++seq, at, professional, outcome: 'allowed', emergency,
		reads: reads.map(([subject, category]) => ({ subject, category, allowed: true, rules: ['P3'], consents: [] }))
	};
}
const rows = (groups: ReturnType<typeof groupLooks>) => groups.map((g) => [g.professional?.id, g.day, g.count, g.emergency]);

describe('who has looked, grouped', () => {
	it.each([
		// Winter (UTC+2): Helsinki midnight is 22:00 UTC.
		['winter, either side of 22:00 UTC', '2026-11-23T21:59:00Z', '2026-11-23T22:01:00Z', ['2026-11-23', '2026-11-24']],
		// Summer (UTC+3): Helsinki midnight is 21:00 UTC.
		['summer, either side of 21:00 UTC', '2026-06-10T20:59:00Z', '2026-06-10T21:01:00Z', ['2026-06-10', '2026-06-11']]
	])('two reads either side of Helsinki midnight are two days (%s)', (_name, before, after, days) => {
		const groups = groupLooks([entry(after), entry(before)]);
		expect(rows(groups)).toEqual([['pro-anna', days[1], 1, false], ['pro-anna', days[0], 1, false]]);
	});

	it('two reads on one Helsinki day are one row though their UTC dates differ', () => {
		// 00:30 and 12:00 in Helsinki on the 24th; 22:30 on the 23rd and 10:00 on the 24th in UTC.
		const groups = groupLooks([entry('2026-11-24T10:00:00Z'), entry('2026-11-23T22:30:00Z')]);
		expect(rows(groups)).toEqual([['pro-anna', '2026-11-24', 2, false]]);
		expect(groups[0]).toMatchObject({ first: '2026-11-23T22:30:00Z', last: '2026-11-24T10:00:00Z' });
	});

	it('lists each subject and category once, in the order first seen, and counts the reads', () => {
		const groups = groupLooks([
			entry('2026-11-23T12:00:00Z', anna, [['omar', 'services'], [null, 'basic']]),
			entry('2026-11-23T11:00:00Z', anna, [['omar', 'services'], ['omar', 'plan']]),
			entry('2026-11-23T10:00:00Z', anna, [[null, 'basic']])
		]);
		expect(groups).toHaveLength(1);
		expect(groups[0].count).toBe(3);
		expect(groups[0].what).toEqual([{ subject: 'omar', category: 'services' }, { subject: null, category: 'basic' }, { subject: 'omar', category: 'plan' }]);
	});

	it('keeps professionals apart, and emergency accesses first and never grouped with ordinary reads', () => {
		const groups = groupLooks([
			entry('2026-11-23T12:00:00Z', mikko),
			entry('2026-11-23T11:00:00Z', anna),
			entry('2026-11-23T10:30:00Z', anna, undefined, true),
			entry('2026-11-23T10:00:00Z', anna),
			entry('2026-11-22T09:00:00Z', anna, undefined, true)
		]);
		expect(rows(groups)).toEqual([
			['pro-anna', '2026-11-23', 1, true],
			['pro-anna', '2026-11-22', 1, true],
			['pro-mikko', '2026-11-23', 1, false],
			['pro-anna', '2026-11-23', 2, false]
		]);
	});

	it('nothing to show is an empty list', () => {
		expect(groupLooks([])).toEqual([]);
	});
});
