/**
 * A meeting's place or way and its booked interpreters (#13/#14): the coordinator records
 * them (W9), the family sees them with the meeting, and a member who may not see the
 * meeting (M6) sees neither.
 */
import { describe, expect, it } from 'vitest';
import { currentClock, readFamilyView } from '../../../src/lib/server/family-access';
import * as writes from '../../../src/lib/server/writes';
import type { Principal } from '../../../src/lib/server/policy/types';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const pro = (professionalId: string, organisationId: string): Principal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const amal = member('amal', 'fam-haddad'), yasmin = member('yasmin', 'fam-haddad');
const sari = member('sari', 'fam-lahtinen'), jari = member('jari', 'fam-lahtinen');
const anna = pro('pro-anna', 'org-cw'), mikko = pro('pro-mikko', 'org-familywork'), hanna = pro('pro-hanna', 'org-cw');
const ctx = (who: Principal, familyId = 'fam-haddad') => ({ db: test.db, who, familyId, clock });
const view = (who: Principal, familyId = 'fam-haddad') => readFamilyView(test.db, who, familyId, clock, 'family-page')!;
const meeting = (who: Principal, id: string, familyId = 'fam-haddad') => view(who, familyId).meetings.find((x) => x.id === id);

describe('a meeting\'s place and booked interpreters', () => {
	it('the demo\'s weekly meeting carries its place and the Arabic interpreter, for the family and the team', () => {
		for (const who of [amal, yasmin, anna, mikko]) {
			expect(meeting(who, 'meet-haddad-weekly'), JSON.stringify(who)).toMatchObject({ place: 'Itäkeskuksen perhekeskus, huone 3', interpreterBooked: ['ar'] });
		}
		expect(meeting(amal, 'meet-haddad-plan')).toMatchObject({ place: null, interpreterBooked: [] });
	});

	it('the coordinator records them; saving again replaces both', () => {
		const saved = writes.recordMeetingDetails(ctx(anna), { meeting: 'meet-haddad-plan', place: '  Video call (link by e-mail) ', interpreterBooked: ['ar', 'fa'] });
		expect(saved).toMatchObject({ ok: true });
		expect(meeting(amal, 'meet-haddad-plan')).toMatchObject({ place: 'Video call (link by e-mail)', interpreterBooked: ['ar', 'fa'] });
		expect(writes.recordMeetingDetails(ctx(anna), { meeting: 'meet-haddad-plan', place: '' })).toMatchObject({ ok: true });
		expect(meeting(yasmin, 'meet-haddad-plan')).toMatchObject({ place: null, interpreterBooked: [] });
	});

	it('only the coordinator: a team member who schedules meetings and the family get 403, nothing written', () => {
		for (const who of [mikko, amal]) {
			expect(writes.recordMeetingDetails(ctx(who), { meeting: 'meet-haddad-weekly', place: 'Elsewhere', interpreterBooked: [] })).toMatchObject({ ok: false, status: 403 });
		}
		// Another family's coordinator gets the same answer whether the meeting exists or not (no existence oracle).
		expect(writes.recordMeetingDetails(ctx(hanna), { meeting: 'meet-haddad-weekly', place: 'Elsewhere' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.recordMeetingDetails(ctx(hanna), { meeting: 'no-such', place: 'Elsewhere' })).toMatchObject({ ok: false, status: 403 });
		expect(meeting(amal, 'meet-haddad-weekly')).toMatchObject({ place: 'Itäkeskuksen perhekeskus, huone 3', interpreterBooked: ['ar'] });
	});

	it('bad input is a clear error by field and writes nothing', () => {
		const before = meeting(amal, 'meet-haddad-weekly');
		expect(writes.recordMeetingDetails(ctx(anna), { meeting: 'meet-haddad-weekly', interpreterBooked: ['Arabic'] }))
			.toMatchObject({ ok: false, status: 400, issues: { interpreterBooked: 'language' } });
		expect(writes.recordMeetingDetails(ctx(anna), { meeting: 'meet-haddad-weekly', interpreterBooked: ['ar', 'ar'] }))
			.toMatchObject({ ok: false, status: 400, issues: { interpreterBooked: 'language' } });
		expect(writes.recordMeetingDetails(ctx(anna), { meeting: 'meet-haddad-weekly', place: 'x'.repeat(201) }))
			.toMatchObject({ ok: false, status: 400, issues: { place: 'too-long' } });
		expect(writes.recordMeetingDetails(ctx(anna), { place: 'Somewhere' })).toMatchObject({ ok: false, status: 400, issues: { meeting: expect.any(String) } });
		expect(writes.recordMeetingDetails(ctx(anna), { meeting: 'meet-lahtinen-plan', place: 'Somewhere' })).toMatchObject({ ok: false, status: 404 });
		expect(meeting(amal, 'meet-haddad-weekly')).toEqual(before);
	});

	it('a blocked member does not see a meeting of the child he is blocked for, nor its place or interpreter', () => {
		expect(writes.recordMeetingDetails(ctx(hanna, 'fam-lahtinen'), { meeting: 'meet-lahtinen-plan', place: 'Turvakoti, neuvotteluhuone', interpreterBooked: ['ru'] })).toMatchObject({ ok: true });
		expect(meeting(sari, 'meet-lahtinen-plan', 'fam-lahtinen')).toMatchObject({ place: 'Turvakoti, neuvotteluhuone', interpreterBooked: ['ru'] });
		const jarisView = view(jari, 'fam-lahtinen');
		expect(jarisView.meetings.map((x) => x.id)).not.toContain('meet-lahtinen-plan');
		expect(JSON.stringify(jarisView)).not.toContain('Turvakoti, neuvotteluhuone');
	});
});
