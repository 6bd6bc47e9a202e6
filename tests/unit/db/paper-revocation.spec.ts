/**
 * W4 with P6: the coordinator records a revocation a family member gave on paper, dated
 * the day on the paper. The same policy as the member's own revocation decides who may.
 */
import { describe, expect, it } from 'vitest';
import { currentClock, readFamilyView } from '../../../src/lib/server/family-access';
import { recordPaperRevocation } from '../../../src/lib/server/writes';
import type { Principal } from '../../../src/lib/server/policy/types';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();

// The demo's day: c-amal-omar-familywork runs 2026-09-01 to 2027-09-01 and is in force.
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const pro = (professionalId: string, organisationId: string): Principal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const anna = pro('pro-anna', 'org-cw'), mikko = pro('pro-mikko', 'org-familywork'), sanna = pro('pro-sanna', 'org-asw');
const ctx = (who: Principal) => ({ db: test.db, who, familyId: 'fam-haddad', clock });
const consentOf = (who: Principal, id: string) => readFamilyView(test.db, who, 'fam-haddad', clock, 'family-page')!.consents.find((c) => c.id === id);
const serviceIds = (who: Principal) => readFamilyView(test.db, who, 'fam-haddad', clock, 'family-page')!.services.map((s) => s.id);

describe('W4 a revocation given on paper', () => {
	it('the coordinator records it with the day on the paper; the grantee no longer sees at once', () => {
		expect(serviceIds(mikko)).toContain('svc-omar-familywork');
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-omar-familywork', on: '2026-11-20' })).toEqual({ ok: true, id: 'c-amal-omar-familywork' });
		expect(consentOf(anna, 'c-amal-omar-familywork')).toMatchObject({ revoked: '2026-11-20', canRevoke: false });
		expect(serviceIds(mikko)).not.toContain('svc-omar-familywork');
	});

	it('without a day it is today', () => {
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-self-asw', on: '' }).ok).toBe(true);
		expect(consentOf(anna, 'c-amal-self-asw')?.revoked).toBe('2026-11-23');
	});

	it('a day in the future, before the decision began, or not a date: a clear error, nothing written', () => {
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-omar-familywork', on: '2026-11-24' })).toMatchObject({ ok: false, status: 400, issues: { on: 'future' } });
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-omar-familywork', on: '2026-08-31' })).toMatchObject({ ok: false, status: 400, issues: { on: 'after-from' } });
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-omar-familywork', on: '23.11.2026' })).toMatchObject({ ok: false, status: 400 });
		expect(recordPaperRevocation(ctx(anna), { on: '2026-11-20' })).toMatchObject({ ok: false, status: 400, issues: { consent: 'required' } });
		expect(consentOf(anna, 'c-amal-omar-familywork')).toMatchObject({ revoked: null, canRevoke: true });
	});

	it('only the coordinator, and only for a grantor entitled today (P6); nothing left to revoke twice', () => {
		expect(recordPaperRevocation(ctx(mikko), { consent: 'c-amal-omar-familywork' })).toMatchObject({ ok: false, status: 403 });
		expect(recordPaperRevocation(ctx(sanna), { consent: 'c-amal-self-asw' })).toMatchObject({ ok: false, status: 403 });
		// Amal's old grant about Yasmin, who has become mature, counts for nothing: nothing to revoke.
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-yasmin-old' })).toMatchObject({ ok: false, status: 403 });
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-nowhere' })).toMatchObject({ ok: false, status: 404 });
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-omar-familywork' }).ok).toBe(true);
		expect(recordPaperRevocation(ctx(anna), { consent: 'c-amal-omar-familywork' })).toMatchObject({ ok: false, status: 403 });
		expect(consentOf(anna, 'c-amal-yasmin-old')?.revoked).toBeNull();
	});
});
