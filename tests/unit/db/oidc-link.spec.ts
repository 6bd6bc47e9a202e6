/** Linking an e-identification to a member's account with a sign-in code (#17), on a real SQLite file. */
import { createHmac } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { currentClock } from '../../../src/lib/server/family-access';
import * as start from '../../../src/lib/server/family-start';
import { beginFlow, FLOW_LIFETIME_MS, takeStartedFlow } from '../../../src/lib/server/oidc/flows';
import { linkedAccount, linkWithCode } from '../../../src/lib/server/oidc/link';
import { subjectHash } from '../../../src/lib/server/oidc/subject';
import type { ProfessionalPrincipal } from '../../../src/lib/server/policy/types';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { validateScenarioText } from '../../../src/lib/server/scenario/validate';
import { DEMO_SCENARIO, demoDatabaseEachTest } from './test-db';
import { readFileSync } from 'node:fs';

const test = demoDatabaseEachTest();
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const anna: ProfessionalPrincipal = { kind: 'professional', professionalId: 'pro-anna', organisationId: 'org-cw', authority: false, name: 'Anna' };
const ISSUER = 'https://tunnistus.example.fi';
const dayAfter = new Date('2026-11-24T10:00:00Z');

/** A member of a new family without a sign-in, and a fresh code for them. */
function memberWithCode(): { memberId: string; code: string } {
	const family = (start.startFamily(test.db, anna, { name: 'Uusi perhe' }, clock) as { id: string }).id;
	const memberId = (start.addMember(test.db, anna, family, { name: 'Leila', birthDate: '1990-01-01' }, clock) as { id: string }).id;
	const code = (start.createSignInCode(test.db, anna, family, memberId, clock) as { code: string }).code;
	return { memberId, code };
}

const count = (table: string) => test.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
const link = (subject: string) => ({ issuer: ISSUER, subjectHash: subjectHash(test.db, subject) });

describe('linking an e-identification with a sign-in code', () => {
	it('the code links the identity once and creates the member\'s account; later the identity alone finds it', async () => {
		const { memberId, code } = memberWithCode();
		expect(linkedAccount(test.db, ISSUER, link('subject-leila').subjectHash)).toBeNull();
		expect(await linkWithCode(test.db, link('subject-leila'), code, dayAfter)).toEqual({ ok: true, accountId: `mem:${memberId}` });
		expect(linkedAccount(test.db, ISSUER, link('subject-leila').subjectHash)).toBe(`mem:${memberId}`);
		// Another provider's identity with the same subject is not the same person.
		expect(linkedAccount(test.db, 'https://other.example', link('subject-leila').subjectHash)).toBeNull();
		// Used: another identity cannot take the same code.
		const before = { accounts: count('accounts'), identities: count('oidc_identities') };
		expect(await linkWithCode(test.db, link('subject-mallory'), code, dayAfter)).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect({ accounts: count('accounts'), identities: count('oidc_identities') }).toEqual(before);
		expect(linkedAccount(test.db, ISSUER, link('subject-mallory').subjectHash)).toBeNull();
	});

	it('an expired, a used-at-/welcome, a wrong or an empty code is refused and writes nothing', async () => {
		const expired = memberWithCode();
		const afterExpiry = new Date(clock.now.getTime() + (start.CODE_VALID_DAYS * 86_400_000) + 1000);
		const used = memberWithCode();
		expect(await start.redeemSignInCode(test.db, { code: used.code, username: 'leila-w', password: 'a long passphrase here', repeat: 'a long passphrase here' }, dayAfter)).toMatchObject({ ok: true });
		const before = { accounts: count('accounts'), identities: count('oidc_identities'), unused: count('sign_in_codes WHERE used_at IS NULL') };
		expect(await linkWithCode(test.db, link('s1'), expired.code, afterExpiry)).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect(await linkWithCode(test.db, link('s2'), used.code, dayAfter)).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect(await linkWithCode(test.db, link('s3'), 'AAAA-BBBB-CCCC', dayAfter)).toMatchObject({ ok: false, issues: { code: 'code-invalid' } });
		expect(await linkWithCode(test.db, link('s4'), '  ', dayAfter)).toMatchObject({ ok: false, issues: { code: 'required' } });
		expect({ accounts: count('accounts'), identities: count('oidc_identities'), unused: count('sign_in_codes WHERE used_at IS NULL') }).toEqual(before);
		// The expired code still works before its time: it was refused for its age only.
		expect(await linkWithCode(test.db, link('s1'), expired.code, dayAfter)).toMatchObject({ ok: true });
	});

	it('keeps only an HMAC-SHA-256 of the subject under the portal\'s key, never the subject itself', async () => {
		const { code } = memberWithCode();
		const subject = '010190-123A-looking-subject';
		expect(await linkWithCode(test.db, link(subject), code, dayAfter)).toMatchObject({ ok: true });
		const stored = test.db.$client.prepare('SELECT issuer, subject_hash FROM oidc_identities').get() as { issuer: string; subject_hash: string };
		const key = Buffer.from(test.db.$client.prepare('SELECT key FROM oidc_keys WHERE id = 1').pluck().get() as string, 'hex');
		expect(key.length).toBe(32);
		expect(stored).toEqual({ issuer: ISSUER, subject_hash: createHmac('sha256', key).update(subject).digest('hex') });
		const everyText = test.db.$client.prepare("SELECT group_concat(subject_hash) || group_concat(issuer) || group_concat(account_id) FROM oidc_identities").pluck().get() as string;
		expect(everyText).not.toContain(subject);
		// The key is made once and kept: the same subject hashes the same way next time.
		expect(subjectHash(test.db, subject)).toBe(stored.subject_hash);
	});

	it('never signs in to a professional\'s account, even if a row links one', () => {
		test.db.$client.prepare("INSERT INTO oidc_identities (id, issuer, subject_hash, account_id, linked_at) VALUES ('x', ?, ?, 'pro:pro-anna', '2026-11-23')")
			.run(ISSUER, link('subject-anna').subjectHash);
		expect(test.db.$client.prepare("SELECT kind FROM accounts WHERE id = 'pro:pro-anna'").pluck().get()).toBe('professional');
		expect(linkedAccount(test.db, ISSUER, link('subject-anna').subjectHash)).toBeNull();
	});
});

describe('the flow kept between the start and the provider\'s answer', () => {
	/** SvelteKit's cookie jar, reduced to what the flow uses. */
	function jar(): Cookies {
		const values = new Map<string, string>();
		return { get: (name: string) => values.get(name), set: (name: string, value: string) => void values.set(name, value), delete: (name: string) => void values.delete(name) } as unknown as Cookies;
	}

	it('gives its state, nonce and verifier once, and not after ten minutes', () => {
		const cookies = jar();
		const now = Date.parse('2026-11-23T10:00:00Z');
		beginFlow(test.db, cookies, { state: 'st', nonce: 'no', codeVerifier: 'cv' }, now);
		expect(cookies.get('oidc_flow')).toMatch(/^[a-z2-7]{32}$/);
		expect(test.db.$client.prepare('SELECT id FROM oidc_flows').pluck().get()).not.toBe(cookies.get('oidc_flow'));
		expect(takeStartedFlow(test.db, cookies, now + 1000)).toEqual({ state: 'st', nonce: 'no', codeVerifier: 'cv' });
		expect(takeStartedFlow(test.db, cookies, now + 2000)).toBeNull();
		beginFlow(test.db, cookies, { state: 'st2', nonce: 'no2', codeVerifier: 'cv2' }, now);
		expect(takeStartedFlow(test.db, cookies, now + FLOW_LIFETIME_MS)).toBeNull();
		expect(takeStartedFlow(test.db, jar(), now)).toBeNull();
	});
});

describe('members[].oidcSubject in a scenario', () => {
	const withSubjects = (change: (members: Record<string, unknown>[]) => void) => {
		const scenario = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8'));
		change(scenario.families.flatMap((f: { members: Record<string, unknown>[] }) => f.members));
		return JSON.stringify(scenario);
	};

	it('needs the member\'s account and a subject used once', () => {
		const text = withSubjects((members) => {
			members.find((m) => m.id === 'amal')!.oidcSubject = 'same';
			members.find((m) => m.id === 'yasmin')!.oidcSubject = 'same';
			const omar = members.find((m) => m.id === 'omar')!;
			expect(omar.username).toBeUndefined();
			omar.oidcSubject = 'omar-subject';
		});
		const result = validateScenarioText(text);
		expect(result.ok).toBe(false);
		const problems = (result as { problems: { path: string; message: string }[] }).problems;
		expect(problems.some((p) => /members\[\d+\]\.oidcSubject$/.test(p.path) && p.message.includes('duplicate oidcSubject'))).toBe(true);
		expect(problems.some((p) => p.message.includes('needs the member\'s username'))).toBe(true);
	});

	it('is linked, hashed, for the provider of OIDC_ISSUER, and refused without it', async () => {
		const text = withSubjects((members) => { members.find((m) => m.id === 'amal')!.oidcSubject = 'amal-subject'; });
		delete process.env.OIDC_ISSUER;
		const refused = await loadScenarioText(test.db, text);
		expect(refused).toMatchObject({ ok: false, problems: [{ path: expect.stringMatching(/oidcSubject$/) }] });
		process.env.OIDC_ISSUER = ISSUER;
		try {
			expect(await loadScenarioText(test.db, text)).toMatchObject({ ok: true });
		} finally {
			delete process.env.OIDC_ISSUER;
		}
		expect(linkedAccount(test.db, ISSUER, subjectHash(test.db, 'amal-subject'))).toBe('mem:amal');
		expect(test.db.$client.prepare('SELECT subject_hash FROM oidc_identities').pluck().get()).not.toContain('amal-subject');
	});
});
