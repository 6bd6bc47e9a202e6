/**
 * Names people can read: one rule for every place that accepts a person's, a family's
 * or an organisation's name or a username (administration, starting a family, /welcome,
 * the scenario loader, signing in).
 *
 * A name shown to a social worker or a parent must say what it seems to say. Control
 * characters (NUL, tab, newline), text-direction controls (U+202E can make "Anna" show
 * as something else) and invisible characters (zero-width space, Hangul fillers) make a
 * name unreadable or misleading, and U+FFFD or a lone surrogate means the text was not
 * valid UTF-8 when it arrived. All are refused, never silently removed, so that the
 * person typing sees what was wrong.
 *
 * Names: NFC, spaces collapsed and trimmed, at least one letter or digit. ZWNJ/ZWJ
 * (U+200C/U+200D) stay allowed: Persian, Arabic and Indic names need them.
 *
 * Usernames: NFC, lower case (as sign-in compares them), letters, combining marks after a
 * letter, digits and `. _ - @`, starting with a letter or digit, letters of one script
 * only (so that a Cyrillic "а" cannot pose as the Latin "a" of a colleague's username).
 */
import { z } from 'zod';

export type NameProblem = 'required' | 'too-long' | 'name-characters' | 'name-letters';
export type UsernameProblem = 'required' | 'too-long' | 'username' | 'username-scripts';

/** The longest name the forms and the loader take (code units, as the form fields count). */
export const NAME_MAX = 200;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 128;

/**
 * Characters that are never readable in a name: C0/C1 controls, lone surrogates, private
 * use, noncharacters, U+FFFD, line and paragraph separators, format characters (bidi
 * controls, zero-width space, soft hyphen, BOM, tags ...) and the default-ignorable
 * (invisible) ones such as the Hangul fillers.
 */
const UNREADABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\uFFFD]/u;
/**
 * Invisible characters that belong to real names: ZWNJ and ZWJ (Persian, Arabic, Indic
 * scripts; emoji sequences), the emoji/text variation selectors and Mongolian's free
 * variation selectors. Allowed in names, not in usernames.
 */
const NAME_JOINERS = /[\u200C\u200D\uFE00-\uFE0F\u180B-\u180D\u180F]/gu;
/** Six or more combining marks in a row stack into an unreadable smear ("Zalgo"); real scripts use fewer. */
const STACKED_MARKS = /\p{M}{6,}/u;
const SPACES = /\p{Zs}+/gu;

/** NFC, every run of spaces (no-break space too) as one space, trimmed. */
export function normaliseName(raw: string): string {
	return raw.normalize('NFC').replace(SPACES, ' ').trim();
}

/** The first character of `value` that makes it unreadable, or null. */
export function unreadableCharacter(value: string, allowJoiners: boolean): string | null {
	const checked = allowJoiners ? value.replace(NAME_JOINERS, '') : value;
	return UNREADABLE.exec(checked)?.[0] ?? STACKED_MARKS.exec(checked)?.[0] ?? null;
}

/** Why a normalised name cannot be taken, or null when it can. */
export function nameProblem(name: string, max = NAME_MAX): NameProblem | null {
	if (name === '') return 'required';
	if (name.length > max) return 'too-long';
	if (unreadableCharacter(name, true) !== null) return 'name-characters';
	if (!/[\p{L}\p{N}]/u.test(name)) return 'name-letters';
	return null;
}

/**
 * The form of a username that is stored and compared: NFC, trimmed, lower case. Sign-in
 * uses the same, so an "Ä" typed as A + combining diaeresis still finds "ä".
 */
export function usernameKey(raw: string): string {
	return raw.normalize('NFC').trim().toLowerCase().normalize('NFC');
}

const USERNAME_CHARACTERS = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}._@-]*$/u;
/** A combining mark belongs on a letter, not on a digit or a dot. */
const MARK_AFTER_NON_LETTER = /[^\p{L}\p{M}]\p{M}/u;

/** Scripts told apart; Japanese writes Han, Hiragana and Katakana together, so they count as one. */
const SCRIPTS: [string, RegExp][] = [
	['Latin', /\p{Script=Latin}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Greek', /\p{Script=Greek}/u],
	['Arabic', /\p{Script=Arabic}/u], ['Hebrew', /\p{Script=Hebrew}/u], ['Armenian', /\p{Script=Armenian}/u],
	['Georgian', /\p{Script=Georgian}/u], ['Devanagari', /\p{Script=Devanagari}/u], ['Bengali', /\p{Script=Bengali}/u],
	['Tamil', /\p{Script=Tamil}/u], ['Thai', /\p{Script=Thai}/u], ['Ethiopic', /\p{Script=Ethiopic}/u],
	['Hangul', /\p{Script=Hangul}/u], ['Japanese', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u]
];

function scriptOf(letter: string): string {
	return SCRIPTS.find(([, pattern]) => pattern.test(letter))?.[0] ?? 'other';
}

/** Why a username (already `usernameKey`ed) cannot be taken, or null when it can. */
export function usernameProblem(key: string, min = USERNAME_MIN, max = USERNAME_MAX): UsernameProblem | null {
	if (key === '') return 'required';
	if (key.length > max) return 'too-long';
	const characters = [...key].length;
	if (characters < min || !USERNAME_CHARACTERS.test(key) || MARK_AFTER_NON_LETTER.test(key) || unreadableCharacter(key, false) !== null) {
		return 'username';
	}
	const scripts = new Set([...key].filter((c) => /\p{L}/u.test(c)).map(scriptOf));
	return scripts.size > 1 ? 'username-scripts' : null;
}

/** Messages for a problem: form fields take the code (paraglide words it), the loader a sentence. */
type Say<P extends string> = (problem: P, value: string) => string;
const asCode = <P extends string>(problem: P) => problem;

/** A name field: normalised, then refused with one problem code (or `say`'s sentence). */
export function nameField(options: { max?: number; say?: Say<NameProblem> } = {}) {
	const say = options.say ?? asCode;
	return z.string({ error: () => say('required', '') })
		.overwrite(normaliseName)
		.superRefine((value, ctx) => {
			const problem = nameProblem(value, options.max);
			if (problem) ctx.addIssue({ code: 'custom', message: say(problem, value) });
		});
}

/**
 * A username field: `usernameKey`ed, then refused with one problem code (or `say`'s
 * sentence). `keepCase`: only NFC and trimmed, for the loader, which reports a
 * duplicate as written and stores the key itself.
 */
export function usernameField(options: { min?: number; max?: number; say?: Say<UsernameProblem>; keepCase?: boolean } = {}) {
	const say = options.say ?? asCode;
	return z.string({ error: () => say('required', '') })
		.overwrite(options.keepCase ? (raw) => raw.normalize('NFC').trim() : usernameKey)
		.superRefine((value, ctx) => {
			const problem = usernameProblem(usernameKey(value), options.min, options.max);
			if (problem) ctx.addIssue({ code: 'custom', message: say(problem, value) });
		});
}

/** `U+202E` for a character, to name it in an English loader message. */
export function codePoint(character: string): string {
	return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
