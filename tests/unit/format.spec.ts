/**
 * Dates per interface language: unambiguous for every reader (issue #14: "the English
 * interface writes 9.12.2026 or 9 Dec 2026, not the ambiguous US 12/9/2026").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatList, formatTime } from '../../src/lib/format';

const { locales } = JSON.parse(readFileSync(join(import.meta.dirname, '../../project.inlang/settings.json'), 'utf8')) as { locales: string[] };

describe('dates and times per language', () => {
	it.each([
		['fi', '9.12.2026'],
		['sv', '2026-12-09'],
		['en', '9 Dec 2026'],
		['ru', '09.12.2026'],
		['et', '9.12.2026']
	])('%s writes 9 December 2026 as %s', (locale, text) => {
		expect(formatDate('2026-12-09', locale)).toBe(text);
	});

	it('English never writes the month first', () => {
		expect(formatDate('2026-03-04', 'en')).toBe('4 Mar 2026');
		expect(formatDateTime('2026-03-04T10:05:00Z', 'en')).toBe('4 Mar 2026, 12:05');
	});

	it('Persian writes the Gregorian date of Finnish appointments, month by name', () => {
		const text = formatDate('2026-12-09', 'fa');
		expect(text).toContain('۲۰۲۶'); // 2026 in Persian digits: not the solar Hijri year 1405
		expect(text).toContain('دسامبر'); // December
	});

	it.each(locales)('%s: every date and time is on the Helsinki clock, 24 hours', (locale) => {
		// 22:30 UTC on 9 December is 00:30 on the 10th in Helsinki.
		const time = formatTime('2026-12-09T22:30:00Z', locale);
		expect(time.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))).toMatch(/^0?0[.:]30$/);
		expect(formatDateTime('2026-12-09T22:30:00Z', locale)).toContain(formatDate('2026-12-10', locale));
	});

	it('Finnish writes hours as Finns do', () => {
		expect(formatTime('2026-12-09T07:05:00Z', 'fi')).toBe('9.05');
		expect(formatDateTime('2026-12-09T07:05:00Z', 'fi')).toBe('9.12.2026 klo 9.05');
	});
});

describe('lists joined as each language joins them', () => {
	it.each([
		['fi', 'palvelut, suunnitelma ja arviot'],
		['en', 'palvelut, suunnitelma, and arviot'],
		['sv', 'palvelut, suunnitelma och arviot']
	])('%s', (locale, expected) => {
		expect(formatList(['palvelut', 'suunnitelma', 'arviot'], locale)).toBe(expected);
	});

	it('keeps one formatter per language, so a second language does not reuse the first one', () => {
		expect(formatList(['a', 'b'], 'fi')).toBe('a ja b');
		expect(formatList(['a', 'b'], 'en')).toBe('a and b');
		expect(formatList(['a', 'b'], 'fi')).toBe('a ja b');
	});
});
