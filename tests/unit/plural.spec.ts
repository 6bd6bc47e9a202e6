/**
 * Counts in words (#14): messages with a number choose their form by the language's plural
 * rules (Unicode CLDR, through Intl.PluralRules): Arabic has six forms, Russian and
 * Ukrainian four, Finnish and English two. A missing form would show the message's key.
 */
import { describe, expect, it } from 'vitest';
import { m } from '../../src/lib/paraglide/messages';

const due = '9.12.2026';

describe('plural forms', () => {
	it('Arabic: zero, one, two, few, many and other are each their own sentence', () => {
		const days = (count: number) => m.a11y_admin_days_left({ count, due }, { locale: 'ar' });
		expect([0, 1, 2, 3, 11, 100].map(days)).toEqual([
			`اليوم هو آخر يوم. آخر موعد للردّ: ${due}.`,
			`بقي يوم واحد. آخر موعد للردّ: ${due}.`,
			`بقي يومان. آخر موعد للردّ: ${due}.`,
			`بقيت 3 أيام. آخر موعد للردّ: ${due}.`,
			`بقي 11 يومًا. آخر موعد للردّ: ${due}.`,
			`بقي 100 يوم. آخر موعد للردّ: ${due}.`
		]);
		expect([0, 1, 2, 3, 11, 100].map((age) => m.member_age({ age }, { locale: 'ar' })))
			.toEqual(['أقل من سنة', 'سنة واحدة', 'سنتان', '3 سنوات', '11 سنة', '100 سنة']);
	});

	it('Finnish and English: one and other', () => {
		expect(m.a11y_admin_days_left({ count: 1, due }, { locale: 'fi' })).toBe(`Yksi päivä jäljellä. Vastattava viimeistään ${due}.`);
		expect(m.a11y_admin_days_left({ count: 2, due }, { locale: 'fi' })).toBe(`Päiviä jäljellä: 2. Vastattava viimeistään ${due}.`);
		expect(m.a11y_admin_days_left({ count: 1, due }, { locale: 'en' })).toBe(`One day left. Answer by ${due}.`);
		expect(m.a11y_admin_days_left({ count: 2, due }, { locale: 'en' })).toBe(`Days left: 2. Answer by ${due}.`);
		expect([1, 2].map((age) => m.member_age({ age }, { locale: 'en' }))).toEqual(['1 year', '2 years']);
		expect([1, 2].map((count) => m.signal_handled_summary({ count }, { locale: 'en' }))).toEqual(['Message you sent (1)', 'Messages you sent (2)']);
	});

	it('Russian and Ukrainian: one, few and many', () => {
		expect([1, 3, 5, 21].map((age) => m.member_age({ age }, { locale: 'ru' }))).toEqual(['1 год', '3 года', '5 лет', '21 год']);
		expect([1, 3, 5, 11].map((age) => m.member_age({ age }, { locale: 'uk' }))).toEqual(['1 рік', '3 роки', '5 років', '11 років']);
	});
});
