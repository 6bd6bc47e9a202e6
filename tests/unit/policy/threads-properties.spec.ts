/**
 * G1-G5 invariants on random families (fast-check): a member blocked for a child never
 * sees a thread the child is in; a professional off the team reads nothing; adding a
 * participant never hides anything from anyone; a member never learns of a thread they are
 * not in, not even by its id, a message of it or a count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFamilyView } from '../../../src/lib/server/policy/view';
import { computeFacts } from '../../../src/lib/server/policy/facts';
import { decide } from '../../../src/lib/server/policy/decide';
import type { FamilyRecord, Principal, ThreadRecord } from '../../../src/lib/server/policy/types';
import { addDays } from '../../../src/lib/server/time';
import { asMember, asPro, baseFamily, CLOCK, consent, PROS, TODAY } from './family-fixture';

const MEMBERS = ['mum', 'dad', 'step', 'kid', 'teen'];
const PRO_KEYS = ['coord', 'school', 'nurse', 'outsider', 'police'] as const;
const offset = fc.integer({ min: -3, max: 3 });

/** The fixture family with random blocks, team periods, an emergency, consents and threads. */
const familyArb: fc.Arbitrary<FamilyRecord> = fc.record({
	blocks: fc.array(fc.record({ member: fc.nat(4), child: fc.option(fc.nat(4), { nil: null }), from: offset, until: fc.option(offset, { nil: null }) }), { maxLength: 3 }),
	untils: fc.array(fc.option(offset, { nil: null }), { minLength: 3, maxLength: 3 }),
	emergency: fc.boolean(),
	consents: fc.boolean(),
	threads: fc.array(fc.record({
		members: fc.subarray(MEMBERS),
		pros: fc.subarray([...PRO_KEYS], { minLength: 1 }),
		messages: fc.array(fc.record({ byMember: fc.boolean(), pick: fc.nat(), withdrawn: fc.boolean(), daysAgo: fc.nat(3) }), { minLength: 1, maxLength: 3 })
	}), { minLength: 1, maxLength: 4 })
}).map((g) => {
	const r = baseFamily();
	g.blocks.forEach((b, i) => {
		const child = b.child === null ? null : MEMBERS[b.child];
		if (child === MEMBERS[b.member]) return;
		r.blocks.push({ id: `b${i}`, member: MEMBERS[b.member], child, reason: 'violence', setBy: 'coord', from: addDays(TODAY, b.from), until: b.until === null ? null : addDays(TODAY, b.until), review: TODAY, note: null });
	});
	r.team.forEach((t, i) => { t.until = g.untils[i] === null ? null : addDays(TODAY, g.untils[i]!); });
	if (g.emergency) r.emergencyAccesses.push({ id: 'ea', professional: PROS.police, reason: 'r', opened: new Date(CLOCK.now.getTime() - 3600_000).toISOString(), reviewedAt: null, reviewedBy: null });
	if (g.consents) for (const s of MEMBERS) r.consents.push(consent(s, s, ['services', 'plan', 'assessment'], { organisation: 'org-school' }));
	r.threads = g.threads.map((t, i): ThreadRecord => ({
		id: `th${i}`, created: `${TODAY}T08:00:00Z`, startedBy: null, members: t.members, professionals: t.pros.map((p) => PROS[p]),
		messages: t.messages.map((m, j) => {
			const member = m.byMember && t.members.length > 0;
			const id = member ? t.members[m.pick % t.members.length] : PROS[t.pros[m.pick % t.pros.length]].id;
			return { id: `th${i}-m${j}`, author: { kind: member ? 'member' : 'professional', id }, text: `secret text ${i}-${j}`, sent: `${addDays(TODAY, -m.daysAgo)}T0${j}:00:00Z`, withdrawnAt: m.withdrawn ? `${TODAY}T09:00:00Z` : null };
		})
	}));
	return r;
});

const principals: Principal[] = [...MEMBERS.map(asMember), ...PRO_KEYS.map((p) => asPro(PROS[p]))];
const RUNS = { numRuns: 300 };
const reads = (r: FamilyRecord, who: Principal, t: ThreadRecord) => decide(computeFacts(r, CLOCK), who, { type: 'read.thread', thread: t }).allow;

describe('G1-G5 invariants on random families', () => {
	it('a member blocked for a child never sees a thread the child takes part in', () => {
		fc.assert(fc.property(familyArb, (r) => {
			const facts = computeFacts(r, CLOCK);
			for (const b of facts.activeBlocks) {
				const view = buildFamilyView(r, asMember(b.member), CLOCK).view;
				for (const t of view?.threads ?? []) {
					const record = r.threads.find((x) => x.id === t.id)!;
					if (b.child) expect(record.members).not.toContain(b.child);
					else expect(record.members).toEqual([b.member]);
				}
			}
		}), RUNS);
	});

	it('a member never reads a message written on a day when a block kept them from its thread, also after the block ended', () => {
		fc.assert(fc.property(familyArb, (r) => {
			for (const member of MEMBERS) {
				for (const t of buildFamilyView(r, asMember(member), CLOCK).view?.threads ?? []) {
					const record = r.threads.find((x) => x.id === t.id)!;
					for (const shown of t.messages) {
						const day = record.messages.find((m) => m.id === shown.id)!.sent.slice(0, 10);
						const keptThen = r.blocks.some((b) => b.member === member && b.from <= day && (b.until === null || day < b.until)
							&& (b.child === null ? record.members.some((m) => m !== member) : record.members.includes(b.child)));
						expect(keptThen).toBe(false);
					}
				}
			}
		}), RUNS);
	});

	it('a professional off the team reads no thread, whatever consent or emergency access', () => {
		fc.assert(fc.property(familyArb, (r) => {
			const facts = computeFacts(r, CLOCK);
			for (const key of PRO_KEYS) {
				if (facts.teamRole(PROS[key].id)) continue;
				const who = asPro(PROS[key]);
				for (const t of r.threads) expect(reads(r, who, t)).toBe(false);
				expect(buildFamilyView(r, who, CLOCK).view?.threads ?? []).toEqual([]);
			}
		}), RUNS);
	});

	it('adding a participant never hides anything from anyone', () => {
		fc.assert(fc.property(familyArb, fc.nat(), (r, pick) => {
			const facts = computeFacts(r, CLOCK);
			const coordinator = asPro(PROS.coord);
			for (const t of r.threads) {
				const candidates = [...MEMBERS.map((id) => ({ kind: 'member' as const, id })), ...PRO_KEYS.map((p) => ({ kind: 'professional' as const, id: PROS[p].id }))];
				const person = candidates[pick % candidates.length];
				if (!decide(facts, coordinator, { type: 'thread.addParticipant', thread: t, person, confirmed: true }).allow) continue;
				const after: FamilyRecord = { ...r, threads: r.threads.map((x) => x.id !== t.id ? x : person.kind === 'member'
					? { ...x, members: [...x.members, person.id] }
					: { ...x, professionals: [...x.professionals, PROS[PRO_KEYS.find((k) => PROS[k].id === person.id)!]] }) };
				const added = after.threads.find((x) => x.id === t.id)!;
				for (const who of principals) {
					if (reads(r, who, t)) expect(reads(after, who, added), JSON.stringify(who)).toBe(true);
				}
			}
		}), RUNS);
	});

	it('a member never learns of a thread they are not in: no id, no message, no text in their view', () => {
		fc.assert(fc.property(familyArb, (r) => {
			for (const id of MEMBERS) {
				const view = buildFamilyView(r, asMember(id), CLOCK).view;
				const text = JSON.stringify(view);
				for (const t of r.threads) {
					if (t.members.includes(id)) continue;
					expect(text).not.toContain(`"${t.id}"`);
					for (const m of t.messages) {
						expect(text).not.toContain(`"${m.id}"`);
						expect(text).not.toContain(m.text);
					}
				}
				// The count of threads (what an unread count is made of) is exactly the member's readable ones.
				expect(view?.threads.length ?? 0).toBe(r.threads.filter((t) => reads(r, asMember(id), t)).length);
			}
		}), { numRuns: 100 });
	});
});
