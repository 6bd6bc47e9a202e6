import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { languageNames } from '../../src/lib/language-names';

const settings = JSON.parse(readFileSync(join(import.meta.dirname, '../../project.inlang/settings.json'), 'utf8')) as { locales: string[] };

it('the language list names exactly the languages the messages exist in, each in itself', () => {
	expect(Object.keys(languageNames).sort()).toEqual([...settings.locales].sort());
	expect(languageNames.ar).toBe('العربية');
	expect(languageNames.fa).toBe('فارسی');
	expect(languageNames.uk).toBe('Українська');
});
