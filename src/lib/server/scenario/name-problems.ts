/**
 * The loader's words for the name and username problems of names.ts: a file's author
 * reads them beside the JSON path, so they name the offending character.
 */
import { codePoint, NAME_MAX, unreadableCharacter, USERNAME_MAX, type NameProblem, type UsernameProblem } from '../names';

/** What is wrong with one character, in words. */
function describe(character: string): string {
	if (character === '') return 'an unreadable character';
	if (character === '\uFFFD' || /\p{Cs}/u.test(character)) return `${codePoint(character)}: the text is not valid UTF-8 (or has a lone surrogate)`;
	if (/^\p{M}+$/u.test(character)) return `${character.length} combining marks stacked on one letter`;
	if (/\p{Cc}/u.test(character)) return `${codePoint(character)}, a control character (such as NUL, tab or a line break)`;
	if (/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u.test(character)) return `${codePoint(character)}, a text-direction control`;
	return `${codePoint(character)}, an invisible or unprintable character`;
}

export function sayNameProblem(problem: NameProblem, value: string): string {
	switch (problem) {
		case 'required': return 'must not be empty';
		case 'too-long': return `a name is at most ${NAME_MAX} characters`;
		case 'name-letters': return 'a name needs at least one letter or digit';
		case 'name-characters': return `a name must be readable text: it contains ${describe(unreadableCharacter(value, true) ?? '')}`;
	}
}

export function sayUsernameProblem(problem: UsernameProblem, value: string): string {
	switch (problem) {
		case 'required': return 'must not be empty';
		case 'too-long': return `a username is at most ${USERNAME_MAX} characters`;
		case 'username-scripts': return 'a username uses the letters of one script only (not, for example, Latin and Cyrillic mixed)';
		case 'username': {
			const hidden = unreadableCharacter(value, false);
			const what = hidden ? `; it contains ${describe(hidden)}` : '';
			return `a username is letters, digits and . _ - @, starting with a letter or digit, without spaces${what}`;
		}
	}
}
