/**
 * Reminders are computed from the data a professional may see: each rule with the days
 * just before, on and after its due day, and never from what the policy withholds.
 */
import { describe, expect, it } from 'vitest';
import { buildFamilyView } from '../../src/lib/server/policy/view';
import type { FamilyRecord, Principal } from '../../src/lib/server/policy/types';
import { remindersOf, sortReminders, type ReminderKind } from '../../src/lib/server/reminders';
import { addDays } from '../../src/lib/server/time';
import { asPro, baseFamily, PROS } from './policy/family-fixture';

const coord = asPro(PROS.coord), school = asPro(PROS.school);

/** The reminders `who` has on `today` for the fixture family changed by `setup`. */
function remindersOn(today: string, who: Principal, setup: (r: FamilyRecord) => void = () => {}) {
	const record = baseFamily();
	record.safetySignals = [];
	setup(record);
	const view = buildFamilyView(record, who, { today, now: new Date(`${today}T10:00:00Z`) }).view;
	return view ? remindersOf(view, (who as { professionalId: string }).professionalId, today) : [];
}
const kinds = (list: { kind: ReminderKind }[]) => list.map((r) => r.kind);

describe('reminders', () => {
	it.each([
		// [name, today, due shown?]
		['15 days before the review', '2027-03-16', false],
		['14 days before the review', '2027-03-17', true],
		['on the review day', '2027-03-31', true],
		['after the review day, overdue', '2027-04-02', true]
	])('plan review: %s', (_name, today, shown) => {
		const list = remindersOn(today, coord, (r) => { r.path = [{ stage: 'working', from: '2026-10-01' }, { stage: 'review', from: '2027-03-31' }]; });
		expect(kinds(list).includes('plan-review')).toBe(shown);
		if (shown) expect(list.find((x) => x.kind === 'plan-review')!.overdue).toBe(today > '2027-03-31');
	});

	it('without a review date the plan review falls about six months after the working period began', () => {
		const setup = (r: FamilyRecord) => { r.path = [{ stage: 'working', from: '2026-10-01' }]; };
		expect(kinds(remindersOn('2027-03-17', coord, setup))).not.toContain('plan-review');
		expect(remindersOn('2027-03-18', coord, setup).find((x) => x.kind === 'plan-review')?.due).toBe('2027-04-01');
		expect(kinds(remindersOn('2027-03-18', school, setup))).not.toContain('plan-review'); // the coordinator's
	});

	it.each([
		['2027-04-01', false], ['2027-04-06', true], ['2027-04-20', true]
	])('re-assessment six months after the last note (%s)', (today, shown) => {
		const list = remindersOn(today, coord, (r) => { r.assessments[0].created = '2026-10-20'; r.assessments[1].created = '2026-09-01'; });
		expect(kinds(list).includes('reassessment')).toBe(shown);
	});

	it.each([
		['2026-11-16', false], ['2026-11-17', true], ['2026-12-01', true], ['2026-12-31', true], ['2027-01-01', false]
	])('a service follow-up six months after it ended, shown from 14 days before to 30 days after (%s)', (today, shown) => {
		const setup = (r: FamilyRecord) => Object.assign(r.services[0], { status: 'ended', end: '2026-06-01' });
		expect(kinds(remindersOn(today, coord, setup)).includes('follow-up-service')).toBe(shown);
	});

	it("a service follow-up reaches the service's contact professional when they see the service, not others", () => {
		const setup = (r: FamilyRecord) => {
			Object.assign(r.services[0], { status: 'ended', end: '2026-06-01' }); // svc-kid, contact: school
			r.consents.push(
				{ id: 'g1', decision: 'grant', grantor: 'mum', subject: 'kid', granteeProfessional: null, granteeOrganisation: 'org-school', granteeName: '', categories: ['services'], from: '2026-01-01', until: null, revoked: null, recordedBy: null },
				{ id: 'g2', decision: 'grant', grantor: 'dad', subject: 'kid', granteeProfessional: null, granteeOrganisation: 'org-school', granteeName: '', categories: ['services'], from: '2026-01-01', until: null, revoked: null, recordedBy: null });
		};
		expect(kinds(remindersOn('2026-12-01', school, setup))).toContain('follow-up-service');
		// Without the consent the school does not see the service, so no reminder names it.
		expect(kinds(remindersOn('2026-12-01', school, (r) => Object.assign(r.services[0], { status: 'ended', end: '2026-06-01' })))).not.toContain('follow-up-service');
		expect(kinds(remindersOn('2026-12-01', asPro(PROS.nurse), setup))).not.toContain('follow-up-service');
	});

	it("the family's follow-ups at 6 and 12 months after its work ended", () => {
		const setup = (r: FamilyRecord) => { r.stage = 'follow-up'; r.path = [{ stage: 'ended', from: '2026-06-15' }]; };
		expect(remindersOn('2026-12-15', coord, setup).filter((x) => x.kind === 'follow-up-family').map((x) => x.about.months)).toEqual([6]);
		expect(remindersOn('2027-06-10', coord, setup).filter((x) => x.kind === 'follow-up-family').map((x) => x.about.months)).toEqual([12]);
		expect(kinds(remindersOn('2027-03-01', coord, setup))).not.toContain('follow-up-family');
	});

	it('a block whose review date is near or past, while the block is on', () => {
		const block = (until: string | null) => (r: FamilyRecord) => {
			r.blocks.push({ id: 'b', member: 'dad', child: 'kid', reason: 'violence', setBy: 'coord', from: '2026-01-01', until, review: '2026-12-01', note: null });
		};
		expect(kinds(remindersOn('2026-11-16', coord, block(null)))).not.toContain('block-review');
		expect(remindersOn('2026-12-02', coord, block(null)).find((x) => x.kind === 'block-review')).toMatchObject({ overdue: true, about: { name: 'dad' } });
		expect(kinds(remindersOn('2026-12-02', coord, block('2026-12-02')))).not.toContain('block-review'); // lifted today
		expect(kinds(remindersOn('2026-12-02', school, block(null)))).not.toContain('block-review');
	});

	it('an overdue task of my own, not one of others or one done', () => {
		const setup = (r: FamilyRecord) => { r.tasks[2].due = '2026-11-20'; }; // task-school, assigned to the school professional
		const consented = (r: FamilyRecord) => {
			setup(r);
			for (const grantor of ['mum', 'dad']) r.consents.push({ id: `p-${grantor}`, decision: 'grant', grantor, subject: 'kid', granteeProfessional: null, granteeOrganisation: 'org-school', granteeName: '', categories: ['plan'], from: '2026-01-01', until: null, revoked: null, recordedBy: null });
		};
		expect(kinds(remindersOn('2026-11-20', school, consented))).not.toContain('task-overdue'); // due today is not late
		expect(kinds(remindersOn('2026-11-21', school, consented))).toContain('task-overdue');
		expect(kinds(remindersOn('2026-11-21', coord, consented))).not.toContain('task-overdue');
		expect(kinds(remindersOn('2026-11-21', school, (r) => { consented(r); r.tasks[2].done = true; }))).not.toContain('task-overdue');
	});

	it('safety signals for the coordinator only, for 14 days, before everything else', () => {
		const setup = (r: FamilyRecord) => { r.safetySignals = [{ id: 's', member: 'teen', word: 'bus', created: '2026-11-10T08:00:00Z', handledAt: null, handledBy: null }]; r.path = [{ stage: 'working', from: '2026-05-01' }]; };
		const list = sortReminders(remindersOn('2026-11-24', coord, setup));
		expect(list[0]).toMatchObject({ kind: 'safety-signal', about: { name: 'teen', text: 'bus' } });
		expect(kinds(list)).toContain('plan-review');
		expect(kinds(remindersOn('2026-11-25', coord, setup))).not.toContain('safety-signal');
		expect(kinds(remindersOn('2026-11-24', school, setup))).not.toContain('safety-signal');
	});

	it('emergency accesses until the coordinator has reviewed them', () => {
		const open = (reviewedAt: string | null) => (r: FamilyRecord) => {
			r.emergencyAccesses.push({ id: 'ea', professional: PROS.police, reason: 'r', opened: '2026-11-01T10:00:00Z', reviewedAt, reviewedBy: null });
		};
		expect(kinds(remindersOn('2026-11-23', coord, open(null)))).toContain('emergency-review');
		expect(kinds(remindersOn('2026-11-23', coord, open('2026-11-02T10:00:00Z')))).not.toContain('emergency-review');
		expect(kinds(remindersOn('2026-11-23', school, open(null)))).not.toContain('emergency-review');
	});

	it('mapping invitations to answer, while open', () => {
		const invite = (created: string, answered: string | null = null) => (r: FamilyRecord) => {
			r.invitations.push({ id: 'inv', from: PROS.coord, to: PROS.outsider, text: 'Join', created, answered, withdrawn: false, answer: null });
			for (const grantor of ['mum', 'dad', 'step']) r.consents.push({ id: `b-${grantor}`, decision: 'grant', grantor, subject: null, granteeProfessional: null, granteeOrganisation: 'org-school', granteeName: '', categories: ['basic'], from: '2026-01-01', until: null, revoked: null, recordedBy: null });
		};
		const outsider = asPro(PROS.outsider);
		expect(remindersOn('2026-11-23', outsider, invite('2026-11-20')).find((x) => x.kind === 'invitation')).toMatchObject({ due: '2026-12-03', about: { name: 'coord' } });
		// Answered, or 14 days old: the invitation is closed and the invitee sees nothing (P7).
		expect(remindersOn('2026-11-23', outsider, invite('2026-11-20', '2026-11-21'))).toEqual([]);
		expect(remindersOn('2026-12-04', outsider, invite('2026-11-20'))).toEqual([]);
	});
});

describe("the coordinator's today: meetings, signals handled, overdue tasks, invitations waiting, what families shared", () => {
	const meetingAt = (start: string) => (r: FamilyRecord) => {
		r.meetings = [{ id: 'm', start, title: 'Weekly', members: ['mum', 'kid'], professionals: [PROS.coord], place: null, interpreterBooked: [] }];
	};
	it.each([
		// [name, start, shown on 2026-11-23 (Helsinki)]
		['earlier today, just after Helsinki midnight (still the 22nd in UTC)', '2026-11-23T00:15:00+02:00', true],
		['yesterday, just before Helsinki midnight', '2026-11-22T23:45:00+02:00', false],
		['on the seventh day, late in the evening', '2026-11-30T23:30:00+02:00', true],
		['on the eighth day just after Helsinki midnight (the seventh in UTC)', '2026-12-01T00:30:00+02:00', false]
	])('a meeting %s', (_name, start, shown) => {
		const list = remindersOn('2026-11-23', coord, meetingAt(start));
		expect(kinds(list).includes('meeting')).toBe(shown);
		if (shown) expect(list.find((x) => x.kind === 'meeting')).toMatchObject({ at: start, itemId: 'm', anchor: 'pro-meetings-heading', about: { text: 'Weekly', people: ['mum', 'kid', 'coord'] } });
	});

	it('names who of the members coming needs an interpreter, and in which language', () => {
		const setup = (r: FamilyRecord) => {
			meetingAt('2026-11-25T15:00:00+02:00')(r);
			Object.assign(r.members[0], { interpreter: true, language: 'ar' }); // mum comes
			Object.assign(r.members[1], { interpreter: true, language: 'ar' }); // dad does not
		};
		expect(remindersOn('2026-11-23', coord, setup).find((x) => x.kind === 'meeting')?.about.interpreters).toEqual([{ name: 'mum', language: 'ar' }]);
		expect(remindersOn('2026-11-23', coord, meetingAt('2026-11-25T15:00:00+02:00')).find((x) => x.kind === 'meeting')?.about.interpreters).toEqual([]);
	});

	it('meetings reach the team, not an invitee', () => {
		const setup = (r: FamilyRecord) => {
			meetingAt('2026-11-25T15:00:00+02:00')(r);
			r.invitations.push({ id: 'inv', from: PROS.coord, to: PROS.outsider, text: 'Join', created: '2026-11-22', answered: null, withdrawn: false, answer: null });
			for (const grantor of ['mum', 'dad', 'step']) r.consents.push({ id: `b-${grantor}`, decision: 'grant', grantor, subject: null, granteeProfessional: null, granteeOrganisation: 'org-school', granteeName: '', categories: ['basic'], from: '2026-01-01', until: null, revoked: null, recordedBy: null });
		};
		expect(kinds(remindersOn('2026-11-23', school, setup))).toContain('meeting');
		expect(kinds(remindersOn('2026-11-23', asPro(PROS.outsider), setup))).not.toContain('meeting');
	});

	it.each([
		// [name, handledAt, created, shown on 2026-11-24]
		['not handled, sent at 00:30 Helsinki 14 days ago (the day before in UTC)', null, '2026-11-09T22:30:00Z', true],
		['not handled, sent at 23:30 Helsinki 15 days ago', null, '2026-11-09T21:30:00Z', false],
		['handled by the coordinator', '2026-11-24T07:00:00Z', '2026-11-24T06:00:00Z', false]
	])('a safety signal %s', (_name, handledAt, created, shown) => {
		const setup = (r: FamilyRecord) => { r.safetySignals = [{ id: 's', member: 'teen', word: null, created, handledAt, handledBy: handledAt ? PROS.coord : null }]; };
		const list = remindersOn('2026-11-24', coord, setup);
		expect(kinds(list).includes('safety-signal')).toBe(shown);
		if (shown) expect(list.find((x) => x.kind === 'safety-signal')).toMatchObject({ due: '2026-11-10', at: created, anchor: 'signals-heading' });
	});

	it.each([
		// [name, today, coordinator's kinds, school's kinds]
		['due today: not late', '2026-11-20', [], []],
		['a day late: the coordinator sees it as the family\'s, the school as its own', '2026-11-21', ['family-task-overdue'], ['task-overdue']]
	])('an overdue task of a colleague: %s', (_name, today, coordinatorKinds, schoolKinds) => {
		const setup = (r: FamilyRecord) => {
			r.tasks[2].due = '2026-11-20';
			for (const grantor of ['mum', 'dad']) r.consents.push({ id: `p-${grantor}`, decision: 'grant', grantor, subject: 'kid', granteeProfessional: null, granteeOrganisation: 'org-school', granteeName: '', categories: ['plan'], from: '2026-01-01', until: null, revoked: null, recordedBy: null });
		};
		const tasksOnly = (list: { kind: ReminderKind }[]) => kinds(list).filter((k) => k.includes('task'));
		expect(tasksOnly(remindersOn(today, coord, setup))).toEqual(coordinatorKinds);
		expect(tasksOnly(remindersOn(today, school, setup))).toEqual(schoolKinds);
		if (coordinatorKinds.length) {
			expect(remindersOn(today, coord, setup).find((x) => x.kind === 'family-task-overdue')).toMatchObject({ about: { text: 'School task', name: 'school' }, anchor: 'task-task-school' });
		}
	});

	it("a member's overdue task is the coordinator's to see, not a team member's who may not see it", () => {
		const setup = (r: FamilyRecord) => { r.tasks[1].due = '2026-11-01'; }; // task-teen
		expect(remindersOn('2026-11-23', coord, setup).filter((x) => x.kind === 'family-task-overdue').map((x) => x.itemId)).toEqual(['task-teen']);
		expect(kinds(remindersOn('2026-11-23', school, setup))).not.toContain('family-task-overdue');
		expect(kinds(remindersOn('2026-11-23', coord, (r) => { setup(r); r.tasks[1].done = true; }))).not.toContain('family-task-overdue');
	});

	it.each([
		// [name, created, answered, withdrawn, today, coordinator sees it waiting]
		['sent 3 days ago, unanswered', '2026-11-20', null, false, '2026-11-23', true],
		['answered', '2026-11-20', '2026-11-21', false, '2026-11-23', false],
		['withdrawn', '2026-11-20', null, true, '2026-11-23', false],
		['on its last open day (13 days)', '2026-11-10', null, false, '2026-11-23', true],
		['lapsed after 14 days', '2026-11-09', null, false, '2026-11-23', false]
	])('an invitation %s', (_name, created, answered, withdrawn, today, shown) => {
		const setup = (r: FamilyRecord) => { r.invitations.push({ id: 'inv', from: PROS.school, to: PROS.outsider, text: 'Join', created, answered, withdrawn, answer: null }); };
		expect(kinds(remindersOn(today, coord, setup)).includes('invitation-waiting')).toBe(shown);
		// The inviter is reminded too; another team member is not.
		expect(kinds(remindersOn(today, school, setup)).includes('invitation-waiting')).toBe(shown);
		expect(kinds(remindersOn(today, asPro(PROS.nurse), setup))).not.toContain('invitation-waiting');
		if (shown) expect(remindersOn(today, coord, setup).find((x) => x.kind === 'invitation-waiting')).toMatchObject({ about: { name: 'outsider' }, due: addDays(created, 13) });
	});

	it.each([
		// [name, created, shown on 2026-11-23]
		['today', '2026-11-23', true],
		['13 days ago (the 14th day counted)', '2026-11-10', true],
		['14 days ago', '2026-11-09', false],
		['at 00:30 Helsinki on the 14th day (the day before in UTC)', '2026-11-09T22:30:00Z', true],
		['at 23:30 Helsinki the day before', '2026-11-09T21:30:00Z', false]
	])('a view shared with the team %s', (_name, created, shown) => {
		const setup = (r: FamilyRecord) => { r.voice.find((v) => v.id === 'v-teen-team')!.created = created; };
		const list = remindersOn('2026-11-23', coord, setup).filter((x) => x.kind === 'new-view');
		expect(list.map((x) => x.itemId)).toEqual(shown ? ['v-teen-team'] : []);
	});

	it('views and feedback shared with the team count, not check-ins or items kept from the team', () => {
		const setup = (r: FamilyRecord) => {
			r.voice.push({ id: 'fb', author: 'mum', kind: 'feedback', text: '', shareWithFamily: false, shareWithTeam: true, created: '2026-11-22', meeting: null, goal: null, consultation: null, feeling: null, answers: null, score: 8 });
		};
		const list = remindersOn('2026-11-23', coord, setup);
		expect(list.filter((x) => x.kind === 'new-view' || x.kind === 'new-feedback').map((x) => [x.kind, x.itemId, x.about.name, x.overdue]))
			.toEqual([['new-view', 'v-teen-team', 'teen', false], ['new-feedback', 'fb', 'mum', false]]);
		expect(list.every((x) => x.itemId !== 'v-kid-family' && x.itemId !== 'v-teen-private')).toBe(true);
	});

	it('every reminder links to a place on the family summary; the urgent come first', () => {
		const setup = (r: FamilyRecord) => {
			meetingAt('2026-11-25T15:00:00+02:00')(r);
			r.tasks[1].due = '2026-11-01';
			r.safetySignals = [{ id: 's', member: 'teen', word: null, created: '2026-11-23T06:00:00Z', handledAt: null, handledBy: null }];
		};
		const list = sortReminders(remindersOn('2026-11-23', coord, setup));
		expect(list.map((x) => x.kind).slice(0, 2)).toEqual(['safety-signal', 'meeting']);
		expect(list.every((x) => x.anchor.length > 0)).toBe(true);
	});
});
