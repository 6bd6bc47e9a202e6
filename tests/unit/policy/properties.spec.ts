/**
 * The policy's invariants on random families (fast-check): no standing means nothing,
 * blocks dominate (M7 version 2: any block hides family-level plan items), voice belongs to its author, refusal dominates, granting never hides
 * and revoking never shows, assessments never reach the family.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFamilyView, type FamilyView } from '../../../src/lib/server/policy/view';
import { computeFacts } from '../../../src/lib/server/policy/facts';
import { decide } from '../../../src/lib/server/policy/decide';
import type { ConsentRecord, FamilyRecord, Principal, ProfessionalRecord } from '../../../src/lib/server/policy/types';
import { addDays } from '../../../src/lib/server/time';
import { asAdmin, asMember, asPro, bornYearsAgo, CLOCK, member, NOW, professional, TODAY } from './family-fixture';

const ORGS = ['org-a', 'org-b', 'org-c'];
const POOL: ProfessionalRecord[] = [
	professional('p0', 'org-a'), professional('p1', 'org-a'), professional('p2', 'org-b'),
	professional('p3', 'org-b'), professional('p4', 'org-c'), professional('p5', 'org-c', true)
];
const CATEGORIES = ['basic', 'services', 'plan', 'assessment'] as const;

const day = fc.integer({ min: -40, max: 40 }).map((offset) => addDays(TODAY, offset));
const maybeDay = fc.option(day, { nil: null });
const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);

/** A random family: 1-3 adults, 0-3 children around the age boundaries, and everything in it. */
const familyArb: fc.Arbitrary<FamilyRecord> = fc
	.record({
		adults: fc.integer({ min: 1, max: 3 }),
		children: fc.array(fc.record({
			age: fc.constantFrom(5, 11, 12, 14, 17, 18),
			plusDays: fc.constantFrom(0, 1),
			mature: fc.constantFrom(null, true, false),
			hidden: fc.subarray(['services', 'plan'] as ('services' | 'plan')[]),
			custodianMask: fc.integer({ min: 0, max: 7 }),
			protectedIdentity: fc.boolean()
		}), { maxLength: 3 }),
		seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
		team: fc.array(fc.record({ pro: fc.nat(5), role: fc.constantFrom('coordinator', 'member'), from: day, until: maybeDay }), { maxLength: 5 }),
		consents: fc.array(fc.record({
			decision: fc.constantFrom('grant', 'refuse'), grantor: fc.nat(), subject: fc.nat(), familyLevel: fc.boolean(),
			byOrg: fc.boolean(), grantee: fc.nat(5), categories: fc.subarray([...CATEGORIES], { minLength: 1 }),
			from: day, until: maybeDay, revoked: maybeDay
		}), { maxLength: 10 }),
		blocks: fc.array(fc.record({ member: fc.nat(), child: fc.option(fc.nat(), { nil: null }), from: day, until: maybeDay }), { maxLength: 3 }),
		voice: fc.array(fc.record({ author: fc.nat(), family: fc.boolean(), team: fc.boolean(), aboutFamilyGoal: fc.boolean(), aboutMeeting: fc.option(fc.nat(), { nil: null }), aboutConsultation: fc.option(fc.nat(), { nil: null }) }), { maxLength: 6 }),
		invitations: fc.array(fc.record({ to: fc.nat(5), daysAgo: fc.integer({ min: 0, max: 20 }), answered: fc.boolean(), withdrawn: fc.boolean() }), { maxLength: 2 }),
		emergencyHoursAgo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
		infoRight: fc.option(fc.record({ adult: fc.nat(), child: fc.nat(), categories: fc.subarray(['services', 'plan'] as ('services' | 'plan')[], { minLength: 1 }) }), { nil: null })
	})
	.map((g) => {
		const adults = Array.from({ length: g.adults }, (_, i) => member(`a${i}`, `19${80 + i}-03-0${i + 1}`));
		const children = g.children.map((c, i) =>
			member(`c${i}`, bornYearsAgo(c.age, c.plusDays), {
				mature: c.mature, hiddenFromCustodians: c.hidden, protectedIdentity: c.protectedIdentity,
				custodians: adults.filter((_, a) => c.custodianMask & (1 << a)).map((a) => a.id)
			})
		);
		const members = [...adults, ...children];
		const any = (n: number) => members[n % members.length].id;
		if (g.infoRight) {
			const child = children.length ? children[g.infoRight.child % children.length].id : null;
			if (child) adults[g.infoRight.adult % adults.length].informationRights.push({ child, categories: g.infoRight.categories });
		}
		// At most one coordinator at a time (the loader guarantees it): keep the first.
		let coordinatorTaken = false;
		const team = g.team.map((t, i) => {
			const role = t.role === 'coordinator' && !coordinatorTaken ? 'coordinator' : 'member';
			if (role === 'coordinator') coordinatorTaken = true;
			return { id: i, professional: POOL[t.pro], role, from: t.from, until: t.until } as FamilyRecord['team'][number];
		});
		const services = members.map((m, i) => ({
			id: `s${i}`, subject: m.id, name: `Service of ${m.id}`, providerId: 'org-a', providerName: 'A', unit: `Unit of ${m.id}`,
			status: 'active' as const, start: null, end: null, contact: POOL[g.seed[i] % POOL.length]
		}));
		const goals = [{ id: 'g-family', subject: null, text: 'Family goal' }, ...members.map((m, i) => ({ id: `g${i}`, subject: m.id, text: `Goal of ${m.id}` }))];
		const tasks = members.map((m, i) => ({
			id: `t${i}`, goal: goals[g.seed[10 + i] % goals.length].id, assigneeMember: g.seed[20 + i] % 3 === 0 ? null : m.id,
			assigneeProfessional: g.seed[20 + i] % 3 === 0 ? POOL[0] : null, text: `Task ${i}`, due: null, done: false
		}));
		const assessments = [{ id: 'as-family', subject: null, area: 'other', author: POOL[0], text: 'A', created: null },
			...members.map((m, i) => ({ id: `as${i}`, subject: m.id, area: 'care', author: POOL[0], text: 'A', created: null }))];
		const consents: ConsentRecord[] = g.consents.map((c, i) => ({
			id: `c${i}`, decision: c.decision as 'grant' | 'refuse', grantor: any(c.grantor), subject: c.familyLevel ? null : any(c.subject),
			granteeProfessional: c.byOrg ? null : POOL[c.grantee].id, granteeOrganisation: c.byOrg ? ORGS[c.grantee % ORGS.length] : null,
			granteeName: '', categories: c.categories, from: c.from, until: c.until, revoked: c.revoked, recordedBy: null
		}));
		const blocks = g.blocks.map((b, i) => ({
			id: `b${i}`, member: any(b.member), child: b.child === null || children.length === 0 ? null : children[b.child % children.length].id,
			reason: 'violence', setBy: 'p0', from: b.from, until: b.until, review: TODAY, note: null
		})).filter((b) => b.member !== b.child);
		const childMeetings = children.map((_, i) => `meet${i}`);
		// One consultation about each child; a family member's view may be a question to it.
		const consultations = children.map((c, i) => ({
			id: `cons${i}`, subject: c.id, createdBy: POOL[0], created: TODAY, question: `Question about ${c.id}`,
			situation: null, rootCauses: null, plan: null, answer: i % 2 === 0 ? `Answer about ${c.id}` : null, answeredBy: null, answered: i % 2 === 0 ? TODAY : null
		}));
		const voice = g.voice.map((v, i) => ({
			id: `v${i}`, author: any(v.author), kind: v.aboutMeeting === null ? 'view' as const : 'meeting-prep' as const, text: `Voice ${i}`,
			shareWithFamily: v.family, shareWithTeam: v.team, created: TODAY,
			// A preparation names a meeting: one of a child's, or the adults' one.
			meeting: v.aboutMeeting === null ? null : [...childMeetings, 'meet-adults'][v.aboutMeeting % (childMeetings.length + 1)],
			goal: v.aboutFamilyGoal ? 'g-family' : null, feeling: null, answers: null, score: null,
			consultation: v.aboutMeeting === null && v.aboutConsultation !== null && consultations.length > 0 ? consultations[v.aboutConsultation % consultations.length].id : null
		}));
		const invitations = g.invitations.map((inv, i) => ({
			id: `inv${i}`, from: POOL[0], to: POOL[inv.to], text: 'Join', created: addDays(TODAY, -inv.daysAgo),
			answered: inv.answered ? TODAY : null, withdrawn: inv.withdrawn, answer: null
		}));
		const emergencyAccesses = g.emergencyHoursAgo === null ? [] : [{
			id: 'ea', professional: POOL[5], reason: 'r', opened: new Date(NOW.getTime() - g.emergencyHoursAgo * 3600_000).toISOString(), reviewedAt: null, reviewedBy: null
		}];
		// One meeting per child (with a custodian) and one of the adults: blocks must hide the first kind.
		const meetings = [
			...children.map((c, i) => ({ id: `meet${i}`, start: '2026-12-01T10:00:00Z', title: null, members: [c.id, ...c.custodians.slice(0, 1)], professionals: [POOL[0]], place: null, interpreterBooked: [] })),
			{ id: 'meet-adults', start: '2026-12-02T10:00:00Z', title: null, members: members.filter((m) => !children.includes(m)).map((m) => m.id), professionals: [], place: null, interpreterBooked: [] }
		];
		return { id: 'fam', name: 'Random', stage: 'working', path: [], meetings, outcomes: [], consultations, tags: [], threads: [], members, team, services, goals, tasks, assessments, voice, consents, blocks, invitations, emergencyAccesses,
			safetySignals: g.voice.slice(0, 2).map((v, i) => ({ id: `sig${i}`, member: any(v.author), word: null, created: TODAY, handledAt: null, handledBy: null })) } as FamilyRecord;
	});

const principalsOf = (record: FamilyRecord): Principal[] => [...record.members.map((m) => asMember(m.id)), ...POOL.map(asPro), asAdmin];

/** Every item id a view shows, with its kind, and every unit shown. */
function visibleIds(view: FamilyView | null): Set<string> {
	if (!view) return new Set();
	const ids = [
		...(view.basic ? ['basic'] : []),
		...view.services.map((s) => s.id), ...view.services.filter((s) => s.unit).map((s) => `unit:${s.id}`),
		...view.goals.map((g) => g.id), ...view.tasks.map((t) => t.id), ...view.assessments.map((a) => a.id),
		...view.voice.map((v) => v.id), ...view.meetings.map((m) => m.id)
	];
	return new Set(ids);
}

const viewOf = (record: FamilyRecord, who: Principal) => buildFamilyView(record, who, CLOCK).view;
const RUNS = { numRuns: 300 };

describe('policy invariants on random families', () => {
	it('no team, no invitation, no emergency: a professional sees nothing', () => {
		// The assertion below stands in an `if`: the count proves the families drawn reach it.
		let professionalsWithout = 0;
		fc.assert(fc.property(familyArb, (record) => {
			const facts = computeFacts(record, CLOCK);
			for (const pro of POOL) {
				const standing = facts.teamRole(pro.id) || facts.openInvitationsTo(pro.id).length > 0 || (pro.authority && facts.openEmergencyBy(pro.id).length > 0);
				if (!standing) {
					professionalsWithout++;
					expect(viewOf(record, asPro(pro))).toBeNull();
				}
			}
		}), RUNS);
		expect(professionalsWithout).toBeGreaterThan(RUNS.numRuns / 10);
	});

	it('administrators see nothing of any family', () => {
		fc.assert(fc.property(familyArb, (record) => {
			expect(viewOf(record, asAdmin)).toBeNull();
		}), RUNS);
	});

	it("a blocked member never sees the blocked child's items or voice", () => {
		fc.assert(fc.property(familyArb, (record) => {
			const facts = computeFacts(record, CLOCK);
			for (const b of facts.activeBlocks) {
				const view = viewOf(record, asMember(b.member))!;
				if (b.child === null) {
					// Family scope: only their own data.
					expect(view.basic).toBeNull();
					expect(view.services.every((s) => s.subject === b.member)).toBe(true);
					expect([...view.goals, ...view.tasks].every((i) => i.subject === b.member)).toBe(true);
					expect(view.voice.every((v) => v.author === b.member)).toBe(true);
					expect(view.meetings).toEqual([]);
				} else {
					expect(view.services.some((s) => s.subject === b.child)).toBe(false);
					expect([...view.goals, ...view.tasks].some((i) => i.subject === b.child)).toBe(false);
					expect(view.voice.some((v) => v.author === b.child)).toBe(false);
					// A meeting the child takes part in would tell where the child will be.
					expect(view.meetings.some((m) => m.participants.some((p) => p.id === b.child))).toBe(false);
				}
				expect(view.meetings.flatMap((m) => m.participants).filter((p) => p.kind === 'professional')
					.every((p) => p.id === facts.coordinator?.professional.id)).toBe(true);
				expect(view.notice).not.toBeNull();
				expect(view.blocks).toEqual([]);
				expect(view.basic?.team.every((t) => t.role === 'coordinator') ?? true).toBe(true);
			}
		}), RUNS);
	});

	it('M7 (version 2): a member with any active block sees no family-level plan item but their own tasks, and nothing of a family-level goal', () => {
		fc.assert(fc.property(familyArb, (record) => {
			const facts = computeFacts(record, CLOCK);
			const familyGoals = record.goals.filter((g) => g.subject === null);
			for (const m of record.members) {
				if (!facts.hasAnyBlock(m.id)) continue;
				const view = viewOf(record, asMember(m.id))!;
				expect(view.goals.filter((g) => g.subject === null)).toEqual([]);
				// A task under a family goal is seen only where its subject is a member: their own (M1), or a child's (M3/M10).
				expect(view.tasks.filter((t) => t.subject === null)).toEqual([]);
				const everything = JSON.stringify(view);
				for (const g of familyGoals) {
					expect(everything).not.toContain(g.text);
					expect(everything).not.toContain(g.id);
				}
			}
			// Own tasks stay: every task assigned to a blocked member is in their view.
			for (const t of record.tasks) {
				if (!t.assigneeMember || !facts.hasAnyBlock(t.assigneeMember)) continue;
				expect(viewOf(record, asMember(t.assigneeMember))!.tasks.map((x) => x.id)).toContain(t.id);
			}
		}), RUNS);
	});

	it('a voice item reaches only those its author shared with', () => {
		fc.assert(fc.property(familyArb, (record) => {
			for (const who of principalsOf(record)) {
				for (const v of viewOf(record, who)?.voice ?? []) {
					if (who.kind === 'member') expect(who.memberId === v.author || v.shareWithFamily).toBe(true);
					else expect(v.shareWithTeam).toBe(true);
				}
			}
		}), RUNS);
	});

	it('a safety signal reaches only its sender and the coordinator, never another member or professional', () => {
		fc.assert(fc.property(familyArb, (record) => {
			const facts = computeFacts(record, CLOCK);
			for (const m of record.members) {
				const seen = viewOf(record, asMember(m.id))!.safetySignals.map((s) => s.id);
				expect(seen).toEqual(record.safetySignals.filter((s) => s.member === m.id).map((s) => s.id));
			}
			for (const p of POOL) {
				const coordinator = facts.teamRole(p.id) === 'coordinator';
				expect(viewOf(record, asPro(p))?.safetySignals.length ?? 0).toBe(coordinator ? record.safetySignals.length : 0);
			}
		}), RUNS);
	});

	it('assessments never reach a family member', () => {
		fc.assert(fc.property(familyArb, (record) => {
			for (const m of record.members) expect(viewOf(record, asMember(m.id))!.assessments).toEqual([]);
		}), RUNS);
	});

	it('an in-force refusal by an entitled person closes P4', () => {
		fc.assert(fc.property(familyArb, fc.nat(), fc.nat(5), fc.constantFrom('services', 'plan', 'assessment'), (record, s, p, category) => {
			const subject = record.members[s % record.members.length].id;
			const pro = asPro(POOL[p]);
			const facts = computeFacts(record, CLOCK);
			const entitled = record.members.filter((m) => decide(facts, asMember(m.id), { type: 'consent.decide', grantor: m.id, subject }).allow);
			fc.pre(entitled.length > 0);
			const refused = structuredClone(record);
			refused.consents.push({
				id: 'refusal', decision: 'refuse', grantor: entitled[0].id, subject, granteeProfessional: POOL[p].id, granteeOrganisation: null,
				granteeName: '', categories: [category], from: TODAY, until: null, revoked: null, recordedBy: null
			});
			const d = decide(computeFacts(refused, CLOCK), pro, { type: 'read.category', category, subject });
			expect(d.allow && d.rules.includes('P4')).toBe(false);
		}), RUNS);
	});

	it('adding a grant never hides anything; revoking never shows anything', () => {
		const newGrant = fc.record({ grantor: fc.nat(), subject: fc.nat(), familyLevel: fc.boolean(), grantee: fc.nat(5), byOrg: fc.boolean(), categories: fc.subarray([...CATEGORIES], { minLength: 1 }) });
		fc.assert(fc.property(familyArb, newGrant, (record, g) => {
			const granted = structuredClone(record);
			granted.consents.push({
				id: 'new-grant', decision: 'grant', grantor: record.members[g.grantor % record.members.length].id,
				subject: g.familyLevel ? null : record.members[g.subject % record.members.length].id,
				granteeProfessional: g.byOrg ? null : POOL[g.grantee].id, granteeOrganisation: g.byOrg ? ORGS[g.grantee % 3] : null,
				granteeName: '', categories: g.categories, from: TODAY, until: null, revoked: null, recordedBy: null
			});
			const revoked = structuredClone(granted);
			for (const c of revoked.consents) if (c.decision === 'grant') c.revoked = TODAY;
			for (const who of principalsOf(record)) {
				const before = visibleIds(viewOf(record, who));
				const after = visibleIds(viewOf(granted, who));
				for (const id of before) expect(after.has(id), `${id} hidden from ${JSON.stringify(who)} by a grant`).toBe(true);
				const afterRevoke = visibleIds(viewOf(revoked, who));
				for (const id of afterRevoke) expect(after.has(id), `${id} shown to ${JSON.stringify(who)} by a revocation`).toBe(true);
			}
		}), { numRuns: 150 });
	});

	it('an item names another item (a goal, a meeting, a consultation) only when the reader sees that one too', () => {
		// The counts prove the families drawn reach the meeting and consultation links, not only the empty case.
		let meetingLinks = 0, consultationLinks = 0;
		fc.assert(fc.property(familyArb, (record) => {
			for (const who of principalsOf(record)) {
				const view = viewOf(record, who);
				if (!view) continue;
				const seen = new Set([...view.goals, ...view.meetings, ...view.consultations].map((i) => i.id));
				const links = [...view.voice.flatMap((v) => [v.goal, v.meeting, v.consultation]), ...view.tasks.map((t) => t.goal)].filter((id) => id !== null);
				meetingLinks += view.voice.filter((v) => v.meeting !== null).length;
				consultationLinks += view.voice.filter((v) => v.consultation !== null).length;
				expect(links.filter((id) => !seen.has(id))).toEqual([]);
			}
		}), RUNS);
		expect(meetingLinks).toBeGreaterThan(RUNS.numRuns / 10);
		expect(consultationLinks).toBeGreaterThan(RUNS.numRuns / 10);
	});

	it('every shown item carries the rules that allowed it', () => {
		fc.assert(fc.property(familyArb, (record) => {
			for (const who of principalsOf(record)) {
				const view = viewOf(record, who);
				if (!view) continue;
				for (const item of [...view.services, ...view.goals, ...view.tasks, ...view.assessments, ...view.voice, ...view.consents]) {
					expect(item.why.rules.length).toBeGreaterThan(0);
				}
			}
		}), { numRuns: 100 });
	});
});
