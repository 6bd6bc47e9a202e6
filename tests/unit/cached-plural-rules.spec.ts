/**
 * The build's patch of paraglide's registry (src/build/cached-plural-rules.ts): plural()
 * chooses the same form as a fresh Intl.PluralRules for every locale, count and option,
 * builds the rules once per locale, and a registry written otherwise stops the build.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCachedPluralRules } from '../../src/build/cached-plural-rules';

const registrySource = readFileSync('src/lib/paraglide/registry.js', 'utf8');

async function moduleOf(source: string): Promise<Record<string, (...args: unknown[]) => unknown>> {
	return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

describe('cached plural rules', () => {
	it('choose the form a fresh Intl.PluralRules chooses, in every locale, for cardinals and ordinals', async () => {
		const registry = await moduleOf(withCachedPluralRules(registrySource));
		for (const locale of ['fi', 'sv', 'en', 'ar', 'so', 'ru', 'uk', 'fa', 'et']) {
			for (const options of [undefined, { type: 'ordinal' as const }]) {
				for (const count of [0, 1, 2, 3, 5, 11, 21, 100, 101, 1.5]) {
					expect(registry.plural(locale, count, options)).toBe(new Intl.PluralRules(locale, options).select(count));
				}
			}
		}
	});

	it('are built once per locale and options', () => {
		const patched = withCachedPluralRules(registrySource);
		const pluralBody = /export function plural\([^)]*\) \{([\s\S]*?)\n\};?/.exec(patched)![1];
		expect(pluralBody).toContain('cachedPluralRules(locale, options)');
		expect(pluralBody).not.toContain('new Intl.PluralRules');
		expect(patched.match(/new Intl\.PluralRules/g)).toHaveLength(1);
	});

	it('a registry that no longer builds its rules as expected stops the build', () => {
		expect(() => withCachedPluralRules(registrySource.replace('new Intl.PluralRules(locale, options)', 'new Intl.PluralRules(locale)'))).toThrow(/registry\.js changed/);
	});
});
