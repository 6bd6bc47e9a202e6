import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentClock, readAccessLog, readFamilyView } from '../../../src/lib/server/family-access';
import * as writes from '../../../src/lib/server/writes';
import { remindersOf } from '../../../src/lib/server/reminders';
import type { Principal } from '../../../src/lib/server/policy/types';
import { DEMO_SCENARIO, demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();

const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const pro = (professionalId: string, organisationId: string): Principal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const amal = member('amal', 'fam-haddad'), yasmin = member('yasmin', 'fam-haddad');
const jari = member('jari', 'fam-lahtinen');
const anna = pro('pro-anna', 'org-cw'), mikko = pro('pro-mikko', 'org-familywork'), sanna = pro('pro-sanna', 'org-asw');
const ctx = (who: Principal, familyId = 'fam-haddad') => ({ db: test.db, who, familyId, clock });
const view = (who: Principal, familyId = 'fam-haddad') => readFamilyView(test.db, who, familyId, clock, 'family-page')!;

describe('W1 voice', () => {
	it('a member writes, edits, re-shares and deletes their own view', () => {
		const created = writes.createVoice(ctx(yasmin), { kind: 'view', text: 'My view', shareWithFamily: 'on' });
		expect(created.ok).toBe(true);
		const id = (created as { id: string }).id;
		expect(view(amal).voice.map((v) => v.id)).toContain(id);
		expect(writes.updateVoice(ctx(yasmin), id, { kind: 'view', text: 'Changed', shareWithTeam: 'on' }).ok).toBe(true);
		expect(view(amal).voice.map((v) => v.id)).not.toContain(id);
		expect(view(anna).voice.find((v) => v.id === id)?.text).toBe('Changed');
		expect(writes.deleteVoice(ctx(yasmin), id).ok).toBe(true);
		expect(view(yasmin).voice.map((v) => v.id)).not.toContain(id);
	});

	it("nobody changes someone else's view", () => {
		expect(writes.updateVoice(ctx(amal), 'v-yasmin-view', { kind: 'view', text: 'x' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.deleteVoice(ctx(amal), 'v-yasmin-view')).toMatchObject({ ok: false, status: 403 });
	});

	it('empty text is a clear error and writes nothing', () => {
		const before = view(yasmin).voice.length;
		expect(writes.createVoice(ctx(yasmin), { kind: 'view', text: '   ' })).toMatchObject({ ok: false, status: 400, issues: { text: 'required' } });
		expect(writes.createVoice(ctx(yasmin), { kind: 'poem', text: 'x' })).toMatchObject({ ok: false, status: 400 });
		expect(view(yasmin).voice.length).toBe(before);
	});
});

describe('W1 who reads a new view (the sentence beside each sharing choice)', () => {
	const scenario = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8')) as {
		professionals: { id: string; organisation: string; name: string }[];
		families: { id: string; members: { id: string; name: string; username?: string }[] }[];
	};
	const writers = scenario.families.flatMap((f) => f.members.filter((m) => m.username).map((m) => ({ family: f, member: m })));

	it.each(writers.map((w) => [w.member.id, w]))('%s: the names offered are exactly those whose view then holds the item', (_id, { family, member }) => {
		const me = { kind: 'member' as const, memberId: member.id, familyId: family.id, name: member.name };
		const audience = view(me, family.id).voiceAudience!;
		for (const [choice, expected] of [['family', audience.family], ['team', audience.team]] as const) {
			const created = writes.createVoice(ctx(me, family.id), { kind: 'view', text: `to ${choice}`, audience: choice });
			expect(created.ok).toBe(true);
			const id = (created as { id: string }).id;
			const readers: string[] = [];
			for (const other of family.members.filter((m) => m.id !== member.id)) {
				if (view({ kind: 'member', memberId: other.id, familyId: family.id, name: other.name }, family.id).voice.some((v) => v.id === id)) readers.push(other.name);
			}
			for (const p of scenario.professionals) {
				const seen = readFamilyView(test.db, pro(p.id, p.organisation), family.id, clock, 'family-page')?.voice.some((v) => v.id === id);
				if (seen) readers.push(p.name);
			}
			if (choice === 'team' && audience.othersInTeam) {
				// M6: a blocked member is named the coordinator only, and told that others in the team read it too.
				expect(readers).toEqual(expect.arrayContaining([...expected]));
				expect(readers.length).toBeGreaterThan(expected.length);
			} else {
				expect(readers.toSorted()).toEqual([...expected].toSorted());
			}
			writes.deleteVoice(ctx(me, family.id), id);
		}
	});

	it('M6: a blocked parent is named only the coordinator, not the shelter worker or the school curator', () => {
		const jari = { kind: 'member' as const, memberId: 'jari', familyId: 'fam-lahtinen', name: 'Jari' };
		const audience = view(jari, 'fam-lahtinen').voiceAudience!;
		expect(audience.team).toEqual(['Hanna Koskinen']);
		expect(audience.othersInTeam).toBe(true);
		expect(JSON.stringify(audience)).not.toMatch(/Maria Heikkinen|Pekka Laine/);
		const sari = { kind: 'member' as const, memberId: 'sari', familyId: 'fam-lahtinen', name: 'Sari' };
		const unblocked = view(sari, 'fam-lahtinen').voiceAudience!;
		expect(unblocked.othersInTeam).toBe(false);
		expect(unblocked.team).toEqual(expect.arrayContaining(['Hanna Koskinen', 'Maria Heikkinen']));
	});

	it("'only me' reaches nobody else, and the flags follow the one choice", () => {
		const created = writes.createVoice(ctx(yasmin), { kind: 'view', text: 'mine', audience: 'me', shareWithFamily: 'on' }) as { id: string };
		expect(view(amal).voice.map((v) => v.id)).not.toContain(created.id);
		expect(view(anna).voice.map((v) => v.id)).not.toContain(created.id);
		expect(view(yasmin).voice.find((v) => v.id === created.id)).toMatchObject({ shareWithFamily: false, shareWithTeam: false });
		expect(writes.createVoice(ctx(yasmin), { kind: 'view', text: 'x', audience: 'everyone' })).toMatchObject({ ok: false, status: 400 });
	});
});

describe("W7 and S1: \"I don't feel safe\"", () => {
	it('reaches the coordinator at once and no other family member or professional; its reading is logged for the sender only', () => {
		const sent = writes.sendSafetySignal(ctx(yasmin), { word: 'home tonight' }) as { ok: true; id: string };
		expect(sent.ok).toBe(true);
		expect(view(anna).safetySignals).toMatchObject([{ id: sent.id, member: 'yasmin', word: 'home tonight' }]);
		expect(view(amal).safetySignals).toEqual([]);
		expect(view(mikko).safetySignals).toEqual([]);
		expect(JSON.stringify(readFamilyView(test.db, pro('pro-liisa', 'org-health'), 'fam-haddad', clock, 'family-page'))).not.toContain('home tonight');
		const amalLog = readAccessLog(test.db, amal, 'fam-haddad', clock)!;
		expect(amalLog.flatMap((e) => e.reads).some((r) => r.category === 'safety')).toBe(false);
		const yasminLog = readAccessLog(test.db, yasmin, 'fam-haddad', clock)!;
		expect(yasminLog.flatMap((e) => e.reads)).toContainEqual(expect.objectContaining({ category: 'safety', subject: 'yasmin', rules: ['S1'] }));
	});

	it('a professional cannot send one; the word is optional and bounded', () => {
		expect(writes.sendSafetySignal(ctx(anna), {})).toMatchObject({ ok: false, status: 403 });
		expect(writes.sendSafetySignal(ctx(yasmin), {}).ok).toBe(true);
		expect(writes.sendSafetySignal(ctx(yasmin), { word: 'x'.repeat(501) })).toMatchObject({ ok: false, status: 400 });
	});
});

describe('S1: the coordinator marks a signal handled; the sender sees it, nobody else', () => {
	const hanna = pro('pro-hanna', 'org-cw');
	const signalOf = (who: Principal, id: string) => view(who).safetySignals.find((s) => s.id === id);

	it("reaches the young person's view with when and by whom, never her mother's; it leaves the coordinator's reminders", () => {
		const sent = writes.sendSafetySignal(ctx(yasmin), { word: 'bus stop' }) as { ok: true; id: string };
		expect(remindersOf(view(anna), 'pro-anna', clock.today).some((r) => r.kind === 'safety-signal' && r.itemId === sent.id)).toBe(true);
		expect(signalOf(yasmin, sent.id)).toMatchObject({ handled: null });

		expect(writes.handleSafetySignal(ctx(anna), sent.id)).toEqual({ ok: true, id: sent.id });
		expect(signalOf(yasmin, sent.id)).toMatchObject({ handled: { at: clock.now.toISOString(), by: 'Anna Virtanen' }, canHandle: false });
		expect(view(amal).safetySignals).toEqual([]);
		expect(JSON.stringify(view(amal))).not.toContain(sent.id);
		expect(remindersOf(view(anna), 'pro-anna', clock.today).some((r) => r.itemId === sent.id)).toBe(false);
		// Once only: a second mark changes nothing.
		expect(writes.handleSafetySignal(ctx(anna), sent.id)).toMatchObject({ ok: false, status: 403 });
	});

	it('nobody else marks it: a team member, a family member, the sender, another family\'s coordinator; unknown ids write nothing', () => {
		const sent = writes.sendSafetySignal(ctx(yasmin), {}) as { ok: true; id: string };
		for (const who of [mikko, sanna, amal, yasmin, hanna]) expect(writes.handleSafetySignal(ctx(who), sent.id)).toMatchObject({ ok: false, status: 403 });
		// Hanna in her own family: the Haddads' signal is not there (she learns nothing more than "not found").
		expect(writes.handleSafetySignal(ctx(hanna, 'fam-lahtinen'), sent.id)).toMatchObject({ ok: false, status: 404 });
		expect(writes.handleSafetySignal(ctx(anna), 'sig-nowhere')).toMatchObject({ ok: false, status: 404 });
		expect(writes.handleSafetySignal(ctx(anna, 'fam-nowhere'), sent.id)).toMatchObject({ ok: false, status: 403 });
		expect(signalOf(yasmin, sent.id)).toMatchObject({ handled: null });
	});
});

describe('W2 ticking tasks', () => {
	it('the tick button is offered exactly where the write is allowed (every demo member, every task they see)', () => {
		const scenario = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8')) as { families: { id: string; members: { id: string; name: string; username?: string }[] }[] };
		let offered = 0, refused = 0;
		for (const family of scenario.families) {
			for (const member of family.members.filter((m) => m.username)) {
				const me: Principal = { kind: 'member', memberId: member.id, familyId: family.id, name: member.name };
				for (const task of view(me, family.id).tasks) {
					// Ticking to the state it already has changes nothing but asks the policy the same question.
					expect(writes.tickTask(ctx(me, family.id), task.id, task.done).ok, `${member.id} ${task.id}`).toBe(task.canTick);
					if (task.canTick) offered++; else refused++;
				}
			}
		}
		expect(offered).toBeGreaterThan(3);
		expect(refused).toBeGreaterThan(0);
	});

	it("the assignee ticks; a custodian ticks a young child's task; not a mature child's", () => {
		expect(writes.tickTask(ctx(yasmin), 'task-yasmin-therapist', true).ok).toBe(true);
		expect(view(yasmin).tasks.find((t) => t.id === 'task-yasmin-therapist')?.done).toBe(true);
		expect(writes.tickTask(ctx(amal), 'task-omar-homework', true).ok).toBe(true);
		expect(writes.tickTask(ctx(amal), 'task-yasmin-therapist', false)).toMatchObject({ ok: false, status: 403 });
	});

	it('a professional ticks only their own task; the coordinator any', () => {
		expect(writes.tickTask(ctx(mikko), 'task-mikko-visits', true).ok).toBe(true);
		expect(writes.tickTask(ctx(mikko), 'task-sanna-arrangement', true)).toMatchObject({ ok: false, status: 403 });
		expect(writes.tickTask(ctx(anna), 'task-sanna-arrangement', true).ok).toBe(true);
	});

	it('an unknown task or another family is not found', () => {
		expect(writes.tickTask(ctx(amal), 'task-nope', true)).toMatchObject({ ok: false, status: 404 });
		expect(writes.tickTask(ctx(amal, 'fam-lahtinen'), 'task-sari-safetyplan', true)).toMatchObject({ ok: false, status: 404 });
	});
});

describe('W3 goals and tasks', () => {
	it('the coordinator creates a goal and a task; a team member only where plan consent covers it', () => {
		const goal = writes.createGoal(ctx(anna), { subject: 'omar', text: 'Omar sleeps well' });
		expect(goal.ok).toBe(true);
		const goalId = (goal as { id: string }).id;
		expect(writes.createTask(ctx(mikko), { goal: goalId, assignee: 'omar', text: 'Bedtime 20:30', due: '2026-12-20' }).ok).toBe(true);
		expect(writes.createGoal(ctx(mikko), { subject: 'yasmin', text: 'x' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.createGoal(ctx(amal), { subject: 'omar', text: 'x' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.createTask(ctx(anna), { goal: goalId, assignee: 'pro-timo', text: 'x' })).toMatchObject({ ok: false, status: 404 });
		expect(writes.createTask(ctx(anna), { goal: goalId, text: 'x', due: '2026-13-01' })).toMatchObject({ ok: false, status: 400 });
	});
});

describe('W4 consents', () => {
	it('an entitled member grants; the team member then sees; revocation is immediate', () => {
		expect(view(sanna).services.map((s) => s.id)).not.toContain('svc-omar-familywork');
		const granted = writes.decideConsent(ctx(amal), { subject: 'omar', granteeOrganisation: 'org-asw', categories: ['services'], decision: 'grant' });
		expect(granted.ok).toBe(true);
		expect(view(sanna).services.map((s) => s.id)).toContain('svc-omar-familywork');
		expect(writes.revokeConsent(ctx(amal), (granted as { id: string }).id).ok).toBe(true);
		expect(view(sanna).services.map((s) => s.id)).not.toContain('svc-omar-familywork');
	});

	it('a custodian cannot decide for a mature child; the child can', () => {
		expect(writes.decideConsent(ctx(amal), { subject: 'yasmin', granteeOrganisation: 'org-asw', categories: ['services'], decision: 'grant' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.decideConsent(ctx(yasmin), { subject: 'yasmin', granteeOrganisation: 'org-familywork', categories: ['plan'], decision: 'grant' }).ok).toBe(true);
	});

	it('a blocked father is not entitled for his children', () => {
		expect(writes.decideConsent(ctx(jari, 'fam-lahtinen'), { subject: 'eetu', granteeOrganisation: 'org-school', categories: ['services'], decision: 'refuse' })).toMatchObject({ ok: false, status: 403 });
	});

	it('the coordinator records a paper decision for the grantor; another team member cannot', () => {
		const recorded = writes.decideConsent(ctx(anna), { grantor: 'amal', subject: 'amal', granteeProfessional: 'pro-mikko', categories: ['services'], decision: 'grant' });
		expect(recorded.ok).toBe(true);
		const consent = view(anna).consents.find((c) => c.id === (recorded as { id: string }).id)!;
		expect(consent.grantor).toBe('amal');
		expect(writes.decideConsent(ctx(mikko), { grantor: 'amal', subject: 'amal', granteeProfessional: 'pro-mikko', categories: ['services'], decision: 'grant' })).toMatchObject({ ok: false, status: 403 });
	});

	it('bad input: no grantee, both grantees, unknown grantee, end before start', () => {
		const base = { subject: 'omar', categories: ['services'], decision: 'grant' };
		expect(writes.decideConsent(ctx(amal), base)).toMatchObject({ ok: false, status: 400 });
		expect(writes.decideConsent(ctx(amal), { ...base, granteeProfessional: 'pro-anna', granteeOrganisation: 'org-cw' })).toMatchObject({ ok: false, status: 400 });
		expect(writes.decideConsent(ctx(amal), { ...base, granteeOrganisation: 'org-nowhere' })).toMatchObject({ ok: false, status: 400, issues: { grantee: 'unknown' } });
		expect(writes.decideConsent(ctx(amal), { ...base, granteeOrganisation: 'org-asw', until: '2026-11-01' })).toMatchObject({ ok: false, status: 400, issues: { until: 'after-from' } });
		expect(writes.decideConsent(ctx(amal), { ...base, categories: [], granteeOrganisation: 'org-asw' })).toMatchObject({ ok: false, status: 400 });
	});
});

describe('W4 revoking needs an entitled grantor (P6)', () => {
	it("a mother cannot revoke her old grant about a daughter who has become mature, nor the coordinator for her; the button is not offered", () => {
		// c-amal-yasmin-old: Amal's grant from before Yasmin was mature; it counts for nothing now (P4, P6).
		expect(view(amal).consents.find((c) => c.id === 'c-amal-yasmin-old')).toMatchObject({ canRevoke: false });
		expect(writes.revokeConsent(ctx(amal), 'c-amal-yasmin-old')).toMatchObject({ ok: false, status: 403 });
		expect(writes.revokeConsent(ctx(anna), 'c-amal-yasmin-old')).toMatchObject({ ok: false, status: 403 });
		expect(view(anna).consents.find((c) => c.id === 'c-amal-yasmin-old')).toMatchObject({ revoked: null, canRevoke: false });
		// Her grant about Omar, who is not mature, she revokes.
		expect(view(amal).consents.find((c) => c.id === 'c-amal-omar-familywork')).toMatchObject({ canRevoke: true });
		expect(writes.revokeConsent(ctx(amal), 'c-amal-omar-familywork').ok).toBe(true);
		expect(writes.revokeConsent(ctx(amal), 'c-amal-omar-familywork')).toMatchObject({ ok: false, status: 403 }); // nothing left to revoke
	});

	it("a father blocked for his daughter is not entitled: the coordinator cannot revoke his grant on his behalf", () => {
		const hanna = pro('pro-hanna', 'org-cw');
		expect(view(hanna, 'fam-lahtinen').consents.find((c) => c.id === 'c-jari-eveliina-shelter')).toMatchObject({ canRevoke: false });
		expect(writes.revokeConsent(ctx(hanna, 'fam-lahtinen'), 'c-jari-eveliina-shelter')).toMatchObject({ ok: false, status: 403 });
		expect(writes.revokeConsent(ctx(jari, 'fam-lahtinen'), 'c-jari-eveliina-shelter')).toMatchObject({ ok: false, status: 403 });
	});

	it('the revoke button is offered exactly where the write succeeds (every demo member and professional, every consent they see)', () => {
		const scenario = JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8')) as {
			professionals: { id: string; organisation: string }[];
			families: { id: string; members: { id: string; name: string; username?: string }[] }[];
		};
		let offered = 0, refused = 0;
		for (const family of scenario.families) {
			const readers: Principal[] = [
				...family.members.filter((m) => m.username).map((m): Principal => ({ kind: 'member', memberId: m.id, familyId: family.id, name: m.name })),
				...scenario.professionals.map((p) => pro(p.id, p.organisation))
			];
			for (const me of readers) {
				const seen = readFamilyView(test.db, me, family.id, clock, 'family-page')?.consents ?? [];
				// Revoking one decision changes nothing about whether another may be revoked.
				for (const consent of seen) {
					expect(writes.revokeConsent(ctx(me, family.id), consent.id).ok, `${JSON.stringify(me)} ${consent.id}`).toBe(consent.canRevoke);
					if (consent.canRevoke) offered++; else refused++;
				}
			}
		}
		expect(offered).toBeGreaterThan(5);
		expect(refused).toBeGreaterThan(5);
	});
});

describe('a write gathers its facts, decides and writes in one transaction', () => {
	it('another connection cannot change the family between the decision and the write', async () => {
		const { default: Database } = await import('better-sqlite3');
		const other = new Database(test.path, { timeout: 0 });
		const attempts: string[] = [];
		// The clock is read while the write runs (its facts, its date): that moment, the
		// coordinator's other tab tries to block the mother for Omar, which would end her right to revoke.
		const during = {
			now: clock.now,
			get today() {
				try {
					other.prepare("INSERT INTO blocks (id, family_id, member_id, child_id, reason, set_by, \"from\", review) VALUES (?, 'fam-haddad', 'amal', 'omar', 'violence', 'pro-anna', ?, '2027-01-01')")
						.run(`b-race-${attempts.length}`, clock.today);
					attempts.push('written');
				} catch (e) {
					attempts.push((e as { code?: string }).code ?? String(e));
				}
				return clock.today;
			}
		};
		try {
			expect(writes.revokeConsent({ db: test.db, who: amal, familyId: 'fam-haddad', clock: during }, 'c-amal-omar-familywork').ok).toBe(true);
			expect(attempts.length).toBeGreaterThan(0);
			expect(new Set(attempts)).toEqual(new Set(['SQLITE_BUSY']));
		} finally {
			other.close();
		}
		// After the write the block goes in, and from then on she may not revoke (P6).
		expect(writes.setBlock(ctx(anna), { member: 'amal', child: 'omar', reason: 'violence', review: '2027-01-01' }).ok).toBe(true);
		expect(writes.revokeConsent(ctx(amal), 'c-amal-self-asw').ok).toBe(true); // her own data: still hers
	});

	it('a write that fails half-way leaves nothing written', () => {
		const hanna = pro('pro-hanna', 'org-cw'), lahtinen = ctx(hanna, 'fam-lahtinen');
		expect(writes.setInformationRight(lahtinen, { adult: 'jari', child: 'eetu', categories: ['services'] }).ok).toBe(true);
		const rights = () => test.db.$client.prepare("SELECT categories FROM information_rights WHERE adult_id = 'jari' AND child_id = 'eetu'").pluck().all();
		expect(rights()).toEqual(['["services"]']);
		// The replacement's insert fails after its delete ran: the delete must not stay.
		test.db.$client.exec("CREATE TRIGGER fail_insert BEFORE INSERT ON information_rights BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
		expect(() => writes.setInformationRight(lahtinen, { adult: 'jari', child: 'eetu', categories: ['services', 'plan'] })).toThrow(/disk trouble/);
		expect(rights()).toEqual(['["services"]']);
	});
});

describe('W5 blocks, team, maturity, information rights', () => {
	it('the coordinator blocks a parent for a child; the parent then loses the child and gets the notice', () => {
		expect(view(amal).services.map((s) => s.subject)).toContain('omar');
		const blocked = writes.setBlock(ctx(anna), { member: 'amal', child: 'omar', reason: 'other', review: '2027-01-01', note: 'Test' });
		expect(blocked.ok).toBe(true);
		const after = view(amal);
		expect(after.services.map((s) => s.subject)).not.toContain('omar');
		expect(after.notice).toEqual({ organisation: 'Itäisen alueen lastensuojelu' });
		expect(after.basic?.team.map((t) => t.role)).toEqual(['coordinator']);
		expect(writes.changeBlock(ctx(anna), (blocked as { id: string }).id, { reason: 'violence', review: '2027-02-01' }).ok).toBe(true);
		expect(writes.liftBlock(ctx(anna), (blocked as { id: string }).id).ok).toBe(true);
		expect(view(amal).services.map((s) => s.subject)).toContain('omar');
	});

	it('blocks need a reason and a review date, and only the coordinator sets them', () => {
		expect(writes.setBlock(ctx(anna), { member: 'amal', child: 'omar', reason: 'other' })).toMatchObject({ ok: false, status: 400, issues: { review: expect.any(String) } });
		expect(writes.setBlock(ctx(mikko), { member: 'amal', reason: 'other', review: '2027-01-01' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.setBlock(ctx(anna), { member: 'amal', child: 'amal', reason: 'other', review: '2027-01-01' })).toMatchObject({ ok: false, status: 404 });
	});

	it('the coordinator changes the team; at most one coordinator at a time', () => {
		// Before he is on the team he sees the family as an invitee (basic consented), not as a team member.
		expect(view(pro('pro-pekka', 'org-school'))).toMatchObject({ id: 'fam-haddad', viewer: { kind: 'professional', invited: true } });
		expect(view(pro('pro-pekka', 'org-school')).viewer.role).toBeUndefined();
		const added = writes.addTeamMember(ctx(anna), { professional: 'pro-pekka', role: 'member', from: '2026-11-23' });
		expect(added.ok).toBe(true);
		expect(view(anna).basic?.team.map((t) => t.id)).toContain('pro-pekka');
		expect(writes.addTeamMember(ctx(anna), { professional: 'pro-hanna', role: 'coordinator', from: '2026-12-01' })).toMatchObject({ ok: false, issues: { role: 'one-coordinator' } });
		expect(writes.addTeamMember(ctx(mikko), { professional: 'pro-hanna', role: 'member', from: '2026-12-01' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.endTeamMembership(ctx(anna), Number((added as { id: string }).id)).ok).toBe(true);
		expect(view(anna).basic?.team.map((t) => t.id)).not.toContain('pro-pekka');
	});

	it('maturity and information rights are the coordinator\'s', () => {
		expect(writes.setMature(ctx(anna), { child: 'omar', mature: 'true' }).ok).toBe(true);
		expect(view(anna).basic?.members.find((m) => m.id === 'omar')?.mature).toBe(true);
		expect(writes.setMature(ctx(amal), { child: 'omar', mature: 'false' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.setMature(ctx(anna), { child: 'amal', mature: 'true' })).toMatchObject({ ok: false, status: 404 });
		const hanna = pro('pro-hanna', 'org-cw');
		expect(writes.setInformationRight(ctx(hanna, 'fam-lahtinen'), { adult: 'jari', child: 'eetu', categories: ['services', 'plan'] }).ok).toBe(true);
		expect(writes.setInformationRight(ctx(hanna, 'fam-lahtinen'), { adult: 'sari', child: 'eetu', categories: ['services'] })).toMatchObject({ ok: false, status: 404 });
	});
});

describe('W6 hiding from custodians', () => {
	it('a mature child hides plan from the custodian; the custodian loses it at once', () => {
		expect(view(amal).goals.map((g) => g.id)).toContain('goal-yasmin-school');
		expect(writes.setHiddenFromCustodians(ctx(yasmin), { categories: ['services', 'plan'] }).ok).toBe(true);
		expect(view(amal).goals.map((g) => g.id)).not.toContain('goal-yasmin-school');
		expect(view(yasmin).goals.map((g) => g.id)).toContain('goal-yasmin-school');
	});

	it('a custodian cannot hide for the child; the coordinator can', () => {
		expect(writes.setHiddenFromCustodians(ctx(amal), { child: 'yasmin', categories: [] })).toMatchObject({ ok: false, status: 403 });
		expect(writes.setHiddenFromCustodians(ctx(anna), { child: 'yasmin', categories: [] }).ok).toBe(true);
	});
});

describe('W1 check-ins and meeting answers', () => {
	it('a check-in keeps its picture card; a card or a sentence is enough, neither is an error', () => {
		const created = writes.createVoice(ctx(yasmin), { kind: 'checkin', feeling: 'calm', text: '', audience: 'team' }) as { ok: true; id: string };
		expect(created.ok).toBe(true);
		expect(view(anna).voice.find((v) => v.id === created.id)).toMatchObject({ feeling: 'calm', text: '', shareWithTeam: true });
		expect(writes.createVoice(ctx(yasmin), { kind: 'checkin', text: 'Just words' }).ok).toBe(true);
		expect(writes.createVoice(ctx(yasmin), { kind: 'checkin', text: ' ' })).toMatchObject({ ok: false, status: 400, issues: { feeling: 'required' } });
		expect(writes.createVoice(ctx(yasmin), { kind: 'checkin', feeling: 'furious' })).toMatchObject({ ok: false, status: 400 });
		expect(writes.createVoice(ctx(yasmin), { kind: 'view', text: 'x', feeling: 'calm' })).toMatchObject({ ok: false, status: 400 });
	});

	it('editing a check-in without the card keeps the card', () => {
		const { id } = writes.createVoice(ctx(yasmin), { kind: 'checkin', feeling: 'sad', text: 'first' }) as { id: string };
		expect(writes.updateVoice(ctx(yasmin), id, { text: 'second', audience: 'me' }).ok).toBe(true);
		expect(view(yasmin).voice.find((v) => v.id === id)).toMatchObject({ feeling: 'sad', text: 'second', kind: 'checkin' });
	});

	it('preparation before a meeting, feedback with a score after it; a second answer replaces the first', () => {
		const prep = writes.answerMeeting(ctx(yasmin), { kind: 'meeting-prep', meeting: 'meet-haddad-weekly', howAreYou: 'Better', score: '7' }) as { ok: true; id: string };
		expect(prep.ok).toBe(true);
		// A score belongs to feedback only; preparation drops it. Sent without a sharing choice, it stays the author's.
		expect(view(yasmin).voice.find((v) => v.id === prep.id)).toMatchObject({ kind: 'meeting-prep', meeting: 'meet-haddad-weekly', answers: { howAreYou: 'Better' }, score: null, shareWithTeam: false, shareWithFamily: false });
		const again = writes.answerMeeting(ctx(yasmin), { kind: 'meeting-prep', meeting: 'meet-haddad-weekly', talkAbout: 'School', audience: 'team' }) as { ok: true; id: string };
		expect(again.id).toBe(prep.id);
		expect(view(yasmin).voice.filter((v) => v.meeting === 'meet-haddad-weekly')).toHaveLength(1);
		expect(view(yasmin).voice.find((v) => v.id === prep.id)).toMatchObject({ answers: { talkAbout: 'School' }, shareWithTeam: true });

		const feedback = writes.answerMeeting(ctx(yasmin), { kind: 'feedback', meeting: 'meet-haddad-plan', score: '10', audience: 'team' }) as { ok: true; id: string };
		expect(feedback.ok).toBe(true);
		expect(view(anna).voice.find((v) => v.id === feedback.id)).toMatchObject({ score: 10, answers: {} });
	});

	it.each([
		['feedback before the meeting', { kind: 'feedback', meeting: 'meet-haddad-weekly', howDidItFeel: 'x' }, { status: 400, issues: { meeting: 'meeting-ahead' } }],
		['preparation after it began', { kind: 'meeting-prep', meeting: 'meet-haddad-plan', howAreYou: 'x' }, { status: 400, issues: { meeting: 'meeting-past' } }],
		['nothing answered', { kind: 'meeting-prep', meeting: 'meet-haddad-weekly' }, { status: 400, issues: { form: 'answer-something' } }],
		['a score over 10', { kind: 'feedback', meeting: 'meet-haddad-plan', score: '11' }, { status: 400 }],
		['a score that is not a whole number', { kind: 'feedback', meeting: 'meet-haddad-plan', score: '7.5' }, { status: 400 }],
		['an unknown meeting', { kind: 'feedback', meeting: 'meet-nowhere', score: '5' }, { status: 404 }],
		["another family's meeting", { kind: 'feedback', meeting: 'meet-makela-review', score: '5' }, { status: 404 }]
	])('%s is refused and nothing is written', (_name, input, expected) => {
		const before = test.db.$client.prepare('SELECT count(*) FROM voice_items').pluck().get();
		expect(writes.answerMeeting(ctx(yasmin), input)).toMatchObject({ ok: false, ...expected });
		expect(test.db.$client.prepare('SELECT count(*) FROM voice_items').pluck().get()).toBe(before);
	});

	it('a member blocked for a child cannot answer for a meeting that child takes part in (M6), nor a professional at all', () => {
		expect(writes.answerMeeting(ctx(jari, 'fam-lahtinen'), { kind: 'meeting-prep', meeting: 'meet-lahtinen-plan', howAreYou: 'x' })).toMatchObject({ ok: false, status: 404 });
		expect(writes.answerMeeting(ctx(jari, 'fam-lahtinen'), { kind: 'meeting-prep', meeting: 'meet-lahtinen-jari', howAreYou: 'x' }).ok).toBe(true);
		expect(writes.answerMeeting(ctx(anna), { kind: 'meeting-prep', meeting: 'meet-haddad-weekly', howAreYou: 'x' })).toMatchObject({ ok: false, status: 404 });
	});
});

describe('W1 a view of one goal', () => {
	it('names a goal its author may see; the goal is shown only to readers who may see it too', () => {
		const created = writes.createVoice(ctx(yasmin), { kind: 'view', text: 'School is better', goal: 'goal-yasmin-school', audience: 'team' }) as { ok: true; id: string };
		expect(created.ok).toBe(true);
		expect(view(anna).voice.find((v) => v.id === created.id)).toMatchObject({ goal: 'goal-yasmin-school' });
		// Mikko reads the view (shared with the team) but not Yasmin's plan: the goal is not named to him.
		expect(view(mikko).voice.find((v) => v.id === created.id)).toMatchObject({ goal: null, text: 'School is better' });
		expect(view(mikko).goals.some((g) => g.id === 'goal-yasmin-school')).toBe(false);
	});

	it("refuses a goal the author may not see, a check-in about a goal, and keeps the goal when editing the text", () => {
		expect(writes.createVoice(ctx(yasmin), { kind: 'view', text: 'x', goal: 'goal-amal-debts' })).toMatchObject({ ok: false, status: 404 });
		expect(writes.createVoice(ctx(yasmin), { kind: 'checkin', feeling: 'calm', goal: 'goal-yasmin-school' })).toMatchObject({ ok: false, status: 400 });
		const { id } = writes.createVoice(ctx(yasmin), { kind: 'view', text: 'first', goal: 'goal-yasmin-school' }) as { id: string };
		expect(writes.updateVoice(ctx(yasmin), id, { text: 'second', audience: 'me' }).ok).toBe(true);
		expect(view(yasmin).voice.find((v) => v.id === id)).toMatchObject({ goal: 'goal-yasmin-school', text: 'second' });
	});
});

describe('W8, W9 and the emergency review in the database', () => {
	const hanna = pro('pro-hanna', 'org-cw');
	it('the coordinator moves the path: today moves the stage, a later day only plans it', () => {
		expect(writes.moveServicePath(ctx(anna), { stage: 'review', from: '' }).ok).toBe(true);
		let basic = view(anna).basic!;
		expect(basic.stage).toBe('review');
		expect(basic.path).toContainEqual({ stage: 'review', from: '2026-11-23' });
		expect(writes.moveServicePath(ctx(anna), { stage: 'ended', from: '2027-01-31' }).ok).toBe(true);
		basic = view(anna).basic!;
		expect(basic.stage).toBe('review');
		expect(basic.path.map((p) => p.stage)).toEqual(['referral', 'assessment', 'plan', 'working', 'review', 'ended']);
		expect(writes.moveServicePath(ctx(mikko), { stage: 'ended', from: '' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.moveServicePath(ctx(anna), { stage: 'nowhere' })).toMatchObject({ ok: false, status: 400 });
	});

	it('the coordinator adds a service and ends it; bad input is refused whole', () => {
		const added = writes.addService(ctx(anna), { subject: 'omar', name: 'Speech therapy', provider: 'org-school', status: 'planned', start: '2026-12-01', contact: 'pro-mikko' }) as { ok: true; id: string };
		expect(added.ok).toBe(true);
		expect(view(anna).services.find((s) => s.id === added.id)).toMatchObject({ subject: 'omar', status: 'planned', contact: { id: 'pro-mikko' } });
		expect(writes.endService(ctx(anna), added.id).ok).toBe(true);
		expect(view(anna).services.find((s) => s.id === added.id)).toMatchObject({ status: 'ended', end: '2026-11-23' });
		expect(writes.endService(ctx(anna), added.id)).toMatchObject({ ok: false, status: 404 }); // already ended
		expect(writes.addService(ctx(anna), { subject: 'omar', name: 'x', provider: 'org-nowhere', status: 'active' })).toMatchObject({ ok: false, issues: { provider: 'unknown' } });
		expect(writes.addService(ctx(anna), { subject: 'omar', name: 'x', provider: 'org-school', status: 'active', start: '2026-12-01', end: '2026-11-01' })).toMatchObject({ ok: false, issues: { end: 'after-from' } });
		expect(writes.addService(ctx(anna), { subject: 'sari', name: 'x', provider: 'org-school', status: 'active' })).toMatchObject({ ok: false, status: 404 });
		expect(writes.addService(ctx(mikko), { subject: 'omar', name: 'x', provider: 'org-school', status: 'active' })).toMatchObject({ ok: false, status: 403 });
	});

	it('a note is dated and authored by its writer; a team member writes only where the family consented', () => {
		const note = writes.addAssessment(ctx(anna), { subject: 'omar', area: 'social-skills', text: 'Plays with others at school' }) as { ok: true; id: string };
		expect(view(anna).assessments.find((a) => a.id === note.id)).toMatchObject({ area: 'social-skills', created: '2026-11-23', author: { id: 'pro-anna' } });
		expect(writes.addAssessment(ctx(mikko), { subject: 'yasmin', area: 'care', text: 'x' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.addAssessment(ctx(anna), { subject: 'omar', area: 'astrology', text: 'x' })).toMatchObject({ ok: false, status: 400 });
		expect(writes.addAssessment(ctx(amal), { subject: 'omar', area: 'care', text: 'x' })).toMatchObject({ ok: false, status: 403 });
	});

	it('the coordinator marks an emergency access reviewed, once', () => {
		expect(view(hanna, 'fam-lahtinen').emergencyAccesses[0]).toMatchObject({ reviewedAt: null, canReview: true });
		// A team member may not review it (the coordinator's duty, P8).
		expect(writes.reviewEmergency(ctx(pro('pro-maria', 'org-shelter'), 'fam-lahtinen'), 'ea-lahtinen-1')).toMatchObject({ ok: false, status: 403 });
		expect(writes.reviewEmergency(ctx(hanna, 'fam-lahtinen'), 'ea-lahtinen-1').ok).toBe(true);
		expect(view(hanna, 'fam-lahtinen').emergencyAccesses[0]).toMatchObject({ canReview: false });
		expect(view(hanna, 'fam-lahtinen').emergencyAccesses[0].reviewedAt).not.toBeNull();
		expect(writes.reviewEmergency(ctx(hanna, 'fam-lahtinen'), 'ea-lahtinen-1')).toMatchObject({ ok: false, status: 404 });
	});
});

describe('P7 mapping invitations in the database', () => {
	const pekka = pro('pro-pekka', 'org-school');
	it('a team member invites; the invitee answers with three lights, which ends the invitation and his sight of the family', () => {
		const created = writes.inviteProfessional(ctx(mikko), { to: 'pro-pekka', text: 'Can you join the assessment?' }) as { ok: true; id: string };
		expect(created.ok).toBe(true);
		expect(writes.answerInvitation(ctx(pekka), created.id, { information: 'green', concern: 'amber', available: 'red' })).toMatchObject({ ok: false, status: 400 });
		expect(writes.answerInvitation(ctx(pekka), created.id, { information: 'green', available: 'red' })).toMatchObject({ ok: false, issues: { concern: 'required' } });
		expect(writes.answerInvitation(ctx(pekka), created.id, { information: 'green', concern: 'yellow', available: 'red', note: 'Absent often' }).ok).toBe(true);
		const seen = view(anna).invitations.find((i) => i.id === created.id)!;
		expect(seen).toMatchObject({ answer: { information: 'green', concern: 'yellow', available: 'red', note: 'Absent often' }, open: false, canWithdraw: false });
		expect(seen.answered).not.toBeNull();
		// The older invitation to Pekka (inv-haddad-curator) is still open, so he still sees the basics; not this one.
		expect(view(pekka).invitations.map((i) => i.id)).toEqual(['inv-haddad-curator']);
		expect(writes.answerInvitation(ctx(pekka), created.id, { information: 'red', concern: 'red', available: 'red' })).toMatchObject({ ok: false, status: 403 });
	});

	it('refuses inviting someone already on the team, an unknown professional, and an outsider inviting', () => {
		expect(writes.inviteProfessional(ctx(anna), { to: 'pro-mikko', text: 'x' })).toMatchObject({ ok: false, issues: { to: 'already-on-team' } });
		expect(writes.inviteProfessional(ctx(anna), { to: 'pro-nobody', text: 'x' })).toMatchObject({ ok: false, issues: { to: 'unknown' } });
		expect(writes.inviteProfessional(ctx(anna), { to: 'pro-pekka', text: ' ' })).toMatchObject({ ok: false, issues: { text: 'required' } });
		expect(writes.inviteProfessional(ctx(pekka), { to: 'pro-ville', text: 'x' })).toMatchObject({ ok: false, status: 403 });
	});

	it('the inviter withdraws an open invitation; the invitee then sees nothing', () => {
		expect(writes.withdrawInvitation(ctx(mikko), 'inv-haddad-curator')).toMatchObject({ ok: false, status: 403 }); // not the inviter
		expect(writes.withdrawInvitation(ctx(anna), 'inv-haddad-curator').ok).toBe(true);
		expect(readFamilyView(test.db, pekka, 'fam-haddad', clock, 'family-page')).toBeNull();
	});
});

describe('consultations (W8 to open and record; notes are assessment data, the answer plan data)', () => {
	const johanna = pro('pro-johanna', 'org-cw'), elina = pro('pro-elina', 'org-consult'), ville = pro('pro-ville', 'org-kotomaki');
	const aleksi = member('aleksi', 'fam-makela'), tiina = member('tiina', 'fam-makela');
	const makela = (who: Principal) => ctx(who, 'fam-makela');
	const inMakela = (who: Principal) => view(who, 'fam-makela');

	it('the team records notes and an answer; the young person sees the answer only, his mother nothing (M5)', () => {
		const opened = writes.openConsultation(makela(johanna), { subject: 'aleksi', question: 'Weekends?' }) as { ok: true; id: string };
		expect(opened.ok).toBe(true);
		expect(inMakela(aleksi).consultations).toEqual([expect.objectContaining({ id: opened.id, answer: null })]);
		expect(inMakela(aleksi).consultations[0].notes).toBeUndefined();
		expect(writes.createVoice(makela(aleksi), { kind: 'view', text: 'Call me on Fridays', consultation: opened.id, audience: 'team' }).ok).toBe(true);
		expect(writes.recordConsultation(makela(elina), opened.id, {})).toMatchObject({ ok: false, issues: { form: 'answer-something' } });
		expect(writes.recordConsultation(makela(elina), opened.id, { situation: 'Risky weekends', answer: 'A call every Friday' }).ok).toBe(true);
		const seenByTeam = inMakela(elina).consultations[0];
		expect(seenByTeam).toMatchObject({ answer: 'A call every Friday', answered: '2026-11-23', notes: { question: 'Weekends?', situation: 'Risky weekends', answeredBy: 'Elina Aalto' } });
		expect(inMakela(elina).voice.some((v) => v.consultation === opened.id && v.text === 'Call me on Fridays')).toBe(true);
		expect(inMakela(aleksi).consultations[0]).toMatchObject({ answer: 'A call every Friday' });
		expect(inMakela(tiina).consultations).toEqual([]);
	});

	it('refuses those who may not: a family member opening one, a mother asking in a consultation she may not see, a team member without consent', () => {
		const { id } = writes.openConsultation(makela(johanna), { subject: 'aleksi', question: 'Q' }) as { id: string };
		expect(writes.openConsultation(makela(tiina), { subject: 'aleksi', question: 'Q' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.createVoice(makela(tiina), { kind: 'view', text: 'x', consultation: id })).toMatchObject({ ok: false, status: 404 });
		expect(writes.recordConsultation(makela(pro('pro-mikko', 'org-familywork')), id, { answer: 'x' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.recordConsultation(makela(ville), id, { answer: 'From the youth home' }).ok).toBe(true);
	});
});

describe('T1 tags in the database and in the reminders', () => {
	const liisa = pro('pro-liisa', 'org-youthhealth');
	it('the coordinator raises Yasmin\'s nurse visits to the nurse, not to a colleague who may not see them; the nurse handles it', async () => {
		const { remindersOf } = await import('../../../src/lib/server/reminders');
		expect(writes.addTag(ctx(anna), { item: 'service:svc-yasmin-nurse', to: 'pro-mikko' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.addTag(ctx(anna), { item: 'service:svc-nowhere', to: 'pro-liisa' })).toMatchObject({ ok: false, status: 403 });
		expect(writes.addTag(ctx(anna), { item: 'nonsense', to: 'pro-liisa' })).toMatchObject({ ok: false, status: 400 });
		const created = writes.addTag(ctx(anna), { item: 'service:svc-yasmin-nurse', to: 'pro-liisa', note: 'Please call Yasmin' }) as { ok: true; id: string };
		expect(created.ok).toBe(true);
		const reminders = remindersOf(view(liisa), 'pro-liisa', '2026-11-23');
		expect(reminders.find((r) => r.kind === 'tag')).toMatchObject({ about: { name: 'Anna Virtanen', text: 'Please call Yasmin' }, itemId: 'svc-yasmin-nurse' });
		expect(view(mikko).tags).toEqual([]);
		expect(writes.handleTag(ctx(mikko), created.id)).toMatchObject({ ok: false, status: 403 });
		expect(writes.handleTag(ctx(liisa), created.id).ok).toBe(true);
		expect(remindersOf(view(liisa), 'pro-liisa', '2026-11-23').some((r) => r.kind === 'tag')).toBe(false);
	});
});

describe('scheduling meetings (any active team member; basic data)', () => {
	it('keeps Helsinki time with the right offset in winter and summer, and the family sees it', () => {
		const winter = writes.scheduleMeeting(ctx(mikko), { date: '2026-12-03', time: '15:00', title: 'Family work', participants: ['amal', 'yasmin', 'pro-mikko'] }) as { ok: true; id: string };
		expect(winter.ok).toBe(true);
		const seen = view(yasmin).meetings.find((x) => x.id === winter.id)!;
		expect(seen.start).toBe('2026-12-03T15:00:00+02:00');
		expect(seen.participants.map((p) => p.name)).toEqual(['Amal', 'Yasmin', 'Mikko Korhonen']);
		expect(seen.upcoming).toBe(true);
		const summer = writes.scheduleMeeting(ctx(anna), { date: '2027-06-10', time: '09:30', participants: [] }) as { ok: true; id: string };
		expect(view(anna).meetings.find((x) => x.id === summer.id)!.start).toBe('2027-06-10T09:30:00+03:00');
	});

	it('refuses a stranger among the participants, a bad time, and family members scheduling', () => {
		expect(writes.scheduleMeeting(ctx(anna), { date: '2026-12-03', time: '15:00', participants: ['sari'] })).toMatchObject({ ok: false, status: 404 });
		expect(writes.scheduleMeeting(ctx(anna), { date: '2026-12-03', time: '25:00' })).toMatchObject({ ok: false, issues: { time: 'time' } });
		expect(writes.scheduleMeeting(ctx(amal), { date: '2026-12-03', time: '15:00' })).toMatchObject({ ok: false, status: 403 });
	});
});

describe('naming a colleague', () => {
	it('by id, username or e-mail, case aside; an unknown name is a clear error', async () => {
		const { findProfessional } = await import('../../../src/lib/server/administration');
		expect(findProfessional(test.db, 'pro-pekka')).toBe('pro-pekka');
		expect(findProfessional(test.db, ' PEKKA ')).toBe('pro-pekka');
		expect(findProfessional(test.db, 'Pekka@Demo.example')).toBe('pro-pekka');
		expect(findProfessional(test.db, 'nobody')).toBeNull();
		expect(writes.addTeamMember(ctx(anna), { professional: 'nobody', role: 'member', from: '2026-11-23' })).toMatchObject({ ok: false, issues: { professional: 'unknown' } });
	});
});
