import { expect, it } from 'vitest';
import { leftToRight, telHref, unbreakable } from '../../src/lib/phone';

it('dials digits and a leading plus only', () => {
	expect(telHref('+358 40 100-0001')).toBe('tel:+358401000001');
});

it('never breaks a call button inside the number', () => {
	expect(unbreakable('Soita +358 40 100-0001')).toBe('Soita\u00a0+358\u00a040\u00a0100\u20110001');
});

it('keeps a number left to right inside a right-to-left sentence', () => {
	expect(leftToRight('+358 40 100 0001')).toBe('\u2066+358 40 100 0001\u2069');
});
