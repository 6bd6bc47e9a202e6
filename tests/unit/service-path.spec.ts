/** The service path's "where" and "when" as the family reads them. */
import { describe, expect, it } from 'vitest';
import { addMonths, servicePath } from '../../src/lib/service-path';

const TODAY = '2026-11-23';

describe('service path', () => {
	it.each([
		['2026-08-31', 6, '2027-02-28'],
		['2027-08-31', 6, '2028-02-29'],
		['2026-10-01', 6, '2027-04-01'],
		['2026-12-15', 12, '2027-12-15'],
		['2026-01-31', 1, '2026-02-28']
	])('%s plus %i months is %s', (date, months, expected) => {
		expect(addMonths(date, months)).toBe(expected);
	});

	it('marks the stages before the current one done and the rest ahead', () => {
		const steps = servicePath('working', [], TODAY);
		expect(steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'now', 'ahead', 'ahead', 'ahead']);
	});

	it('says when a stage began, when one is planned, and when the review is due after about six months', () => {
		const steps = servicePath('working', [
			{ stage: 'referral', from: '2026-08-18' }, { stage: 'working', from: '2026-10-01' }, { stage: 'ended', from: '2027-06-01' }
		], TODAY);
		const when = Object.fromEntries(steps.map((s) => [s.stage, s.when]));
		expect(when.referral).toEqual({ kind: 'began', date: '2026-08-18' });
		expect(when.assessment).toBeNull();
		expect(when.working).toEqual({ kind: 'began', date: '2026-10-01' });
		expect(when.review).toEqual({ kind: 'about', date: '2027-04-01' });
		expect(when.ended).toEqual({ kind: 'planned', date: '2027-06-01' });
		expect(when['follow-up']).toEqual({ kind: 'follow-ups', sixMonths: '2027-12-01', twelveMonths: '2028-06-01' });
	});

	it('a recorded review date wins over the estimate; a stage dated today has begun', () => {
		const steps = servicePath('review', [{ stage: 'working', from: '2026-05-23' }, { stage: 'review', from: TODAY }], TODAY);
		expect(steps.find((s) => s.stage === 'review')!.when).toEqual({ kind: 'began', date: TODAY });
	});

	it('without an end date there are no follow-up dates yet', () => {
		expect(servicePath('ended', [], TODAY).at(-1)!.when).toBeNull();
	});
});
