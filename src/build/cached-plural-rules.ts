/**
 * A Vite plugin for paraglide's compiled `registry.js`: its `plural()` builds a new
 * `Intl.PluralRules` on every call of a plural message ("{age} years", "{count} new"),
 * which measured about 4% of the CPU of a professional's family page (npm run bench).
 * The rules of a locale never change, so one object per locale and options is made once
 * and kept. A paraglide version that writes `plural()` otherwise fails the build here,
 * so that the change is looked at instead of silently losing the cache.
 */
import type { Plugin } from 'vite';

const CONSTRUCTION = 'new Intl.PluralRules(locale, options)';

const CACHE = `
const pluralRulesByKey = new Map();
function cachedPluralRules(locale, options) {
	const key = options ? locale + JSON.stringify(options) : locale;
	let rules = pluralRulesByKey.get(key);
	if (!rules) pluralRulesByKey.set(key, (rules = new Intl.PluralRules(locale, options)));
	return rules;
}
`;

/** The registry's source with `plural()` on cached rules. Throws when the source is not the one this was written for. */
export function withCachedPluralRules(source: string): string {
	if (source.split(CONSTRUCTION).length !== 2) throw new Error(`paraglide's registry.js changed: expected one "${CONSTRUCTION}" (src/build/cached-plural-rules.ts)`);
	return source.replace(CONSTRUCTION, 'cachedPluralRules(locale, options)') + CACHE;
}

export function cachedPluralRules(): Plugin {
	return {
		name: 'cached-plural-rules',
		transform(code, id) {
			if (!id.replace(/\\/g, '/').endsWith('/paraglide/registry.js')) return null;
			return { code: withCachedPluralRules(code), map: null };
		}
	};
}
