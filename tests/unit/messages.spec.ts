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
const placeholders = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

const base = messages(settings.baseLocale);

describe.each(settings.locales)('messages in %s', (locale) => {
	const own = messages(locale);
	it('has every message of the base locale, none empty, none extra', () => {
		expect(Object.keys(own).sort()).toEqual(Object.keys(base).sort());
		expect(Object.entries(own).filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key)).toEqual([]);
	});
	it('uses the same placeholders as the base locale in every message', () => {
		const differing = Object.keys(base).filter((key) => key in own && placeholders(own[key]).join() !== placeholders(base[key]).join());
		expect(differing).toEqual([]);
	});
});
