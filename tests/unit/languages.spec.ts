import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { INTERFACE_LANGUAGES, LANGUAGE_NAMES } from '../../src/lib/languages';

const settings = JSON.parse(readFileSync(join(import.meta.dirname, '../../project.inlang/settings.json'), 'utf8')) as { locales: string[] };

it('the language list names exactly the languages the messages exist in, each in itself', () => {
	expect([...INTERFACE_LANGUAGES].sort()).toEqual([...settings.locales].sort());
	expect(LANGUAGE_NAMES.ar).toBe('العربية');
	expect(LANGUAGE_NAMES.fa).toBe('فارسی');
	expect(LANGUAGE_NAMES.uk).toBe('Українська');
});
