import { describe, expect, it } from 'vitest';
import { addDays, addYears, ageOn, helsinkiDayOf, helsinkiToday, isIsoDate, periodCovers } from '../../src/lib/server/time';

describe('calendar arithmetic (Europe/Helsinki)', () => {
	it.each([
		['2026-11-22T21:59:59Z', '2026-11-22'],
		['2026-11-22T22:00:00Z', '2026-11-23'], // midnight in Helsinki (UTC+2)
		['2026-06-30T20:59:59Z', '2026-06-30'],
		['2026-06-30T21:00:00Z', '2026-07-01'] // summer time (UTC+3)
	])('%s is %s in Helsinki', (instant, date) => expect(helsinkiToday(new Date(instant))).toBe(date));

	it.each([
		['2026-12-01T22:14:00.000Z', '2026-12-02'], // sent at 00:14 on 2.12 in Helsinki: the UTC date is still 1.12
		['2026-12-01T21:59:59.999Z', '2026-12-01'],
		['2026-07-01T21:30:00.000Z', '2026-07-02'], // summer time
		['2026-12-02T00:14:00+02:00', '2026-12-02'],
		['2026-12-02', '2026-12-02'] // a date is its own day
	])('the Helsinki day of %s is %s', (value, day) => expect(helsinkiDayOf(value)).toBe(day));

	it('turns at midnight even when asked within the same minute before it (the date is kept per minute)', () => {
		expect(helsinkiToday(new Date('2026-11-22T21:59:00.000Z'))).toBe('2026-11-22');
		expect(helsinkiToday(new Date('2026-11-22T21:59:59.999Z'))).toBe('2026-11-22');
		expect(helsinkiToday(new Date('2026-11-22T22:00:00.000Z'))).toBe('2026-11-23');
		expect(helsinkiToday(new Date('2026-11-22T21:59:30.000Z'))).toBe('2026-11-22');
	});

	it.each([
		['2014-11-23', '2026-11-23', 12],
		['2014-11-24', '2026-11-23', 11],
		['2008-11-23', '2026-11-23', 18],
		['2008-02-29', '2026-02-28', 17],
		['2008-02-29', '2026-03-01', 18]
	])('born %s, on %s aged %i', (birth, today, age) => expect(ageOn(birth, today)).toBe(age));

	it('periods are [from, until)', () => {
		expect(periodCovers('2026-11-23', null, '2026-11-23')).toBe(true);
		expect(periodCovers('2026-11-24', null, '2026-11-23')).toBe(false);
		expect(periodCovers('2026-01-01', '2026-11-23', '2026-11-23')).toBe(false);
		expect(periodCovers('2026-01-01', '2026-11-24', '2026-11-23')).toBe(true);
	});

	it('checks real calendar dates and adds days and years', () => {
		expect(isIsoDate('2026-02-29')).toBe(false);
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-1-01')).toBe(false);
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addYears('2028-02-29', -2)).toBe('2026-02-28');
	});
});
