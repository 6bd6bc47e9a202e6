/**
 * Issue #11, finding 4: a caller who may not make a write gets one and the same answer
 * whether the id, username or e-mail they name exists in the family, exists in another
 * family, or does not exist at all (the right to act is decided before any lookup).
 * Real SQLite with the demo scenario, every write of writes/ (and the sign-in
 * code of family-start.ts) that takes an id.
 */
import { describe, expect, it } from 'vitest';
import { currentClock } from '../../../src/lib/server/family-access';
import * as writes from '../../../src/lib/server/writes';
import { createSignInCode } from '../../../src/lib/server/family-start';
import type { Principal } from '../../../src/lib/server/policy/types';
import type { WriteResult } from '../../../src/lib/server/write-result';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();

const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const pro = (professionalId: string, organisationId: string, authority = false): Principal => ({ kind: 'professional', professionalId, organisationId, authority, name: professionalId });
const P = {
	timo: pro('pro-timo', 'org-police', true), // police: no emergency access open now
	anna: pro('pro-anna', 'org-cw'), mikko: pro('pro-mikko', 'org-familywork'),
	hanna: pro('pro-hanna', 'org-cw'), maria: pro('pro-maria', 'org-shelter'), johanna: pro('pro-johanna', 'org-cw'),
	amal: member('amal', 'fam-haddad'), sari: member('sari', 'fam-lahtinen')
};
type Family = 'fam-haddad' | 'fam-lahtinen';
type Ctx = Parameters<typeof writes.tickTask>[0];
const ctx = (who: Principal, familyId: Family): Ctx => ({ db: test.db, who, familyId, clock });

/** Who may not make the row's write, by its gate: outsiders always, and those the gate leaves out. */
type Gate = 'member' | 'member-or-team' | 'member-or-coordinator' | 'coordinator' | 'team' | 'invitee';
function mayNot(gate: Gate, family: Family): [string, Principal][] {
	const haddad = family === 'fam-haddad';
	const outsiders: [string, Principal][] = haddad
		? [['police without emergency access', P.timo], ["another family's coordinator", P.hanna], ['a member of another family', P.sari]]
		: [['police whose emergency access has closed', P.timo], ["another family's coordinator", P.anna], ['a member of another family', P.amal]];
	const teamMember: [string, Principal] = ['a team member', haddad ? P.mikko : P.maria];
	const familyMember: [string, Principal] = ['a family member', haddad ? P.amal : P.sari];
	const coordinator: [string, Principal] = ['the coordinator', haddad ? P.anna : P.hanna];
	const extra: Record<Gate, [string, Principal][]> = {
		'member': [coordinator, teamMember],
		'member-or-team': [],
		'member-or-coordinator': [teamMember],
		'coordinator': [teamMember, familyMember],
		'team': [familyMember],
		'invitee': [coordinator, teamMember, familyMember]
	};
	return [...outsiders, ...extra[gate]];
}

/** Ids made in the test (consultations, tags, invitations, an emergency access elsewhere). */
type Made = Record<'haddadConsultation' | 'makelaConsultation' | 'haddadTag' | 'lahtinenTag' | 'haddadBlock' | 'lahtinenInvitation' | 'makelaEmergency' | 'haddadSignal' | 'lahtinenSignal', string> & { haddadTeam: number; lahtinenTeam: number };

function make(): Made {
	const id = (r: WriteResult) => { if (!r.ok || !r.id) throw new Error(`setup failed: ${JSON.stringify(r)}`); return r.id; };
	const teamId = (familyId: string) => (test.db.$client.prepare('SELECT id FROM team_memberships WHERE family_id = ? ORDER BY id LIMIT 1').pluck().get(familyId) as number);
	return {
		haddadConsultation: id(writes.openConsultation(ctx(P.anna, 'fam-haddad'), { subject: 'omar', question: 'Q' })),
		makelaConsultation: id(writes.openConsultation({ ...ctx(P.johanna, 'fam-haddad'), familyId: 'fam-makela' }, { subject: 'aleksi', question: 'Q' })),
		haddadTag: id(writes.addTag(ctx(P.anna, 'fam-haddad'), { item: 'service:svc-omar-familywork', to: 'pro-mikko' })),
		lahtinenTag: id(writes.addTag(ctx(P.hanna, 'fam-lahtinen'), { item: 'service:svc-sari-shelter', to: 'pro-maria' })),
		haddadBlock: id(writes.setBlock(ctx(P.anna, 'fam-haddad'), { member: 'amal', child: 'omar', reason: 'other', review: '2027-01-01' })),
		lahtinenInvitation: id(writes.inviteProfessional(ctx(P.hanna, 'fam-lahtinen'), { to: 'pro-ville', text: 'Join us?' })),
		makelaEmergency: id(writes.openEmergency({ ...ctx(P.timo, 'fam-haddad'), familyId: 'fam-makela' }, { reason: 'A report that needs checking now' })),
		haddadSignal: id(writes.sendSafetySignal(ctx(member('yasmin', 'fam-haddad'), 'fam-haddad'), {})),
		lahtinenSignal: id(writes.sendSafetySignal(ctx(P.sari, 'fam-lahtinen'), {})),
		haddadTeam: teamId('fam-haddad'), lahtinenTeam: teamId('fam-lahtinen')
	};
}

type Row = [name: string, gate: Gate, family: Family, write: (c: Ctx, id: string) => WriteResult, ids: (m: Made) => [existing: string, ofAnotherFamily: string, missing: string]];
const review = '2027-01-01';

const rows: Row[] = [
	['ticking a task', 'member-or-team', 'fam-haddad', (c, id) => writes.tickTask(c, id, true), () => ['task-omar-homework', 'task-sari-safetyplan', 'task-nope']],
	['changing a view', 'member', 'fam-haddad', (c, id) => writes.updateVoice(c, id, { text: 'x' }), () => ['v-amal-view', 'v-sari-view', 'v-nope']],
	['deleting a view', 'member', 'fam-haddad', (c, id) => writes.deleteVoice(c, id), () => ['v-amal-view', 'v-sari-view', 'v-nope']],
	['a view about a goal', 'member', 'fam-haddad', (c, id) => writes.createVoice(c, { kind: 'view', text: 'x', goal: id }), () => ['goal-family-evenings', 'goal-lahtinen-safety', 'goal-nope']],
	['a question to a consultation', 'member', 'fam-haddad', (c, id) => writes.createVoice(c, { kind: 'view', text: 'x', consultation: id }), (m) => [m.haddadConsultation, m.makelaConsultation, 'cons-nope']],
	['answering a meeting', 'member', 'fam-haddad', (c, id) => writes.answerMeeting(c, { kind: 'feedback', meeting: id, score: '8' }), () => ['meet-haddad-plan', 'meet-lahtinen-plan', 'meet-nope']],
	['a goal for a member', 'team', 'fam-haddad', (c, id) => writes.createGoal(c, { subject: id, text: 'x' }), () => ['omar', 'eetu', 'nobody']],
	['a task under a goal', 'team', 'fam-haddad', (c, id) => writes.createTask(c, { goal: id, text: 'x' }), () => ['goal-family-evenings', 'goal-lahtinen-safety', 'goal-nope']],
	['a task for an assignee', 'team', 'fam-haddad', (c, id) => writes.createTask(c, { goal: 'goal-family-evenings', assignee: id, text: 'x' }), () => ['pro-mikko', 'pro-maria', 'pro-nobody']],
	['a consent to a grantee', 'member-or-coordinator', 'fam-haddad',
		(c, id) => writes.decideConsent(c, { grantor: 'amal', subject: 'amal', granteeProfessional: id, categories: ['services'], decision: 'grant' }), () => ['pro-mikko', 'pro-maria', 'pro-nobody']],
	['a consent to an organisation', 'member-or-coordinator', 'fam-haddad',
		(c, id) => writes.decideConsent(c, { grantor: 'amal', subject: 'amal', granteeOrganisation: id, categories: ['services'], decision: 'grant' }), () => ['org-asw', 'org-shelter', 'org-nowhere']],
	['a consent about a subject', 'member-or-coordinator', 'fam-haddad',
		(c, id) => writes.decideConsent(c, { grantor: 'amal', subject: id, granteeOrganisation: 'org-asw', categories: ['services'], decision: 'grant' }), () => ['omar', 'eetu', 'nobody']],
	['a consent by a grantor', 'member-or-coordinator', 'fam-haddad',
		(c, id) => writes.decideConsent(c, { grantor: id, subject: null, granteeOrganisation: 'org-asw', categories: ['basic'], decision: 'grant' }), () => ['amal', 'sari', 'nobody']],
	['revoking a consent', 'member-or-coordinator', 'fam-haddad', (c, id) => writes.revokeConsent(c, id), () => ['c-amal-omar-familywork', 'c-sari-eetu-school', 'c-nope']],
	['blocking a member', 'coordinator', 'fam-haddad', (c, id) => writes.setBlock(c, { member: id, reason: 'other', review }), () => ['amal', 'sari', 'nobody']],
	['blocking for a child', 'coordinator', 'fam-haddad', (c, id) => writes.setBlock(c, { member: 'amal', child: id, reason: 'other', review }), () => ['omar', 'eetu', 'nobody']],
	['changing a block', 'coordinator', 'fam-lahtinen', (c, id) => writes.changeBlock(c, id, { reason: 'other', review }), (m) => ['b-jari-eetu', m.haddadBlock, 'b-nope']],
	['lifting a block', 'coordinator', 'fam-lahtinen', (c, id) => writes.liftBlock(c, id), (m) => ['b-jari-eetu', m.haddadBlock, 'b-nope']],
	['adding a team member by username', 'coordinator', 'fam-haddad', (c, id) => writes.addTeamMember(c, { professional: id, role: 'member', from: '2026-11-23' }), () => ['pekka', 'hanna', 'nobody']],
	['adding a team member by e-mail', 'coordinator', 'fam-haddad', (c, id) => writes.addTeamMember(c, { professional: id, role: 'member', from: '2026-11-23' }), () => ['pekka@demo.example', 'maria@demo.example', 'nobody@demo.example']],
	['ending a team membership', 'coordinator', 'fam-haddad', (c, id) => writes.endTeamMembership(c, Number(id)), (m) => [String(m.haddadTeam), String(m.lahtinenTeam), '999999']],
	['maturity', 'coordinator', 'fam-haddad', (c, id) => writes.setMature(c, { child: id, mature: 'true' }), () => ['omar', 'eetu', 'nobody']],
	['an information right', 'coordinator', 'fam-haddad', (c, id) => writes.setInformationRight(c, { adult: id, child: 'omar', categories: ['services'] }), () => ['amal', 'jari', 'nobody']],
	['hiding on a child\'s behalf', 'member-or-coordinator', 'fam-haddad', (c, id) => writes.setHiddenFromCustodians(c, { child: id, categories: ['plan'] }), () => ['yasmin', 'eveliina', 'nobody']],
	['an assessment note', 'team', 'fam-haddad', (c, id) => writes.addAssessment(c, { subject: id, area: 'care', text: 'x' }), () => ['omar', 'eetu', 'nobody']],
	['opening a consultation', 'team', 'fam-haddad', (c, id) => writes.openConsultation(c, { subject: id, question: 'x' }), () => ['omar', 'eetu', 'nobody']],
	['recording a consultation', 'team', 'fam-haddad', (c, id) => writes.recordConsultation(c, id, { answer: 'x' }), (m) => [m.haddadConsultation, m.makelaConsultation, 'cons-nope']],
	['a service from a provider', 'coordinator', 'fam-haddad', (c, id) => writes.addService(c, { subject: 'omar', name: 'x', provider: id, status: 'active' }), () => ['org-asw', 'org-shelter', 'org-nowhere']],
	['a service with a contact', 'coordinator', 'fam-haddad', (c, id) => writes.addService(c, { subject: 'omar', name: 'x', provider: 'org-asw', status: 'active', contact: id }), () => ['pro-mikko', 'pro-maria', 'pro-nobody']],
	['a service for a member', 'coordinator', 'fam-haddad', (c, id) => writes.addService(c, { subject: id, name: 'x', provider: 'org-asw', status: 'active' }), () => ['omar', 'eetu', 'nobody']],
	['ending a service', 'coordinator', 'fam-haddad', (c, id) => writes.endService(c, id), () => ['svc-omar-familywork', 'svc-sari-shelter', 'svc-nope']],
	['a meeting with a participant', 'team', 'fam-haddad', (c, id) => writes.scheduleMeeting(c, { date: '2026-12-03', time: '15:00', participants: [id] }), () => ['amal', 'sari', 'nobody']],
	['raising an item', 'team', 'fam-haddad', (c, id) => writes.addTag(c, { item: `service:${id}`, to: 'pro-mikko' }), () => ['svc-omar-familywork', 'svc-sari-shelter', 'svc-nope']],
	['raising to a colleague', 'team', 'fam-haddad', (c, id) => writes.addTag(c, { item: 'service:svc-omar-familywork', to: id }), () => ['pro-mikko', 'pro-maria', 'pro-nobody']],
	['handling a tag', 'team', 'fam-haddad', (c, id) => writes.handleTag(c, id), (m) => [m.haddadTag, m.lahtinenTag, 'tag-nope']],
	['inviting by username', 'team', 'fam-haddad', (c, id) => writes.inviteProfessional(c, { to: id, text: 'x' }), () => ['pekka', 'maria', 'nobody']],
	['inviting by e-mail', 'team', 'fam-haddad', (c, id) => writes.inviteProfessional(c, { to: id, text: 'x' }), () => ['ville@demo.example', 'maria@demo.example', 'nobody@demo.example']],
	['answering an invitation', 'invitee', 'fam-haddad', (c, id) => writes.answerInvitation(c, id, { information: 'green', concern: 'green', available: 'green' }), (m) => ['inv-haddad-curator', m.lahtinenInvitation, 'inv-nope']],
	['withdrawing an invitation', 'team', 'fam-haddad', (c, id) => writes.withdrawInvitation(c, id), (m) => ['inv-haddad-curator', m.lahtinenInvitation, 'inv-nope']],
	['marking a safety signal handled', 'coordinator', 'fam-haddad', (c, id) => writes.handleSafetySignal(c, id), (m) => [m.haddadSignal, m.lahtinenSignal, 'sig-nope']],
	['reviewing an emergency access', 'coordinator', 'fam-lahtinen', (c, id) => writes.reviewEmergency(c, id), (m) => ['ea-lahtinen-1', m.makelaEmergency, 'ea-nope']],
	['replying in a thread', 'member-or-team', 'fam-haddad', (c, id) => writes.replyInThread(c, { thread: id, text: 'x' }), () => ['th-amal-anna', 'th-jari-hanna', 'th-nope']],
	['withdrawing a message', 'member-or-team', 'fam-haddad', (c, id) => writes.withdrawMessage(c, { thread: 'th-amal-anna', message: id }), () => ['msg-amal-anna-1', 'msg-jari-hanna-1', 'msg-nope']],
	['adding to a thread', 'coordinator', 'fam-haddad', (c, id) => writes.addThreadParticipant(c, { thread: id, person: 'member:omar', confirm: 'on' }), () => ['th-amal-anna', 'th-jari-hanna', 'th-nope']],
	['starting a thread with someone', 'member-or-team', 'fam-haddad', (c, id) => writes.startThread(c, { participants: [`member:${id}`, 'professional:pro-anna'], text: 'x' }), () => ['omar', 'eetu', 'nobody']],
	['a sign-in code for a member', 'coordinator', 'fam-haddad', (c, id) => {
		const r = createSignInCode(c.db, c.who as Extract<Principal, { kind: 'professional' }>, c.familyId, id, clock);
		return r.ok ? { ok: true } : r;
	}, () => ['omar', 'eetu', 'nobody']]
];

const version = () => test.db.$client.prepare('SELECT version FROM record_version WHERE id = 1').pluck().get();

describe('no existence oracle: one answer to a caller who may not act, whatever the id', () => {
	it.each(rows)('%s', (_name, gate, family, write, ids) => {
		const made = make();
		const before = version();
		const [existing, ofAnotherFamily, missing] = ids(made);
		for (const [who, principal] of mayNot(gate, family)) {
			// The sign-in code is for professionals only (the route's guard); members never reach it.
			if (_name.startsWith('a sign-in code') && principal.kind !== 'professional') continue;
			const answers = [existing, ofAnotherFamily, missing].map((id) => write(ctx(principal, family), id));
			expect(answers[0], `${who}: existing`).toMatchObject({ ok: false });
			expect(answers[1], `${who}: of another family`).toEqual(answers[0]);
			expect(answers[2], `${who}: missing`).toEqual(answers[0]);
		}
		expect(version(), 'nothing was written').toBe(before);
	});

	it('the one answer is "forbidden" (a member of another family: "not found"; answering a meeting: "not found")', () => {
		const outsider = ctx(P.timo, 'fam-haddad');
		expect(writes.addTeamMember(outsider, { professional: 'nobody', role: 'member', from: '2026-11-23' })).toEqual({ ok: false, status: 403, message: 'forbidden' });
		expect(writes.tickTask(ctx(P.sari, 'fam-haddad'), 'task-nope', true)).toEqual({ ok: false, status: 404, message: 'not-found' });
		expect(writes.answerMeeting(outsider, { kind: 'feedback', meeting: 'meet-haddad-plan', score: '8' })).toEqual({ ok: false, status: 404, message: 'not-found' });
		// A missing family looks like one the professional may not write to.
		expect(writes.tickTask(ctx(P.timo, 'fam-nowhere' as Family), 'task-nope', true)).toEqual({ ok: false, status: 403, message: 'forbidden' });
	});

	it('a caller who may act still gets helpful errors', () => {
		const anna = ctx(P.anna, 'fam-haddad');
		expect(writes.addTeamMember(anna, { professional: 'nobody', role: 'member', from: '2026-11-23' })).toMatchObject({ status: 400, issues: { professional: 'unknown' } });
		expect(writes.inviteProfessional(ctx(P.mikko, 'fam-haddad'), { to: 'nobody@demo.example', text: 'x' })).toMatchObject({ status: 400, issues: { to: 'unknown' } });
		expect(writes.addService(anna, { subject: 'omar', name: 'x', provider: 'org-nowhere', status: 'active' })).toMatchObject({ status: 400, issues: { provider: 'unknown' } });
		expect(writes.decideConsent(ctx(P.amal, 'fam-haddad'), { subject: 'omar', granteeProfessional: 'pro-nobody', categories: ['services'], decision: 'grant' })).toMatchObject({ status: 400, issues: { grantee: 'unknown' } });
		expect(writes.tickTask(ctx(P.amal, 'fam-haddad'), 'task-nope', true)).toMatchObject({ status: 404 });
		expect(createSignInCode(test.db, P.anna as Extract<Principal, { kind: 'professional' }>, 'fam-haddad', 'nobody', clock)).toMatchObject({ status: 404 });
	});
});
