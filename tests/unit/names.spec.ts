/** The name and username rules of names.ts as tables: what is taken (and as what), what is refused and why. */
import { describe, expect, it } from 'vitest';
import { nameField, usernameField, usernameKey } from '../../src/lib/server/names';
import { sayNameProblem, sayUsernameProblem } from '../../src/lib/server/scenario/name-problems';

const name = nameField();
const username = usernameField();
const problemOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message);

describe('names: taken, normalised', () => {
	it.each<[string, string, string]>([
		['a plain name', 'Anna Virtanen', 'Anna Virtanen'],
		['spaces trimmed and collapsed', '  Anna \u00A0  Virtanen ', 'Anna Virtanen'],
		['NFD becomes NFC', 'Ja\u0308rvinen', 'J\u00E4rvinen'],
		['Arabic', 'أمل حداد', 'أمل حداد'],
		['Persian with ZWNJ (U+200C) stays', 'مهر\u200Cناز', 'مهر\u200Cناز'],
		['Devanagari with ZWJ (U+200D) stays', 'क्\u200Dष', 'क्\u200Dष'],
		['Vietnamese marks', 'Nguyễn Thị Ánh', 'Nguyễn Thị Ánh'],
		['a digit is enough', 'Perhe 7', 'Perhe 7'],
		['an organisation with punctuation', 'Lastensuojelu, Itä (K-S)', 'Lastensuojelu, Itä (K-S)'],
		['a leading or trailing newline is trimmed', 'Anna\n', 'Anna'],
		// Hebrew pointing: a letter with dagesh, vowel, shin dot and a cantillation mark (NFC puts them in canonical order).
		['five stacked marks are still a script', '\u05E9\u0591\u05B0\u05B4\u05BC\u05C1', '\u05E9\u0591\u05B0\u05B4\u05BC\u05C1'.normalize('NFC')]
	])('%s', (_label, input, stored) => {
		expect(name.safeParse(input)).toEqual({ success: true, data: stored });
	});
});

describe('names: refused with a reason', () => {
	it.each<[string, unknown, string]>([
		['empty', '', 'required'],
		['only spaces', '   ', 'required'],
		['not a string', undefined, 'required'],
		['too long', 'a'.repeat(201), 'too-long'],
		['NUL', 'An\u0000na', 'name-characters'],
		['a tab inside', 'Anna\tVirtanen', 'name-characters'],
		['a newline inside', 'Anna\nVirtanen', 'name-characters'],
		['DEL', 'An\u007Fna', 'name-characters'],
		['a C1 control (U+0085)', 'An\u0085na', 'name-characters'],
		['right-to-left override U+202E', 'Anna\u202Eenirtriv', 'name-characters'],
		['left-to-right embedding U+202A', '\u202AAnna', 'name-characters'],
		['isolate U+2066', 'Anna\u2066x', 'name-characters'],
		['pop directional isolate U+2069', 'Anna\u2069', 'name-characters'],
		['right-to-left mark U+200F', 'Anna\u200F', 'name-characters'],
		['Arabic letter mark U+061C', 'أمل\u061C', 'name-characters'],
		['zero-width space', 'An\u200Bna', 'name-characters'],
		['word joiner', 'An\u2060na', 'name-characters'],
		['BOM inside', 'An\uFEFFna', 'name-characters'],
		['soft hyphen', 'An\u00ADna', 'name-characters'],
		['Hangul filler (an invisible letter)', 'Anna\u3164', 'name-characters'],
		['line separator U+2028', 'Anna\u2028Virtanen', 'name-characters'],
		['U+FFFD (invalid UTF-8 decoded)', 'Anna\uFFFD', 'name-characters'],
		['a lone surrogate', 'Anna\uD800', 'name-characters'],
		['private use', 'Anna\uE000', 'name-characters'],
		['a noncharacter', 'Anna\uFFFF', 'name-characters'],
		['six stacked marks ("Zalgo")', 'Annx' + '\u0300\u0301\u0302\u0303\u0304\u0305', 'name-characters'],
		['no letter or digit', '...', 'name-letters'],
		['only a joiner', '\u200D', 'name-letters']
	])('%s', (_label, input, problem) => {
		expect(problemOf(name.safeParse(input))).toEqual([problem]);
	});
});

describe('usernames: taken, as the sign-in compares them', () => {
	it.each<[string, string, string]>([
		['a demo username', 'anna', 'anna'],
		['upper case is lowered', 'Outi.Uusi', 'outi.uusi'],
		['an e-mail address', 'anna.virtanen@kunta.fi', 'anna.virtanen@kunta.fi'],
		['digits, _ and -', 'pro_7-b', 'pro_7-b'],
		['Finnish letters', 'jääskeläinen', 'jääskeläinen'],
		['NFD becomes NFC', 'Ja\u0308a\u0308', 'j\u00E4\u00E4'],
		['Arabic letters', 'أمل', 'أمل'],
		['Cyrillic letters alone', 'анна', 'анна'],
		['Japanese kana and kanji together', 'やまだ太郎', 'やまだ太郎'],
		['trimmed', '  anna  ', 'anna']
	])('%s', (_label, input, stored) => {
		expect(username.safeParse(input)).toEqual({ success: true, data: stored });
		expect(usernameKey(input)).toBe(stored);
	});
});

describe('usernames: refused with a reason', () => {
	it.each<[string, unknown, string]>([
		['empty', '', 'required'],
		['too short', 'ab', 'username'],
		['too long', 'a'.repeat(129), 'too-long'],
		['a space', 'anna virtanen', 'username'],
		['NUL', 'an\u0000na', 'username'],
		['U+202E', 'anna\u202E', 'username'],
		['ZWJ (allowed in names, not here)', 'an\u200Dna', 'username'],
		['ZWNJ', 'an\u200Cna', 'username'],
		['zero-width space', 'an\u200Bna', 'username'],
		['Hangul filler', 'anna\u3164', 'username'],
		['U+FFFD', 'anna\uFFFD', 'username'],
		['a lone surrogate', 'anna\uDC00', 'username'],
		['starts with a dot', '.anna', 'username'],
		['a plus', 'anna+1', 'username'],
		['a slash', 'anna/x', 'username'],
		['a mark on a digit', 'anna1\u0301', 'username'],
		['Cyrillic а posing as Latin a', '\u0430nna', 'username-scripts'],
		['Greek ο posing as Latin o', 'j\u03BFhanna', 'username-scripts']
	])('%s', (_label, input, problem) => {
		expect(problemOf(username.safeParse(input))).toEqual([problem]);
	});
});

describe("the loader's words", () => {
	it.each<[string, string]>([
		[sayNameProblem('name-characters', 'Anna\u202E'), 'U+202E, a text-direction control'],
		[sayNameProblem('name-characters', 'An\u0000na'), 'U+0000, a control character'],
		[sayNameProblem('name-characters', 'Anna\uFFFD'), 'not valid UTF-8'],
		[sayNameProblem('name-characters', 'An\u200Bna'), 'U+200B, an invisible or unprintable character'],
		[sayUsernameProblem('username', 'an\u200Dna'), 'U+200D'],
		[sayUsernameProblem('username-scripts', '\u0430nna'), 'one script']
	])('%s', (sentence, part) => {
		expect(sentence).toContain(part);
	});
});
