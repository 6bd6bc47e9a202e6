/** The language that follows a person to sign-in (issue #14: members[].language, then their own choice). */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, members } from '../../../src/lib/server/db/schema';
import { languageOfAccount, rememberLanguage } from '../../../src/lib/server/language-preference';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();
const memberAccountOf = (memberId: string) => test.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.memberId, memberId)).get()!.id;

describe('the language after sign-in', () => {
	it('is the language recorded for the member while they have not chosen one', () => {
		expect(languageOfAccount(test.db, memberAccountOf('amal'))).toBe('ar');
		expect(languageOfAccount(test.db, memberAccountOf('yasmin'))).toBe('fi');
	});

	it('is their own choice once they make one, over the recorded language', () => {
		const amal = memberAccountOf('amal');
		rememberLanguage(test.db, amal, 'fi');
		expect(languageOfAccount(test.db, amal)).toBe('fi');
		expect(languageOfAccount(test.db, memberAccountOf('yasmin'))).toBe('fi');
	});

	it('is none where the recorded language is not one the portal speaks: the browser decides', () => {
		test.db.update(members).set({ language: 'ti' }).where(eq(members.id, 'amal')).run();
		expect(languageOfAccount(test.db, memberAccountOf('amal'))).toBeNull();
	});

	it('ignores a choice that is not an interface language', () => {
		const amal = memberAccountOf('amal');
		rememberLanguage(test.db, amal, 'xx');
		expect(test.db.select({ locale: accounts.locale }).from(accounts).where(eq(accounts.id, amal)).get()!.locale).toBeNull();
	});

	it('for a professional is their own choice only', () => {
		expect(languageOfAccount(test.db, 'pro:pro-anna')).toBeNull();
		rememberLanguage(test.db, 'pro:pro-anna', 'sv');
		expect(languageOfAccount(test.db, 'pro:pro-anna')).toBe('sv');
	});
});
