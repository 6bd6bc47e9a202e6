/**
 * Every user-visible string in every locale: a message missing or empty in one locale
 * would show another language (or nothing) to its readers. The placeholders of a message
 * are the same in every locale, so no value is dropped or asked for in vain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const settings = JSON.parse(readFileSync(join(ROOT, 'project.inlang/settings.json'), 'utf8')) as { baseLocale: string; locales: string[] };
const messages = (locale: string) =>
	Object.fromEntries(Object.entries(JSON.parse(readFileSync(join(ROOT, 'messages', `${locale}.json`), 'utf8')) as Record<string, unknown>).filter(([key]) => key !== '$schema'));
/** A message with variants (plural forms) as inlang's message format stores it. */
type Variants = { declarations: string[]; selectors: string[]; match: Record<string, string> }[];
/** Every text a message may show: the message itself, or each of its variants. */
const texts = (message: unknown): unknown[] => (Array.isArray(message) ? (message as Variants).flatMap((v) => Object.values(v.match)) : [message]);
/** The values a message takes: its placeholders, in any variant, and its declared inputs. */
const placeholders = (message: unknown) => {
	const declared = Array.isArray(message) ? (message as Variants).flatMap((v) => v.declarations.filter((d) => d.startsWith('input ')).map((d) => d.slice(6))) : [];
	const used = texts(message).flatMap((text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
	return [...new Set([...declared, ...used])].sort();
};

const base = messages(settings.baseLocale);

describe.each(settings.locales)('messages in %s', (locale) => {
	const own = messages(locale);
	it('has every message of the base locale, none empty, none extra', () => {
		expect(Object.keys(own).sort()).toEqual(Object.keys(base).sort());
		expect(Object.entries(own).filter(([, message]) => texts(message).some((text) => typeof text !== 'string' || text.trim() === '')).map(([key]) => key)).toEqual([]);
	});
	it('gives a message with plural variants a form for every plural category of the language', () => {
		const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
		const missing = Object.entries(own).filter(([, message]) => Array.isArray(message)).flatMap(([key, message]) =>
			(message as Variants).flatMap((v) => {
				const forms = Object.keys(v.match).map((selector) => selector.split('=')[1]);
				return categories.filter((category) => !forms.includes(category) && !forms.includes('*')).map((category) => `${key}: ${category}`);
			}));
		expect(missing).toEqual([]);
	});
	it('uses the same placeholders as the base locale in every message', () => {
		const differing = Object.keys(base).filter((key) => key in own && placeholders(own[key]).join() !== placeholders(base[key]).join());
		expect(differing).toEqual([]);
	});
});
