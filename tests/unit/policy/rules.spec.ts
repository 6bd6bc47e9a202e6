/**
 * POLICY.md as tables: one block per rule, each with allowing and denying rows and the
 * boundaries (birthdays, period ends, the 24-hour and 14-day windows).
 */
import { describe, expect, it } from 'vitest';
import { decide, type Action } from '../../../src/lib/server/policy/decide';
import type { WriteAction, WriteKind } from '../../../src/lib/server/policy/write';
import { computeFacts } from '../../../src/lib/server/policy/facts';
import { buildFamilyView } from '../../../src/lib/server/policy/view';
import type { Clock, ConsentRecord, FamilyRecord, Principal, RuleId } from '../../../src/lib/server/policy/types';
import { addDays } from '../../../src/lib/server/time';
import type { OrganisationKind } from '../../../src/lib/domain';
import { asAdmin, asMember, asPro, baseFamily, bornYearsAgo, CLOCK, consent, NOW, professional, PROS, TODAY } from './family-fixture';

type Setup = (r: FamilyRecord) => void;
type Row = [name: string, who: Principal, action: (r: FamilyRecord) => Action, allow: boolean, rule: RuleId | null, setup?: Setup, clock?: Clock];

function run([, who, action, allow, rule, setup, clock]: Row) {
	const record = baseFamily();
	setup?.(record);
	const decision = decide(computeFacts(record, clock ?? CLOCK), who, action(record));
	expect(decision.allow).toBe(allow);
	if (rule) expect(decision.rules).toContain(rule);
}

const byId = <T extends { id: string }>(list: T[], id: string): T => {
	const found = list.find((x) => x.id === id);
	if (!found) throw new Error(`fixture has no ${id}`);
	return found;
};
const svc = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.service', service: byId(r.services, id) });
const unit = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.serviceUnit', service: byId(r.services, id) });
const goal = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.goal', goal: byId(r.goals, id) });
const task = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.task', task: byId(r.tasks, id) });
const assessment = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.assessment', assessment: byId(r.assessments, id) });
const voice = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.voice', voice: byId(r.voice, id) });
const basic = () => (): Action => ({ type: 'read.basic' });
const consentRead = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.consent', consent: byId(r.consents, id) });
const blockRead = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.block', block: byId(r.blocks, id) });
const invitationRead = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.invitation', invitation: byId(r.invitations, id) });

const memberOf = (r: FamilyRecord, id: string) => byId(r.members, id);
const setBirth = (id: string, birthDate: string): Setup => (r) => { memberOf(r, id).birthDate = birthDate; };
const hide = (id: string, ...categories: ('services' | 'plan')[]): Setup => (r) => { memberOf(r, id).hiddenFromCustodians = categories; };
const block = (member: string, child: string | null, from = '2026-01-01', until: string | null = null): Setup => (r) => {
	r.blocks.push({ id: `b-${member}-${child}`, member, child, reason: 'violence', setBy: 'coord', from, until, review: '2027-01-01', note: null });
};
const grants = (...list: Parameters<typeof consent>[]): Setup => (r) => { for (const args of list) r.consents.push(consent(...args)); };
const all = (...setups: Setup[]): Setup => (r) => setups.forEach((s) => s(r));
const protect = (id: string): Setup => (r) => { memberOf(r, id).protectedIdentity = true; };
const infoRight = (adult: string, child: string, ...categories: ('services' | 'plan')[]): Setup => (r) => {
	memberOf(r, adult).informationRights.push({ child, categories });
};
const emergencyHoursAgo = (hours: number, pro = PROS.police): Setup => (r) => {
	r.emergencyAccesses.push({ id: 'ea', professional: pro, reason: 'report', opened: new Date(NOW.getTime() - hours * 3600_000).toISOString(), reviewedAt: null, reviewedBy: null });
};
const invite = (daysAgo: number, extra: { answered?: string; withdrawn?: boolean } = {}): Setup => (r) => {
	r.invitations.push({ id: 'inv', from: PROS.coord, to: PROS.outsider, text: 'Join us', created: addDays(TODAY, -daysAgo), answered: extra.answered ?? null, withdrawn: extra.withdrawn ?? false, answer: null });
};
const basicConsentFromAllAdults: Setup = grants(
	['mum', null, ['basic'], { organisation: 'org-school' }],
	['dad', null, ['basic'], { organisation: 'org-school' }],
	['step', null, ['basic'], { organisation: 'org-school' }]
);

const mum = asMember('mum'), dad = asMember('dad'), step = asMember('step'), kid = asMember('kid'), teen = asMember('teen');
const coord = asPro(PROS.coord), school = asPro(PROS.school), nurse = asPro(PROS.nurse), outsider = asPro(PROS.outsider), police = asPro(PROS.police);

describe('M0 working notes', () => {
	it.each<Row>([
		['custodian does not see an assessment of their child', mum, assessment('as-kid'), false, 'M0'],
		['child does not see a family-level assessment', teen, assessment('as-family'), false, 'M0'],
		['the coordinator does', coord, assessment('as-kid'), true, 'P3']
	])('%s', (...row) => run(row));
});

describe('M1 own data', () => {
	it.each<Row>([
		['own service', teen, svc('svc-teen'), true, 'M1'],
		['own task', kid, task('task-kid'), true, 'M1'],
		['own private voice', teen, voice('v-teen-private'), true, 'M1'],
		['own service despite a family-scope block', teen, svc('svc-teen'), true, 'M1', block('teen', null)],
		['own goal despite hiding plan from custodians', teen, goal('goal-teen'), true, 'M1', hide('teen', 'plan')],
		["another member's service is not own data", teen, svc('svc-mum'), false, 'M8']
	])('%s', (...row) => run(row));
});

describe('M2 family basics', () => {
	it.each<Row>([
		['a step-parent sees basic', step, basic(), true, 'M2'],
		['a child sees basic', kid, basic(), true, 'M2'],
		['a child-scope block leaves basic', dad, basic(), true, 'M2', block('dad', 'kid')],
		['a family-scope block takes basic away', dad, basic(), false, 'M6', block('dad', null)]
	])('%s', (...row) => run(row));
});

describe('M3 custodians', () => {
	it.each<Row>([
		["custodian sees their child's service", mum, svc('svc-kid'), true, 'M3'],
		["custodian sees their child's goal", dad, goal('goal-kid'), true, 'M3'],
		["the other custodian sees the teen's service", dad, svc('svc-teen'), true, 'M3'],
		['blocked for the child', mum, svc('svc-kid'), false, 'M6', block('mum', 'kid')],
		['blocked for the family', mum, svc('svc-kid'), false, 'M6', block('mum', null)],
		['blocked for the other child only', mum, svc('svc-kid'), true, 'M3', block('mum', 'teen')],
		['mature child hid services', mum, svc('svc-teen'), false, 'M5', hide('teen', 'services')],
		['mature child hid services, plan stays visible', mum, goal('goal-teen'), true, 'M3', hide('teen', 'services')],
		['child under 12 cannot hide (flag ignored)', mum, svc('svc-kid'), true, 'M3', hide('kid', 'services')],
		['child turning 12 today can hide', mum, svc('svc-kid'), false, 'M5', all(setBirth('kid', bornYearsAgo(12)), hide('kid', 'services'))],
		['child turning 12 tomorrow cannot hide yet', mum, svc('svc-kid'), true, 'M3', all(setBirth('kid', bornYearsAgo(12, 1)), hide('kid', 'services'))],
		['mature flag makes a 10-year-old mature', mum, svc('svc-kid'), false, 'M5', all((r) => { memberOf(r, 'kid').mature = true; }, hide('kid', 'services'))],
		['mature: false does not lower the age rule', mum, svc('svc-teen'), false, 'M5', all((r) => { memberOf(r, 'teen').mature = false; }, hide('teen', 'services'))],
		['custody ends on the 18th birthday', mum, svc('svc-teen'), false, 'M8', setBirth('teen', bornYearsAgo(18))],
		['custody holds the day before the 18th birthday', mum, svc('svc-teen'), true, 'M3', setBirth('teen', bornYearsAgo(18, 1))],
		['block starting tomorrow does not count yet', mum, svc('svc-kid'), true, 'M3', block('mum', 'kid', addDays(TODAY, 1))],
		['block ending today no longer counts', mum, svc('svc-kid'), true, 'M3', block('mum', 'kid', '2026-01-01', TODAY)],
		['block ending tomorrow still counts', mum, svc('svc-kid'), false, 'M6', block('mum', 'kid', '2026-01-01', addDays(TODAY, 1))],
		['block starting today counts', mum, svc('svc-kid'), false, 'M6', block('mum', 'kid', TODAY)]
	])('%s', (...row) => run(row));
});

describe('M4 voice is the author\'s', () => {
	it.each<Row>([
		['shared with the family: a custodian sees it', mum, voice('v-teen-family'), true, 'M4'],
		['shared with the family: a step-parent sees it', step, voice('v-kid-family'), true, 'M4'],
		['shared with the family: a sibling sees it', kid, voice('v-teen-family'), true, 'M4'],
		['not shared: custody does not open it', mum, voice('v-teen-private'), false, 'M4'],
		['shared with the team only: not with the family', dad, voice('v-teen-team'), false, 'M4'],
		['blocked for the author', dad, voice('v-teen-family'), false, 'M6', block('dad', 'teen')],
		['blocked for the family', step, voice('v-kid-family'), false, 'M6', block('step', null)],
		['blocked for another child only', dad, voice('v-teen-family'), true, 'M4', block('dad', 'kid')]
	])('%s', (...row) => run(row));
});

describe('M5 minor\'s veto', () => {
	it.each<Row>([
		['hidden plan: custodian loses the task', mum, task('task-teen'), false, 'M5', hide('teen', 'plan')],
		['hidden plan: the teen keeps it', teen, task('task-teen'), true, 'M1', hide('teen', 'plan')],
		['hidden services: the coordinator still sees them', coord, svc('svc-teen'), true, 'P3', hide('teen', 'services')],
		['hidden services: a consented team member still sees them', nurse, svc('svc-teen'), true, 'P4',
			all(hide('teen', 'services'), grants(['teen', 'teen', ['services'], { professional: 'nurse' }]))]
	])('%s', (...row) => run(row));
});

describe('M6 blocks', () => {
	it.each<Row>([
		["child-scope block hides the child's service", dad, svc('svc-kid'), false, 'M6', block('dad', 'kid')],
		["child-scope block hides the child's task", dad, task('task-kid'), false, 'M6', block('dad', 'kid')],
		["child-scope block hides the child's voice", dad, voice('v-kid-family'), false, 'M6', block('dad', 'kid')],
		['family-scope block hides family-level plan', dad, goal('goal-family'), false, 'M6', block('dad', null)],
		['family-scope block leaves own data', mum, svc('svc-mum'), true, 'M1', block('mum', null)]
	])('%s', (...row) => run(row));
});

describe('M7 family-level items', () => {
	it.each<Row>([
		['every member sees a family-level goal', step, goal('goal-family'), true, 'M7'],
		['a child sees a family-level goal', kid, goal('goal-family'), true, 'M7'],
		['unless blocked at family scope', kid, goal('goal-family'), false, 'M6', block('kid', null)]
	])('%s', (...row) => run(row));
});

/** Family-level tasks under the family goal: one of a professional, one of dad's own. */
const familyTasks: Setup = (r) => {
	r.tasks.push(
		{ id: 'task-family-pro', goal: 'goal-family', assigneeMember: null, assigneeProfessional: PROS.coord, text: 'Statement to the court', due: null, done: false },
		{ id: 'task-family-dad', goal: 'goal-family', assigneeMember: 'dad', assigneeProfessional: null, text: 'Dad task', due: null, done: false }
	);
};

describe('M7 (version 2): a member with any active block sees no family-level plan item but their own tasks', () => {
	it.each<Row>([
		['a child-scope block takes the family goal away', dad, goal('goal-family'), false, 'M7', block('dad', 'kid')],
		['a block for the other child too', mum, goal('goal-family'), false, 'M7', block('mum', 'teen')],
		["a family-level task (a professional's) goes with it", dad, task('task-family-pro'), false, 'M7', all(familyTasks, block('dad', 'kid'))],
		['which a member with no block sees', step, task('task-family-pro'), true, 'M7', familyTasks],
		['and the blocked child sees', kid, task('task-family-pro'), true, 'M7', all(familyTasks, block('dad', 'kid'))],
		['own task under the family goal stays (child-scope block)', dad, task('task-family-dad'), true, 'M1', all(familyTasks, block('dad', 'kid'))],
		['own task under the family goal stays (family-scope block)', dad, task('task-family-dad'), true, 'M1', all(familyTasks, block('dad', null))],
		["a blocked custodian still sees the other child's task under the family goal (its subject is the child)", mum, task('task-kid'), true, 'M3', block('mum', 'teen')],
		['a block starting today counts', dad, goal('goal-family'), false, 'M7', block('dad', 'kid', TODAY)],
		['a block starting tomorrow does not count yet', dad, goal('goal-family'), true, 'M7', block('dad', 'kid', addDays(TODAY, 1))],
		['a block that ended yesterday no longer counts', dad, goal('goal-family'), true, 'M7', block('dad', 'kid', '2026-01-01', addDays(TODAY, -1))],
		['a block ending today (until today) no longer counts', dad, goal('goal-family'), true, 'M7', block('dad', 'kid', '2026-01-01', TODAY)],
		['a block ending tomorrow still counts', dad, goal('goal-family'), false, 'M7', block('dad', 'kid', '2026-01-01', addDays(TODAY, 1))],
		['professionals are not bound by it (P9)', coord, goal('goal-family'), true, 'P3', block('dad', 'kid')]
	])('%s', (...row) => run(row));

	const viewOf = (setup: Setup, who: Principal) => {
		const record = baseFamily();
		setup(record);
		return buildFamilyView(record, who, CLOCK).view!;
	};
	const viewAboutFamilyGoal: Setup = (r) => {
		r.voice.push({ id: 'v-mum-goal', author: 'mum', kind: 'view', text: 'About the family goal', shareWithFamily: true, shareWithTeam: false, created: TODAY,
			meeting: null, goal: 'goal-family', consultation: null, feeling: null, answers: null, score: null });
	};

	it("a blocked member's own task comes without its family-level goal: neither its text nor its id", () => {
		const view = viewOf(all(familyTasks, block('dad', 'kid')), dad);
		// Dad keeps the teen's task (M3, the teen's own goal); the kid's and the professional's under the family goal go.
		expect(view.tasks.map((t) => t.id).sort()).toEqual(['task-family-dad', 'task-teen']);
		expect(view.tasks.find((t) => t.id === 'task-family-dad')).toMatchObject({ goal: null, why: { rules: ['M1'] } });
		expect(view.goals.map((g) => g.id)).toEqual(['goal-teen']);
		expect(JSON.stringify(view)).not.toContain('goal-family');
		expect(JSON.stringify(view)).not.toContain('Family goal');
	});

	it('the same task names its goal to a member with no block', () => {
		const view = viewOf(familyTasks, dad);
		expect(view.tasks.find((t) => t.id === 'task-family-dad')).toMatchObject({ goal: 'goal-family' });
	});

	it('a view about the family goal, shared with the family, does not name the goal to a blocked reader', () => {
		expect(viewOf(all(viewAboutFamilyGoal, block('dad', 'teen')), dad).voice.find((v) => v.id === 'v-mum-goal')).toMatchObject({ goal: null });
		expect(viewOf(viewAboutFamilyGoal, dad).voice.find((v) => v.id === 'v-mum-goal')).toMatchObject({ goal: 'goal-family' });
	});
});

describe('M8 other adults and siblings', () => {
	it.each<Row>([
		["a step-parent does not see a child's service", step, svc('svc-kid'), false, 'M8'],
		["a sibling does not see a sibling's service", teen, svc('svc-kid'), false, 'M8'],
		["a sibling does not see a sibling's goal", kid, goal('goal-teen'), false, 'M8'],
		["a professional's task under a child's goal follows the child", step, task('task-school'), false, 'M8'],
		["...which the child's custodian sees", mum, task('task-school'), true, 'M3']
	])('%s', (...row) => run(row));
});

describe('M9 protected identity', () => {
	it.each<Row>([
		['unprotected: the unit is shown with the service', mum, unit('svc-kid'), true, 'M9'],
		['protected: the member sees their own unit', kid, unit('svc-kid'), true, 'M9', protect('kid')],
		['protected: a custodian who sees the service sees the unit', mum, unit('svc-kid'), true, 'M9', protect('kid')],
		['protected: an information-right holder sees the unit', step, unit('svc-kid'), true, 'M9', all(protect('kid'), infoRight('step', 'kid', 'services'))],
		['protected: the coordinator sees the unit', coord, unit('svc-kid'), true, 'M9', protect('kid')],
		["protected: the service's contact sees the unit", school, unit('svc-kid'), true, 'M9',
			all(protect('kid'), grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }]))],
		['protected: a consented team member who is not the contact does not', nurse, unit('svc-kid'), false, 'M9',
			all(protect('kid'), grants(['mum', 'kid', ['services'], { organisation: 'org-health' }], ['dad', 'kid', ['services'], { organisation: 'org-health' }]))],
		['protected: emergency access does not see the unit', police, unit('svc-kid'), false, 'M9', all(protect('kid'), emergencyHoursAgo(1))],
		["protected: the custodian's own block hides service and unit", mum, unit('svc-kid'), false, 'M6', all(protect('kid'), block('mum', 'kid'))]
	])('%s', (...row) => run(row));
});

describe('M10 information right', () => {
	it.each<Row>([
		['right to services: sees the service', step, svc('svc-kid'), true, 'M10', infoRight('step', 'kid', 'services')],
		['right to services only: no plan', step, goal('goal-kid'), false, 'M8', infoRight('step', 'kid', 'services')],
		['right to plan: sees the goal', step, goal('goal-kid'), true, 'M10', infoRight('step', 'kid', 'plan')],
		['a block takes it away', step, svc('svc-kid'), false, 'M6', all(infoRight('step', 'kid', 'services'), block('step', 'kid'))],
		['a mature child hiding services takes it away', step, svc('svc-teen'), false, 'M5', all(infoRight('step', 'teen', 'services'), hide('teen', 'services'))],
		['it ends when the child turns 18', step, svc('svc-teen'), false, 'M8', all(infoRight('step', 'teen', 'services'), setBirth('teen', bornYearsAgo(18)))],
		['no task ticking', step, (r) => ({ type: 'task.tick', task: byId(r.tasks, 'task-kid') }), false, 'W2', infoRight('step', 'kid', 'plan')],
		['no consent rights', step, () => ({ type: 'consent.decide', grantor: 'step', subject: 'kid' }), false, 'P6', infoRight('step', 'kid', 'services')]
	])('%s', (...row) => run(row));
});

describe('P1 no team, no data', () => {
	it.each<Row>([
		['an outsider sees nothing', outsider, basic(), false, 'P1'],
		['an organisation grant does not reach an outsider', outsider, svc('svc-kid'), false, 'P1',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['a membership that ended today', school, basic(), false, 'P1', (r) => { r.team[1].until = TODAY; }],
		['a membership that ends tomorrow', school, basic(), true, 'P2', (r) => { r.team[1].until = addDays(TODAY, 1); }],
		['a membership that starts today', school, basic(), true, 'P2', (r) => { r.team[1].from = TODAY; }],
		['a membership that starts tomorrow', school, basic(), false, 'P1', (r) => { r.team[1].from = addDays(TODAY, 1); }],
		['administrators see no family data', asAdmin, basic(), false, 'A1']
	])('%s', (...row) => run(row));
});

describe('P2 team basics', () => {
	it.each<Row>([
		['a team member sees basic without consent', nurse, basic(), true, 'P2'],
		['but not services without consent', nurse, svc('svc-kid'), false, 'P4']
	])('%s', (...row) => run(row));
});

describe('P3 coordinator', () => {
	it.each<Row>([
		["services of every member", coord, svc('svc-mum'), true, 'P3'],
		['family-level plan', coord, goal('goal-family'), true, 'P3'],
		['assessments', coord, assessment('as-family'), true, 'P3'],
		['voice shared with the team', coord, voice('v-teen-team'), true, 'P5'],
		['not voice kept private', coord, voice('v-teen-private'), false, 'P5'],
		['not after the coordinator period ended', coord, svc('svc-mum'), false, 'P1', (r) => { r.team[0].until = TODAY; }]
	])('%s', (...row) => run(row));
});

describe('P4 consent', () => {
	const bothToSchool = grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }]);
	it.each<Row>([
		['both custodians granted to the organisation', school, svc('svc-kid'), true, 'P4', bothToSchool],
		['joint custody: only one granted', school, svc('svc-kid'), false, 'P4', grants(['mum', 'kid', ['services'], { organisation: 'org-school' }])],
		['a refusal beside a grant', school, svc('svc-kid'), false, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }, { decision: 'refuse' }], ['dad', 'kid', ['services'], { professional: 'school' }])],
		['grants to the professional by name', school, svc('svc-kid'), true, 'P4',
			grants(['mum', 'kid', ['services'], { professional: 'school' }], ['dad', 'kid', ['services'], { professional: 'school' }])],
		['grant to another organisation', school, svc('svc-kid'), false, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-health' }], ['dad', 'kid', ['services'], { organisation: 'org-health' }])],
		['another category', school, goal('goal-kid'), false, 'P4', bothToSchool],
		['period starting today', school, svc('svc-kid'), true, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { from: TODAY }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['period starting tomorrow', school, svc('svc-kid'), false, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { from: addDays(TODAY, 1) }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['period ending today', school, svc('svc-kid'), false, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { until: TODAY }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['period ending tomorrow', school, svc('svc-kid'), true, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { until: addDays(TODAY, 1) }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['revoked today', school, svc('svc-kid'), false, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { revoked: TODAY }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['revocation dated tomorrow is not yet in effect', school, svc('svc-kid'), true, 'P4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { revoked: addDays(TODAY, 1) }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		["a blocked custodian's grant does not count", school, svc('svc-kid'), false, 'P4',
			all(block('mum', 'kid'), grants(['mum', 'kid', ['services'], { organisation: 'org-school' }]))],
		["a blocked custodian is not needed: the other's grant suffices", school, svc('svc-kid'), true, 'P4',
			all(block('dad', 'kid'), grants(['mum', 'kid', ['services'], { organisation: 'org-school' }]))],
		["a blocked custodian's refusal has no effect", school, svc('svc-kid'), true, 'P4',
			all(block('dad', null), grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }, { decision: 'refuse' }]))],
		['a mature child decides alone', nurse, svc('svc-teen'), true, 'P4', grants(['teen', 'teen', ['services'], { organisation: 'org-health' }])],
		["custodians' grants do not count for a mature child", nurse, svc('svc-teen'), false, 'P4',
			grants(['mum', 'teen', ['services'], { organisation: 'org-health' }], ['dad', 'teen', ['services'], { organisation: 'org-health' }])],
		["custodians' refusal does not count for a mature child", nurse, svc('svc-teen'), true, 'P4',
			grants(['teen', 'teen', ['services'], { organisation: 'org-health' }], ['mum', 'teen', ['services'], { organisation: 'org-health' }, { decision: 'refuse' }])],
		['a child who turned 12 today decides alone', nurse, svc('svc-kid'), true, 'P4',
			all(setBirth('kid', bornYearsAgo(12)), grants(['kid', 'kid', ['services'], { organisation: 'org-health' }]))],
		['a child who turns 12 tomorrow needs the custodians', nurse, svc('svc-kid'), false, 'P4',
			all(setBirth('kid', bornYearsAgo(12, 1)), grants(['kid', 'kid', ['services'], { organisation: 'org-health' }]))],
		['an adult decides for themselves', nurse, svc('svc-mum'), true, 'P4', grants(['mum', 'mum', ['services'], { organisation: 'org-health' }])],
		['a child who turned 18 today decides alone', nurse, svc('svc-teen'), true, 'P4',
			all(setBirth('teen', bornYearsAgo(18)), grants(['teen', 'teen', ['services'], { organisation: 'org-health' }]))],
		['family-level: every unblocked adult must grant', school, goal('goal-family'), false, 'P4',
			grants(['mum', null, ['plan'], { organisation: 'org-school' }], ['dad', null, ['plan'], { organisation: 'org-school' }])],
		['family-level: all three adults granted', school, goal('goal-family'), true, 'P4',
			grants(['mum', null, ['plan'], { organisation: 'org-school' }], ['dad', null, ['plan'], { organisation: 'org-school' }], ['step', null, ['plan'], { organisation: 'org-school' }])],
		['family-level: a family-blocked adult is not needed', school, goal('goal-family'), true, 'P4',
			all(block('step', null), grants(['mum', null, ['plan'], { organisation: 'org-school' }], ['dad', null, ['plan'], { organisation: 'org-school' }]))],
		['a child without custodians: nobody entitled, no consent', school, svc('svc-kid'), false, 'P4',
			all((r) => { memberOf(r, 'kid').custodians = []; }, grants(['mum', 'kid', ['services'], { organisation: 'org-school' }]))],
		["a grant for a member's subject does not cover family-level items", school, assessment('as-family'), false, 'P4',
			grants(['mum', 'mum', ['assessment'], { organisation: 'org-school' }])]
	])('%s', (...row) => run(row));

	it('names the consents that decided it', () => {
		const record = baseFamily();
		bothToSchool(record);
		const decision = decide(computeFacts(record, CLOCK), school, svc('svc-kid')(record));
		expect(decision).toEqual({ allow: true, rules: ['P4'], consents: record.consents.map((c) => c.id) });
	});
});

describe('P5 voice to the team', () => {
	it.each<Row>([
		['shared with the team: a team member sees it', school, voice('v-teen-team'), true, 'P5'],
		['shared with the family only: not the team', school, voice('v-teen-family'), false, 'P5'],
		['consent cannot open voice', school, voice('v-teen-private'), false, 'P5', grants(['teen', 'teen', ['services', 'plan', 'assessment'], { organisation: 'org-school' }])],
		['not an outsider', outsider, voice('v-teen-team'), false, 'P5'],
		['not emergency access', police, voice('v-kid-family'), false, 'P5', emergencyHoursAgo(1)]
	])('%s', (...row) => run(row));
});

describe('P6 who is entitled (writes of consent)', () => {
	const decideFor = (grantor: string, subject: string | null) => (): Action => ({ type: 'consent.decide', grantor, subject });
	it.each<Row>([
		["a custodian for a non-mature child", mum, decideFor('mum', 'kid'), true, 'P6'],
		["a step-parent for a child", step, decideFor('step', 'kid'), false, 'P6'],
		["a custodian for a mature child", mum, decideFor('mum', 'teen'), false, 'P6'],
		['a mature child for themselves', teen, decideFor('teen', 'teen'), true, 'P6'],
		['a blocked custodian', dad, decideFor('dad', 'kid'), false, 'P6', block('dad', 'kid')],
		['any unblocked adult for family-level items', step, decideFor('step', null), true, 'P6'],
		['a child for family-level items', teen, decideFor('teen', null), false, 'P6'],
		["nobody for someone else's name", mum, decideFor('dad', 'kid'), false, 'W4'],
		['the coordinator records a paper decision', coord, decideFor('mum', 'kid'), true, 'P6'],
		['another team member cannot record it', school, decideFor('mum', 'kid'), false, 'W4']
	])('%s', (...row) => run(row));
});

describe('P7 mapping invitation', () => {
	it.each<Row>([
		['open, 13 days old, consented', outsider, basic(), true, 'P7', all(invite(13), basicConsentFromAllAdults)],
		['14 days old is closed', outsider, basic(), false, 'P1', all(invite(14), basicConsentFromAllAdults)],
		['answered', outsider, basic(), false, 'P1', all(invite(2, { answered: TODAY }), basicConsentFromAllAdults)],
		['withdrawn', outsider, basic(), false, 'P1', all(invite(2, { withdrawn: true }), basicConsentFromAllAdults)],
		['open but no consent', outsider, basic(), false, 'P7', invite(2)],
		['open but one adult has not granted', outsider, basic(), false, 'P7',
			all(invite(2), grants(['mum', null, ['basic'], { organisation: 'org-school' }], ['dad', null, ['basic'], { organisation: 'org-school' }]))],
		['the invitee sees the invitation text', outsider, invitationRead('inv'), true, 'P7', all(invite(2), basicConsentFromAllAdults)],
		['without consent not even the text', outsider, invitationRead('inv'), false, 'P7', invite(2)],
		['the invitee sees basic only', outsider, svc('svc-kid'), false, 'P1',
			all(invite(2), basicConsentFromAllAdults, grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }]))]
	])('%s', (...row) => run(row));
});

describe('P8 emergency access', () => {
	it.each<Row>([
		['opened 23 hours ago: basic', police, basic(), true, 'P8', emergencyHoursAgo(23)],
		['opened 23 hours ago: services', police, svc('svc-kid'), true, 'P8', emergencyHoursAgo(23)],
		['opened 23 hours ago: plan', police, goal('goal-family'), true, 'P8', emergencyHoursAgo(23)],
		['opened 23 hours ago: assessments', police, assessment('as-kid'), true, 'P8', emergencyHoursAgo(23)],
		['opened 25 hours ago: nothing', police, basic(), false, 'P1', emergencyHoursAgo(25)],
		['opened 24 hours ago to the millisecond: closed', police, basic(), false, 'P1', emergencyHoursAgo(24)],
		['opened by someone who is not an authority', outsider, basic(), false, 'P1', emergencyHoursAgo(1, PROS.outsider)],
		['opened in the future (clock skew) does not count', police, basic(), false, 'P1', emergencyHoursAgo(-1)]
	])('%s', (...row) => run(row));
});

describe('P9 blocks bind family members only', () => {
	it.each<Row>([
		["a block on a custodian does not narrow a team member's consented view", school, svc('svc-kid'), true, 'P4',
			all(block('mum', 'kid'), grants(['dad', 'kid', ['services'], { organisation: 'org-school' }]))],
		['a block on a member does not narrow the coordinator', coord, svc('svc-kid'), true, 'P3', block('kid', null)],
		['a block does not widen an outsider', outsider, basic(), false, 'P1', block('mum', null)]
	])('%s', (...row) => run(row));
});

describe('C1 consents', () => {
	const withConsents = grants(
		['mum', 'kid', ['services'], { organisation: 'org-school' }, { id: 'c-mum-kid' }],
		['teen', 'teen', ['services'], { organisation: 'org-health' }, { id: 'c-teen' }],
		['dad', 'dad', ['plan'], { organisation: 'org-health' }, { id: 'c-dad' }]
	);
	it.each<Row>([
		['the grantor sees their consent', mum, consentRead('c-mum-kid'), true, 'C1', withConsents],
		["the other custodian sees a consent about their child", dad, consentRead('c-mum-kid'), true, 'C1', withConsents],
		['the subject sees a consent about them', teen, consentRead('c-teen'), true, 'C1', withConsents],
		["a custodian sees a mature child's consent when nothing is hidden", mum, consentRead('c-teen'), true, 'C1', withConsents],
		["but not when it names a hidden category", mum, consentRead('c-teen'), false, 'M5', all(withConsents, hide('teen', 'services'))],
		["a step-parent does not see a child's consent", step, consentRead('c-mum-kid'), false, 'C1', withConsents],
		["a sibling does not see another adult's consent", teen, consentRead('c-dad'), false, 'C1', withConsents],
		['a blocked custodian does not', dad, consentRead('c-mum-kid'), false, 'M6', all(withConsents, block('dad', 'kid'))],
		["a blocked grantor no longer sees their own consent about the child", mum, consentRead('c-mum-kid'), false, 'M6', all(withConsents, block('mum', 'kid'))],
		['a family-blocked grantor sees only consents about themselves', dad, consentRead('c-dad'), true, 'C1', all(withConsents, block('dad', null))],
		['a team member sees consents that apply to them', school, consentRead('c-mum-kid'), true, 'C1', withConsents],
		['but not those for others', school, consentRead('c-teen'), false, 'C1', withConsents],
		['the coordinator sees all', coord, consentRead('c-teen'), true, 'C1', withConsents]
	])('%s', (...row) => run(row));
});

describe('B1 blocks', () => {
	it.each<Row>([
		['the coordinator sees a block', coord, blockRead('b-dad-kid'), true, 'B1', block('dad', 'kid')],
		['a team member sees a block', nurse, blockRead('b-dad-kid'), true, 'B1', block('dad', 'kid')],
		['the blocked member does not', dad, blockRead('b-dad-kid'), false, 'B1', block('dad', 'kid')],
		['another family member does not', mum, blockRead('b-dad-kid'), false, 'B1', block('dad', 'kid')],
		['an outsider does not', outsider, blockRead('b-dad-kid'), false, 'B1', block('dad', 'kid')]
	])('%s', (...row) => run(row));
});

describe('P7 invitation writes: create, answer, withdraw', () => {
	const inv = (r: FamilyRecord) => byId(r.invitations, 'inv');
	const answer = (r: FamilyRecord): Action => ({ type: 'invitation.answer', invitation: inv(r) });
	const withdraw = (r: FamilyRecord): Action => ({ type: 'invitation.withdraw', invitation: inv(r) });
	const create = (): Action => ({ type: 'invitation.create' });
	it.each<Row>([
		['an active team member invites', school, create, true, 'P7'],
		['the coordinator invites', coord, create, true, 'P7'],
		['an outsider does not', outsider, create, false, 'P7'],
		['a family member does not', mum, create, false, 'P7'],
		['the invitee answers an open invitation', outsider, answer, true, 'P7', invite(3)],
		['even before the family consented to basics (the answer reveals nothing)', outsider, answer, true, 'P7', invite(3)],
		['not after 14 days', outsider, answer, false, 'P7', invite(14)],
		['not twice', outsider, answer, false, 'P7', invite(3, { answered: TODAY })],
		['not someone else', school, answer, false, 'P7', invite(3)],
		['the inviter on the team withdraws', coord, withdraw, true, 'P7', invite(3)],
		['the invitee does not', outsider, withdraw, false, 'P7', invite(3)],
		['another team member does not', school, withdraw, false, 'P7', invite(3)],
		['an answered one cannot be withdrawn', coord, withdraw, false, 'P7', invite(3, { answered: TODAY })]
	])('%s', (...row) => run(row));
});

describe("T1 tags: raised to a named colleague who may see the item too (the portal's addition)", () => {
	const kidServices = grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }]);
	const tagged = (handled: string | null = null): Setup => (r) => {
		r.tags.push({ id: 'tag', itemKind: 'service', itemId: 'svc-kid', from: PROS.coord, to: PROS.school, note: null, created: TODAY, handled });
	};
	const create = (to: string, itemId = 'svc-kid') => (): Action => ({ type: 'tag.create', kind: 'service', itemId, to });
	const read = (r: FamilyRecord): Action => ({ type: 'read.tag', tag: byId(r.tags, 'tag') });
	const handle = (r: FamilyRecord): Action => ({ type: 'tag.handle', tag: byId(r.tags, 'tag') });
	it.each<Row>([
		['the coordinator raises a service to a colleague who may see it', coord, create('school'), true, 'T1', kidServices],
		['not to a colleague who may not see it', coord, create('school'), false, 'T1'],
		['not from someone who may not see it', nurse, create('school'), false, 'T1', kidServices],
		['not to someone off the team', coord, create('outsider'), false, 'T1', kidServices],
		['not to oneself', coord, create('coord'), false, 'T1'],
		['not about an item that does not exist', coord, create('school', 'svc-nowhere'), false, 'T1', kidServices],
		['a family member does not tag', mum, create('school'), false, 'T1', kidServices],
		['the recipient sees it while the item is visible to him', school, read, true, 'T1', all(kidServices, tagged())],
		['not once the consent is gone', school, read, false, 'T1', tagged()],
		['the sender sees it', coord, read, true, 'T1', tagged()],
		['another team member does not', nurse, read, false, 'T1', all(kidServices, tagged())],
		['the parent does not', mum, read, false, 'T1', tagged()],
		['the recipient marks it handled', school, handle, true, 'T1', all(kidServices, tagged())],
		['the coordinator may too', coord, handle, true, 'T1', tagged()],
		['another team member may not', nurse, handle, false, 'T1', tagged()],
		['not twice', school, handle, false, 'T1', tagged(TODAY)]
	])('%s', (...row) => run(row));
});

describe("S1 safety signals: the sender and the coordinator only (the portal's addition)", () => {
	const signal = () => (r: FamilyRecord): Action => ({ type: 'read.safetySignal', signal: byId(r.safetySignals, 'sig-teen') });
	it.each<Row>([
		['the sender', teen, signal(), true, 'S1'],
		['the coordinator', coord, signal(), true, 'S1'],
		['a custodian', mum, signal(), false, 'S1'],
		['a sibling', asMember('kid'), signal(), false, 'S1'],
		['a team member, even with every consent', school, signal(), false, 'S1', grants(['teen', 'teen', ['basic', 'services', 'plan', 'assessment'], { organisation: 'org-school' }])],
		['an authority with emergency access', police, signal(), false, 'S1', emergencyHoursAgo(1)],
		['a coordinator whose period ended', coord, signal(), false, null, (r) => { r.team[0].until = TODAY; }],
		['an administrator', asAdmin, signal(), false, 'A1'],
		['W7 any member sends one', asMember('kid'), () => ({ type: 'safetySignal.send' }), true, 'W7'],
		['W7 a blocked member too', mum, () => ({ type: 'safetySignal.send' }), true, 'W7', block('mum', null)],
		['W7 not a professional', coord, () => ({ type: 'safetySignal.send' }), false, 'W7']
	])('%s', (...row) => run(row));
});

describe("S1 marking a safety signal handled: the family's coordinator only, once (the portal's addition)", () => {
	const handle = (r: FamilyRecord): Action => ({ type: 'safetySignal.handle', signal: byId(r.safetySignals, 'sig-teen') });
	const gate = (): Action => ({ type: 'write.attempt', write: 'safetySignal.handle' });
	const handled: Setup = (r) => { Object.assign(byId(r.safetySignals, 'sig-teen'), { handledAt: '2026-11-23T09:00:00Z', handledBy: PROS.coord }); };
	/** The coordinator of another family: a child-welfare worker with no standing in this one. */
	const otherCoordinator = asPro(professional('other-coord', 'org-cw'));
	it.each<Row>([
		['the coordinator', coord, handle, true, 'S1'],
		['the coordinator passes the gate', coord, gate, true, 'S1'],
		['not twice', coord, handle, false, 'S1', handled],
		['a coordinator whose period ended', coord, handle, false, null, (r) => { r.team[0].until = TODAY; }],
		['a team member, even with every consent', school, handle, false, 'S1', grants(['teen', 'teen', ['basic', 'services', 'plan', 'assessment'], { organisation: 'org-school' }])],
		['a team member does not pass the gate', school, gate, false, 'S1'],
		["another family's coordinator", otherCoordinator, handle, false, null],
		["another family's coordinator does not pass the gate", otherCoordinator, gate, false, null],
		['an authority with emergency access', police, handle, false, 'S1', emergencyHoursAgo(1)],
		['the young person who sent it', teen, handle, false, 'S1'],
		['her custodian', mum, handle, false, 'S1'],
		['a family member does not pass the gate', teen, gate, false, 'S1'],
		['an administrator', asAdmin, handle, false, 'A1']
	])('%s', (...row) => run(row));

	it("the sender's view says when and by whom it was handled; the coordinator's offers the action until then", () => {
		const record = baseFamily();
		const signalOf = (who: Principal) => buildFamilyView(record, who, CLOCK).view?.safetySignals.find((s) => s.id === 'sig-teen');
		expect(signalOf(coord)).toMatchObject({ handled: null, canHandle: true });
		expect(signalOf(teen)).toMatchObject({ handled: null, canHandle: false });
		handled(record);
		expect(signalOf(teen)).toMatchObject({ handled: { at: '2026-11-23T09:00:00Z', by: 'coord' }, canHandle: false });
		expect(signalOf(coord)).toMatchObject({ canHandle: false });
		expect(signalOf(mum)).toBeUndefined();
	});
});

describe('Meetings: family-level basic data, hidden from a member blocked for a child who takes part (M2, M6, P2, P7, P8)', () => {
	const meeting = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.meeting', meeting: byId(r.meetings, id) });
	it.each<Row>([
		['a custodian', mum, meeting('meet-kid'), true, 'M2'],
		['another adult of the family', asMember('step'), meeting('meet-kid'), true, 'M2'],
		['a child who does not take part', teen, meeting('meet-adults'), true, 'M2'],
		['a member blocked for the child who takes part', dad, meeting('meet-kid'), false, 'M6', block('dad', 'kid')],
		['the same member, a meeting without that child', dad, meeting('meet-adults'), true, 'M2', block('dad', 'kid')],
		['a child-scope block that has ended', dad, meeting('meet-kid'), true, 'M2', block('dad', 'kid', '2026-01-01', TODAY)],
		['a family-scope block', dad, meeting('meet-adults'), false, 'M6', block('dad', null)],
		['a team member without any consent', school, meeting('meet-kid'), true, 'P2'],
		['the coordinator', coord, meeting('meet-adults'), true, 'P2'],
		['an outsider', outsider, meeting('meet-adults'), false, 'P1'],
		['an open, consented invitation', outsider, meeting('meet-adults'), true, 'P7', all(invite(2), basicConsentFromAllAdults)],
		['an invitation without consent', outsider, meeting('meet-adults'), false, 'P7', invite(2)],
		['an authority within 24 hours', police, meeting('meet-kid'), true, 'P8', emergencyHoursAgo(23)],
		['an authority after 24 hours', police, meeting('meet-kid'), false, 'P1', emergencyHoursAgo(24)],
		['an administrator', asAdmin, meeting('meet-kid'), false, 'A1']
	])('%s', (...row) => run(row));
});

describe('K1 calendar entries: given exactly to whoever may see the meeting, at read time', () => {
	const entry = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.calendarEntry', meeting: byId(r.meetings, id) });
	it.each<Row>([
		['a custodian', mum, entry('meet-kid'), true, 'K1'],
		['a custodian, read through M2', mum, entry('meet-kid'), true, 'M2'],
		['a member blocked for the child who takes part', dad, entry('meet-kid'), false, 'M6', block('dad', 'kid')],
		['the same member, a meeting without that child', dad, entry('meet-adults'), true, 'K1', block('dad', 'kid')],
		['a family-scope block', dad, entry('meet-adults'), false, 'M6', block('dad', null)],
		['a team member', school, entry('meet-kid'), true, 'K1'],
		['a team member whose period ended', coord, entry('meet-kid'), false, null, (r) => { r.team[0].until = TODAY; }],
		['an outsider', outsider, entry('meet-adults'), false, 'P1'],
		['an invitation without consent', outsider, entry('meet-adults'), false, 'P7', invite(2)],
		['an authority within 24 hours', police, entry('meet-kid'), true, 'P8', emergencyHoursAgo(23)],
		['an authority after 24 hours', police, entry('meet-kid'), false, 'P1', emergencyHoursAgo(24)],
		['an administrator', asAdmin, entry('meet-kid'), false, 'A1']
	])('%s', (...row) => run(row));

	it('decides as the meeting read does, for every member and professional of the fixture', () => {
		const record = baseFamily();
		block('dad', 'kid')(record);
		const facts = computeFacts(record, CLOCK);
		for (const who of [mum, dad, teen, asMember('step'), school, coord, outsider, police, asAdmin]) {
			for (const meeting of record.meetings) {
				expect(decide(facts, who, { type: 'read.calendarEntry', meeting }).allow).toBe(decide(facts, who, { type: 'read.meeting', meeting }).allow);
			}
		}
	});
});

describe("W8 assessment notes, W9 services and the path, P8 review (the portal's additions)", () => {
	const write = (action: Action) => () => action;
	const review = (r: FamilyRecord): Action => ({ type: 'emergency.review', emergency: byId(r.emergencyAccesses, 'ea') });
	it.each<Row>([
		['the coordinator writes a note about anyone', coord, write({ type: 'assessment.create', subject: 'kid' }), true, 'W8'],
		['a team member without consent', school, write({ type: 'assessment.create', subject: 'kid' }), false, 'W8'],
		['a team member with consent for the subject\'s assessments', school, write({ type: 'assessment.create', subject: 'kid' }), true, 'P4',
			grants(['mum', 'kid', ['assessment'], { organisation: 'org-school' }], ['dad', 'kid', ['assessment'], { organisation: 'org-school' }])],
		['consent for services does not open assessment notes', school, write({ type: 'assessment.create', subject: 'kid' }), false, 'W8',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }], ['dad', 'kid', ['services'], { organisation: 'org-school' }])],
		['an authority with emergency access cannot write notes', police, write({ type: 'assessment.create', subject: 'kid' }), false, 'W8', emergencyHoursAgo(1)],
		['a family member cannot', mum, write({ type: 'assessment.create', subject: 'kid' }), false, 'W8'],
		['the coordinator keeps services', coord, write({ type: 'service.change' }), true, 'W9'],
		['a team member does not', school, write({ type: 'service.change' }), false, 'W9'],
		['the coordinator moves the path', coord, write({ type: 'path.change' }), true, 'W9'],
		['a coordinator whose period ended does not', coord, write({ type: 'path.change' }), false, 'W9', (r) => { r.team[0].until = TODAY; }],
		['a parent does not', mum, write({ type: 'path.change' }), false, 'W9'],
		['the coordinator reviews an emergency access', coord, review, true, 'P8', emergencyHoursAgo(30)],
		['the authority who opened it does not', police, review, false, 'P8', emergencyHoursAgo(1)],
		['a team member does not', school, review, false, 'P8', emergencyHoursAgo(30)],
		['the coordinator records the outcome', coord, write({ type: 'outcome.record' }), true, 'W9'],
		['a team member does not record it', school, write({ type: 'outcome.record' }), false, 'W9'],
		['the coordinator records a meeting\'s place and interpreters', coord, write({ type: 'meeting.details' }), true, 'W9'],
		['a team member who schedules meetings does not', school, write({ type: 'meeting.details' }), false, 'W9'],
		['a parent does not either', mum, write({ type: 'meeting.details' }), false, 'W9']
	])('%s', (...row) => run(row));
});

describe("O1 outcome figures: a manager counts the families their organisation coordinated (the portal's addition)", () => {
	const manager = (organisationId: string, isManager = true): Principal => ({ kind: 'professional', professionalId: 'boss', organisationId, authority: false, name: 'Boss', manager: isManager });
	const stats = (from = '2026-01-01', until = '2027-01-01') => (): Action => ({ type: 'read.statistics', from, until });
	it.each<Row>([
		["a manager of the coordinator's organisation", manager('org-cw'), stats(), true, 'O1'],
		['a manager of another organisation on the team', manager('org-school'), stats(), false, 'O1'],
		['a professional of that organisation who is no manager', manager('org-cw', false), stats(), false, 'O1'],
		['the coordinator herself, no manager', coord, stats(), false, 'O1'],
		['a period before the coordination began', manager('org-cw'), stats('2025-01-01', '2026-01-01'), false, 'O1'],
		['a period that begins on its last day', manager('org-cw'), stats('2026-06-30', '2026-08-01'), true, 'O1', (r) => { r.team[0].until = '2026-07-01'; }],
		['a period that begins when it ended', manager('org-cw'), stats('2026-07-01', '2026-08-01'), false, 'O1', (r) => { r.team[0].until = '2026-07-01'; }],
		['a family member', mum, stats(), false, 'O1']
	])('%s', (...row) => run(row));
});

describe('Starting a family: a principal-level action, no family facts (P3: child welfare holds the client relationship)', () => {
	const start = (organisationKind: OrganisationKind | null) => decide(null, coord, { type: 'family.start', organisationKind });
	it.each<[string, Principal, OrganisationKind | null, boolean, RuleId]>([
		['a child-welfare professional starts one', coord, 'child-welfare', true, 'P3'],
		['a school professional does not', school, 'school', false, 'P3'],
		['a police officer (an authority) does not', police, 'police', false, 'P3'],
		['a professional whose organisation is not found does not', coord, null, false, 'P3'],
		['a family member does not', mum, 'child-welfare', false, 'P3'],
		['an administrator does not', asAdmin, 'child-welfare', false, 'A1']
	])('%s', (_name, who, organisationKind, allow, rule) => {
		const decision = decide(null, who, { type: 'family.start', organisationKind });
		expect(decision.allow).toBe(allow);
		expect(decision.rules).toContain(rule);
	});
	it('is decided on the organisation alone, whoever the professional is', () => {
		expect(start('child-welfare').allow).toBe(true);
		expect(start('health').allow).toBe(false);
	});
});

describe('Writes W1-W6', () => {
	const tick = (id: string) => (r: FamilyRecord): Action => ({ type: 'task.tick', task: byId(r.tasks, id) });
	const revoke = (id: string) => (r: FamilyRecord): Action => ({ type: 'consent.revoke', consent: byId(r.consents, id) });
	const grantCx = (grantor: string, subject: string | null, extra: Partial<ConsentRecord> = {}): Setup =>
		grants([grantor, subject, ['services'], { organisation: 'org-school' }, { id: 'cx', ...extra }]);
	it.each<Row>([
		['W1 a member writes a voice item', teen, () => ({ type: 'voice.create' }), true, 'W1'],
		['W1 a professional does not', coord, () => ({ type: 'voice.create' }), false, 'W1'],
		['W1 the author changes their item', teen, (r) => ({ type: 'voice.change', voice: byId(r.voice, 'v-teen-family') }), true, 'W1'],
		["W1 a custodian cannot change a child's item", mum, (r) => ({ type: 'voice.change', voice: byId(r.voice, 'v-teen-family') }), false, 'W1'],
		['W2 the assignee ticks their task', teen, tick('task-teen'), true, 'W2'],
		["W2 a custodian ticks a non-mature child's task", mum, tick('task-kid'), true, 'M3'],
		["W2 a custodian cannot tick a mature child's task", mum, tick('task-teen'), false, 'W2'],
		['W2 a blocked custodian cannot', mum, tick('task-kid'), false, 'M6', block('mum', 'kid')],
		['W2 the coordinator may', coord, tick('task-teen'), true, 'W2'],
		['W2 the assigned professional may', school, tick('task-school'), true, 'W2'],
		['W2 another team member may not', nurse, tick('task-school'), false, 'W2'],
		["W2 a sibling may not", teen, tick('task-kid'), false, 'W2'],
		['W3 the coordinator creates goals', coord, () => ({ type: 'plan.change', subject: 'kid' }), true, 'W3'],
		['W3 a team member with plan consent', school, () => ({ type: 'plan.change', subject: 'kid' }), true, 'P4',
			grants(['mum', 'kid', ['plan'], { organisation: 'org-school' }], ['dad', 'kid', ['plan'], { organisation: 'org-school' }])],
		['W3 a team member without it', school, () => ({ type: 'plan.change', subject: 'kid' }), false, 'W3'],
		['W3 a family member does not', mum, () => ({ type: 'plan.change', subject: 'kid' }), false, 'W3'],
		['W4 the grantor revokes', mum, (r) => ({ type: 'consent.revoke', consent: byId(r.consents, 'cx') }), true, 'W4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { id: 'cx' }])],
		['W4 another custodian cannot revoke it', dad, (r) => ({ type: 'consent.revoke', consent: byId(r.consents, 'cx') }), false, 'W4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { id: 'cx' }])],
		['W4 a grantor blocked for the child since is no longer entitled and cannot revoke', mum, revoke('cx'), false, 'P6', all(grantCx('mum', 'kid'), block('mum', 'kid'))],
		['W4 a grantor blocked for the family cannot revoke', mum, revoke('cx'), false, 'P6', all(grantCx('mum', 'kid'), block('mum', null))],
		['W4 a block that has ended does not stop it', mum, revoke('cx'), true, 'P6', all(grantCx('mum', 'kid'), block('mum', 'kid', '2026-01-01', TODAY))],
		['W4 a custodian cannot revoke her grant about a child who has turned 12 (mature)', mum, revoke('cx'), false, 'P6', all(grantCx('mum', 'kid'), setBirth('kid', bornYearsAgo(12)))],
		['W4 nor about a child the coordinator judged mature', mum, revoke('cx'), false, 'P6', all(grantCx('mum', 'kid'), (r) => { memberOf(r, 'kid').mature = true; })],
		['W4 the day before the 12th birthday she still revokes', mum, revoke('cx'), true, 'P6', all(grantCx('mum', 'kid'), setBirth('kid', bornYearsAgo(12, 1)))],
		['W4 the mature child revokes her own decision', teen, revoke('cx'), true, 'P6', grantCx('teen', 'teen')],
		["W4 the coordinator records a revocation on an entitled grantor's behalf", coord, revoke('cx'), true, 'P6', grantCx('mum', 'kid')],
		['W4 not for a grantor who is no longer entitled', coord, revoke('cx'), false, 'P6', all(grantCx('mum', 'kid'), block('mum', 'kid'))],
		['W4 a team member records no revocation', school, revoke('cx'), false, 'W4', grantCx('mum', 'kid')],
		["W4 another entitled custodian does not revoke the other's refusal (she refuses herself; refusal wins)", dad, revoke('cx'), false, 'W4',
			grants(['mum', 'kid', ['services'], { organisation: 'org-school' }, { id: 'cx', decision: 'refuse' }])],
		['W4 an adult revokes a family-level decision while not blocked', step, revoke('cx'), true, 'P6', grantCx('step', null)],
		['W4 not once blocked at family scope', step, revoke('cx'), false, 'P6', all(grantCx('step', null), block('step', null))],
		['W4 a revoked decision is not revoked again', mum, revoke('cx'), false, 'W4', grantCx('mum', 'kid', { revoked: TODAY })],
		['W4 one revoked from a later day is revoked today', mum, revoke('cx'), true, 'P6', grantCx('mum', 'kid', { revoked: addDays(TODAY, 3) })],
		['W4 an ended decision has nothing to revoke', mum, revoke('cx'), false, 'W4', grantCx('mum', 'kid', { until: TODAY })],
		['W4 one that ends tomorrow can still be revoked', mum, revoke('cx'), true, 'P6', grantCx('mum', 'kid', { until: addDays(TODAY, 1) })],
		['W5 the coordinator sets blocks', coord, () => ({ type: 'block.change' }), true, 'W5'],
		['W5 a team member does not', school, () => ({ type: 'block.change' }), false, 'W5'],
		['W5 the coordinator changes the team', coord, () => ({ type: 'team.change' }), true, 'W5'],
		['W5 the coordinator sets maturity', coord, () => ({ type: 'member.mature', child: 'kid' }), true, 'W5'],
		['W5 a custodian does not', mum, () => ({ type: 'member.mature', child: 'kid' }), false, 'W5'],
		['W5 the coordinator records an information right', coord, () => ({ type: 'member.informationRight', adult: 'step', child: 'kid' }), true, 'W5'],
		['W6 a mature child hides their data', teen, () => ({ type: 'member.hideFromCustodians', child: 'teen' }), true, 'W6'],
		['W6 a child under 12 cannot', kid, () => ({ type: 'member.hideFromCustodians', child: 'kid' }), false, 'W6'],
		["W6 the coordinator on the child's behalf", coord, () => ({ type: 'member.hideFromCustodians', child: 'teen' }), true, 'W6'],
		["W6 a custodian cannot", mum, () => ({ type: 'member.hideFromCustodians', child: 'teen' }), false, 'W6'],
		['administrators write nothing', asAdmin, () => ({ type: 'voice.create' }), false, 'A1'],
		['a member of another family writes nothing', asMember('stranger'), () => ({ type: 'voice.create' }), false, 'M8']
	])('%s', (...row) => run(row));
});

describe('the kind of write is decided before its ids (no existence oracle)', () => {
	const attempt = (write: WriteKind) => (): Action => ({ type: 'write.attempt', write });
	it.each<Row>([
		['a member may try voice writes', mum, attempt('voice.change'), true, 'W1'],
		['a professional may not', coord, attempt('voice.change'), false, 'W1'],
		['a team member may try to tick', school, attempt('task.tick'), true, 'W2'],
		['an outsider may not', outsider, attempt('task.tick'), false, 'W2'],
		['police without emergency access may not', police, attempt('task.tick'), false, 'W2'],
		['a team member may try plans', school, attempt('plan.change'), true, 'W3'],
		['a family member may not', mum, attempt('plan.change'), false, 'W3'],
		['a member may try consents', kid, attempt('consent.decide'), true, 'W4'],
		['the coordinator may record them', coord, attempt('consent.decide'), true, 'W4'],
		['a team member may not', school, attempt('consent.revoke'), false, 'W4'],
		['only the coordinator tries the team', school, attempt('team.change'), false, 'W5'],
		['the coordinator does', coord, attempt('team.change'), true, 'W5'],
		['a coordinator whose period ended does not', coord, attempt('team.change'), false, 'W5', (r) => { r.team[0].until = TODAY; }],
		['an invitee answers', outsider, attempt('invitation.answer'), true, 'P7', invite(3)],
		['not once the invitation has lapsed', outsider, attempt('invitation.answer'), false, 'P7', invite(14)],
		['an authority opens emergency access', police, attempt('emergency.open'), true, 'P8'],
		['nobody else', outsider, attempt('emergency.open'), false, 'P8'],
		['administrators try nothing', asAdmin, attempt('voice.create'), false, 'A1'],
		['a member of another family tries nothing', asMember('stranger'), attempt('voice.create'), false, 'M8']
	])('%s', (...row) => run(row));

	/** Every write action that the fixture's items allow building, for every principal. */
	function writeActions(r: FamilyRecord): WriteAction[] {
		const subjects = [null, ...r.members.map((m) => m.id)];
		const members = r.members.map((m) => m.id);
		return [
			{ type: 'voice.create' }, { type: 'safetySignal.send' }, { type: 'block.change' }, { type: 'team.change' }, { type: 'service.change' },
			{ type: 'path.change' }, { type: 'outcome.record' }, { type: 'emergency.open' }, { type: 'meeting.create' }, { type: 'meeting.details' }, { type: 'member.add' },
			{ type: 'invitation.create' },
			...r.voice.map((voice): WriteAction => ({ type: 'voice.change', voice })),
			...r.tasks.map((task): WriteAction => ({ type: 'task.tick', task })),
			...subjects.map((subject): WriteAction => ({ type: 'plan.change', subject })),
			...subjects.map((subject): WriteAction => ({ type: 'assessment.create', subject })),
			...subjects.flatMap((subject) => members.map((grantor): WriteAction => ({ type: 'consent.decide', grantor, subject }))),
			...r.consents.map((consent): WriteAction => ({ type: 'consent.revoke', consent })),
			...members.flatMap((child): WriteAction[] => [
				{ type: 'member.mature', child }, { type: 'member.hideFromCustodians', child }, { type: 'member.signInCode', member: child },
				...members.map((adult): WriteAction => ({ type: 'member.informationRight', adult, child }))
			]),
			...r.emergencyAccesses.map((emergency): WriteAction => ({ type: 'emergency.review', emergency })),
			...r.invitations.flatMap((invitation): WriteAction[] => [{ type: 'invitation.answer', invitation }, { type: 'invitation.withdraw', invitation }]),
			...r.tags.map((tag): WriteAction => ({ type: 'tag.handle', tag })),
			...r.safetySignals.map((signal): WriteAction => ({ type: 'safetySignal.handle', signal })),
			...r.services.flatMap((s) => r.team.map((t): WriteAction => ({ type: 'tag.create', kind: 'service', itemId: s.id, to: t.professional.id })))
		];
	}
	const principals = [mum, dad, step, kid, teen, coord, school, nurse, outsider, police, asAdmin];
	const situations: [string, Setup][] = [
		['as it is', () => {}],
		['with consents, a refusal and a family-level grant', all(grants(['mum', 'kid', ['plan', 'assessment'], { organisation: 'org-school' }, { id: 'k1' }],
			['dad', 'kid', ['plan', 'assessment'], { organisation: 'org-school' }], ['teen', 'teen', ['services'], { professional: 'nurse' }],
			['mum', null, ['plan'], { organisation: 'org-health' }, { decision: 'refuse' }]))],
		['with blocks, an emergency access, an invitation and a tag', all(block('dad', 'kid'), block('step', null), emergencyHoursAgo(2), invite(2), (r) => {
			r.tags.push({ id: 'tag1', itemKind: 'service', itemId: 'svc-kid', from: PROS.coord, to: PROS.school, note: null, created: TODAY, handled: null });
		})]
	];
	it.each(situations)('every write the rules allow passes the gate first (%s)', (_name, setup) => {
		const record = baseFamily();
		setup(record);
		const facts = computeFacts(record, CLOCK);
		let allowed = 0;
		for (const who of principals) {
			for (const action of writeActions(record)) {
				if (!decide(facts, who, action).allow) continue;
				allowed++;
				expect(decide(facts, who, { type: 'write.attempt', write: action.type as WriteKind }).allow, `${JSON.stringify(who)} ${action.type}`).toBe(true);
			}
		}
		expect(allowed).toBeGreaterThan(20);
	});
});
