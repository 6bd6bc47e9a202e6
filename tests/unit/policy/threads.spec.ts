/**
 * G1-G5 as tables: who reads a thread, who starts one with whom, who replies, withdraws,
 * adds a participant; the boundaries of a membership ending today, a block starting today
 * and a withdrawn message; the G5 log entry of a professional's read.
 */
import { describe, expect, it } from 'vitest';
import { decide, type Action } from '../../../src/lib/server/policy/decide';
import type { WriteKind } from '../../../src/lib/server/policy/write';
import { computeFacts } from '../../../src/lib/server/policy/facts';
import { buildFamilyView } from '../../../src/lib/server/policy/view';
import { choosablePeople, newMessageRecipients } from '../../../src/lib/server/policy/threads';
import type { FamilyRecord, PersonRef, Principal, RuleId, ThreadRecord } from '../../../src/lib/server/policy/types';
import { addDays } from '../../../src/lib/server/time';
import { asAdmin, asMember, asPro, baseFamily, CLOCK, consent, PROS, TODAY } from './family-fixture';

const mum = asMember('mum'), dad = asMember('dad'), step = asMember('step'), kid = asMember('kid'), teen = asMember('teen');
const coord = asPro(PROS.coord), school = asPro(PROS.school), nurse = asPro(PROS.nurse), outsider = asPro(PROS.outsider), police = asPro(PROS.police);

function thread(id: string, members: string[], pros: (keyof typeof PROS)[], withdrawn = false): ThreadRecord {
	const author = members[0] ? { kind: 'member' as const, id: members[0] } : { kind: 'professional' as const, id: PROS[pros[0]].id };
	return {
		id, created: `${TODAY}T08:00:00Z`, startedBy: author, members, professionals: pros.map((p) => PROS[p]),
		messages: [
			{ id: `${id}-1`, author, text: `First of ${id}`, sent: `${TODAY}T08:00:00Z`, withdrawnAt: withdrawn ? `${TODAY}T08:05:00Z` : null },
			{ id: `${id}-2`, author: { kind: 'professional', id: PROS[pros[0]].id }, text: `Answer in ${id}`, sent: `${TODAY}T09:00:00Z`, withdrawnAt: null }
		]
	};
}

/** The fixture family with four threads, one of them the teenager's private line. */
function family(): FamilyRecord {
	const r = baseFamily();
	r.threads = [
		thread('th-teen-nurse', ['teen'], ['nurse']),
		thread('th-mum-coord', ['mum'], ['coord'], true),
		thread('th-dad-kid', ['dad', 'kid'], ['school']),
		thread('th-dad-coord', ['dad'], ['coord'])
	];
	return r;
}
type Setup = (r: FamilyRecord) => void;
const block = (member: string, child: string | null, from = TODAY): Setup => (r) => {
	r.blocks.push({ id: `b-${member}-${child}`, member, child, reason: 'violence', setBy: 'coord', from, until: null, review: addDays(TODAY, 30), note: null });
};
const teamUntil = (pro: string, until: string): Setup => (r) => { r.team.find((t) => t.professional.id === pro)!.until = until; };
const emergency: Setup = (r) => { r.emergencyAccesses.push({ id: 'ea', professional: PROS.police, reason: 'r', opened: new Date(CLOCK.now.getTime() - 3600_000).toISOString(), reviewedAt: null, reviewedBy: null }); };
const teenConsents: Setup = (r) => { r.consents.push(consent('teen', 'teen', ['services', 'plan', 'assessment'], { organisation: 'org-school' })); };
const none: Setup = () => {};

function decideIn(setup: Setup, who: Principal, action: (r: FamilyRecord) => Action) {
	const r = family();
	setup(r);
	return decide(computeFacts(r, CLOCK), who, action(r));
}
const read = (id: string) => (r: FamilyRecord): Action => ({ type: 'read.thread', thread: r.threads.find((t) => t.id === id)! });

type Row = [string, Setup, Principal, string, boolean, RuleId[]];
const READS: Row[] = [
	['a participant reads her thread (G1)', none, teen, 'th-teen-nurse', true, ['G1']],
	['her custodian does not: custody opens no thread (G1)', none, mum, 'th-teen-nurse', false, ['G1']],
	['the coordinator sees only threads she is in (G1)', none, coord, 'th-teen-nurse', false, ['G1']],
	['the professional participant on the team (G1, G2)', none, nurse, 'th-teen-nurse', true, ['G1', 'G2']],
	['... whose membership ends today no longer (G2, P1)', teamUntil('nurse', TODAY), nurse, 'th-teen-nurse', false, ['G2', 'P1']],
	['... whose membership ends tomorrow still does', teamUntil('nurse', addDays(TODAY, 1)), nurse, 'th-teen-nurse', true, ['G1', 'G2']],
	['a consent opens no thread (G1)', teenConsents, school, 'th-teen-nurse', false, ['G1']],
	['an emergency access opens no thread (G1)', emergency, police, 'th-teen-nurse', false, ['G1']],
	['an outsider professional reads nothing (G1)', none, outsider, 'th-teen-nurse', false, ['G1']],
	['an administrator reads nothing (A1)', none, asAdmin, 'th-teen-nurse', false, ['A1']],
	['a participant with the child in it (G1)', none, dad, 'th-dad-kid', true, ['G1']],
	['blocked for the child from today: not any more (G3)', block('dad', 'kid'), dad, 'th-dad-kid', false, ['G3', 'M6']],
	['blocked for the child from tomorrow: still today', block('dad', 'kid', addDays(TODAY, 1)), dad, 'th-dad-kid', true, ['G1']],
	['the child still reads it (the block binds the blocked one)', block('dad', 'kid'), kid, 'th-dad-kid', true, ['G1']],
	['blocked for the child: his thread with the coordinator stays (G3)', block('dad', 'kid'), dad, 'th-dad-coord', true, ['G1']],
	['blocked at family scope: only where he is the sole family participant (G3)', block('dad', null), dad, 'th-dad-coord', true, ['G1', 'G3']],
	['... and not where another member takes part (G3)', block('dad', null), dad, 'th-dad-kid', false, ['G3', 'M6']],
	['another member of the family, not a participant (G1)', none, step, 'th-dad-kid', false, ['G1']]
];

describe('G1-G3: reading a thread', () => {
	it.each(READS)('%s', (_name, setup, who, id, allowed, rules) => {
		const d = decideIn(setup, who, read(id));
		expect(d.allow).toBe(allowed);
		expect(d.rules).toEqual(rules);
	});

	it('the view holds exactly the threads each reader may read, a withdrawn message without its text', () => {
		const r = family();
		const ids = (who: Principal) => buildFamilyView(r, who, CLOCK).view?.threads.map((t) => t.id).sort() ?? [];
		expect(ids(teen)).toEqual(['th-teen-nurse']);
		expect(ids(mum)).toEqual(['th-mum-coord']);
		expect(ids(coord)).toEqual(['th-dad-coord', 'th-mum-coord']);
		expect(ids(nurse)).toEqual(['th-teen-nurse']);
		expect(ids(school)).toEqual(['th-dad-kid']);
		expect(ids(step)).toEqual([]);
		const mine = buildFamilyView(r, mum, CLOCK).view!.threads[0];
		expect(mine.messages[0]).toMatchObject({ id: 'th-mum-coord-1', withdrawn: true, canWithdraw: false });
		expect(mine.messages[0]).not.toHaveProperty('text');
		expect(mine.messages[1]).toMatchObject({ text: 'Answer in th-mum-coord', withdrawn: false, canWithdraw: false });
		expect(JSON.stringify(buildFamilyView(r, coord, CLOCK).view)).not.toContain('First of th-mum-coord');
	});
});

describe('G5: a professional\'s read is logged with the thread', () => {
	it('the nurse\'s view notes a messages read naming the thread; the coordinator\'s notes nothing of it', () => {
		const r = family();
		const nurseReads = buildFamilyView(r, nurse, CLOCK).reads.filter((x) => x.category === 'messages');
		expect(nurseReads).toEqual([{ subject: null, category: 'messages', thread: 'th-teen-nurse', allowed: true, rules: ['G1', 'G2'], consents: [] }]);
		const coordReads = buildFamilyView(r, coord, CLOCK).reads.filter((x) => x.category === 'messages');
		expect(coordReads.map((x) => x.thread).sort()).toEqual(['th-dad-coord', 'th-mum-coord']);
	});
	it('a professional off the team who was a participant: a denied entry, no messages', () => {
		const r = family();
		teamUntil('nurse', TODAY)(r);
		const built = buildFamilyView(r, nurse, CLOCK);
		expect(built.view).toBeNull();
	});
});

const people = (...keys: string[]): PersonRef[] => keys.map((k) => {
	const [kind, id] = k.split(':');
	return { kind: kind as PersonRef['kind'], id };
});
type StartRow = [string, Setup, Principal, PersonRef[], boolean];
const STARTS: StartRow[] = [
	['a young person writes to her nurse (G4)', none, teen, people('professional:nurse'), true],
	['a parent writes to the coordinator with the other parent (G4)', none, mum, people('professional:coord', 'member:dad'), true],
	['only members: no professional', none, mum, people('member:dad'), false],
	['nobody else', none, mum, [], false],
	['a professional not on the team', none, mum, people('professional:outsider'), false],
	['a professional whose membership ends today (G2)', teamUntil('nurse', TODAY), teen, people('professional:nurse'), false],
	['blocked for the child: not with the child (G3)', block('dad', 'kid'), dad, people('professional:coord', 'member:kid'), false],
	['blocked for the child: not another team member (M6 team list)', block('dad', 'kid'), dad, people('professional:school'), false],
	['blocked: always the coordinator (G3)', block('dad', 'kid'), dad, people('professional:coord'), true],
	['blocked at family scope: only the coordinator (G4)', block('dad', null), dad, people('professional:coord', 'member:mum'), false],
	['a member may not bring together a blocked pair (G3)', block('dad', 'kid'), mum, people('professional:coord', 'member:dad', 'member:kid'), false],
	['blocked for a child: not with the other parent either (a violence block closes the channel)', block('dad', 'kid'), dad, people('professional:coord', 'member:mum'), false],
	['... nor may the other parent start one with him', block('dad', 'kid'), mum, people('professional:coord', 'member:dad'), false],
	['... nor a professional put the two together', block('dad', 'kid'), school, people('member:dad', 'member:mum'), false],
	['... while a professional still writes to him alone', block('dad', 'kid'), coord, people('member:dad'), true],
	['a team professional starts with members and colleagues (G2)', none, school, people('member:mum', 'professional:nurse'), true],
	['... but not with a blocked pair (G3)', block('dad', 'kid'), school, people('member:dad', 'member:kid'), false],
	['... nor with a member blocked at family scope and another member (G3)', block('dad', null), school, people('member:dad', 'member:mum'), false],
	['an outsider professional starts nothing (G2)', none, outsider, people('member:mum'), false],
	['an emergency access starts nothing (G2)', emergency, police, people('member:mum'), false]
];

describe('G2-G4: starting a thread', () => {
	it.each(STARTS)('%s', (_name, setup, who, others, allowed) => {
		expect(decideIn(setup, who, () => ({ type: 'thread.start', others })).allow).toBe(allowed);
	});

	it('the form\'s choices are the check\'s: every choosable person alone with a professional is allowed, nobody else', () => {
		for (const setup of [none, block('dad', 'kid'), block('dad', null)]) {
			const r = family();
			setup(r);
			const facts = computeFacts(r, CLOCK);
			for (const who of [mum, dad, kid, teen, step, coord, school]) {
				const choosable = choosablePeople(facts, who);
				for (const person of choosable) {
					const others = person.kind === 'professional' || who.kind === 'professional' ? [person] : [person, { kind: 'professional' as const, id: 'coord' }];
					expect(decide(facts, who, { type: 'thread.start', others }).allow, `${JSON.stringify(who)} ${person.id}`).toBe(true);
				}
			}
		}
		const r = family();
		block('dad', null)(r);
		expect(choosablePeople(computeFacts(r, CLOCK), dad)).toEqual([{ kind: 'professional', id: 'coord' }]);
	});
});

describe('G1: replying, withdrawing, adding, marking read', () => {
	const reply = (id: string) => (r: FamilyRecord): Action => ({ type: 'thread.reply', thread: r.threads.find((t) => t.id === id)! });
	it.each([
		['a participant', none, teen, 'th-teen-nurse', true],
		['her custodian', none, mum, 'th-teen-nurse', false],
		['the coordinator, not in it', none, coord, 'th-teen-nurse', false],
		['the nurse whose membership ends today', teamUntil('nurse', TODAY), nurse, 'th-teen-nurse', false],
		['the father blocked for the child since today', block('dad', 'kid'), dad, 'th-dad-kid', false],
		['the father blocked for the child, to the coordinator', block('dad', 'kid'), dad, 'th-dad-coord', true]
	] as [string, Setup, Principal, string, boolean][])('reply: %s', (_name, setup, who, id, allowed) => {
		expect(decideIn(setup, who, reply(id)).allow).toBe(allowed);
		expect(decideIn(setup, who, (r) => ({ type: 'thread.markRead', thread: r.threads.find((t) => t.id === id)! })).allow).toBe(allowed);
	});

	const withdraw = (id: string, message: string) => (r: FamilyRecord): Action => {
		const t = r.threads.find((x) => x.id === id)!;
		return { type: 'thread.withdraw', thread: t, message: t.messages.find((m) => m.id === message)! };
	};
	it.each([
		['the author her own message', none, teen, 'th-teen-nurse', 'th-teen-nurse-1', true],
		['not someone else\'s', none, teen, 'th-teen-nurse', 'th-teen-nurse-2', false],
		['a message already withdrawn is not withdrawn again', none, mum, 'th-mum-coord', 'th-mum-coord-1', false],
		['the professional author, on the team', none, nurse, 'th-teen-nurse', 'th-teen-nurse-2', true],
		['the professional author, off the team since today', teamUntil('nurse', TODAY), nurse, 'th-teen-nurse', 'th-teen-nurse-2', false]
	] as [string, Setup, Principal, string, string, boolean][])('withdraw: %s', (_name, setup, who, id, message, allowed) => {
		expect(decideIn(setup, who, withdraw(id, message)).allow).toBe(allowed);
	});

	const add = (id: string, person: string, confirmed = true) => (r: FamilyRecord): Action =>
		({ type: 'thread.addParticipant', thread: r.threads.find((t) => t.id === id)!, person: people(person)[0], confirmed });
	it.each([
		['the coordinator adds a parent to her thread, confirmed', none, coord, add('th-mum-coord', 'member:dad'), true],
		['... not without confirming that the newcomer reads the whole thread', none, coord, add('th-mum-coord', 'member:dad', false), false],
		['... a colleague of the team', none, coord, add('th-mum-coord', 'professional:nurse'), true],
		['... not someone off the team', none, coord, add('th-mum-coord', 'professional:outsider'), false],
		['... not someone already in it', none, coord, add('th-mum-coord', 'member:mum'), false],
		['... not to a thread she is not in', none, coord, add('th-teen-nurse', 'member:mum'), false],
		['... not a child the father is blocked for, into his thread (G3)', block('dad', 'kid'), coord, add('th-dad-coord', 'member:kid'), false],
		['... not anyone into the thread of a member blocked at family scope (G3)', block('dad', null), coord, add('th-dad-coord', 'member:mum'), false],
		['a team member may not add', none, school, add('th-dad-kid', 'member:mum'), false],
		['a member may not add', none, mum, add('th-mum-coord', 'member:dad'), false]
	] as [string, Setup, Principal, (r: FamilyRecord) => Action, boolean][])('add: %s', (_name, setup, who, action, allowed) => {
		expect(decideIn(setup, who, action).allow).toBe(allowed);
	});

	it('every thread write the rules allow passes the gate first', () => {
		for (const setup of [none, block('dad', 'kid'), block('dad', null), teamUntil('nurse', TODAY)]) {
			const r = family();
			setup(r);
			const facts = computeFacts(r, CLOCK);
			for (const who of [mum, dad, step, kid, teen, coord, school, nurse, outsider, police, asAdmin]) {
				const actions: Action[] = [
					{ type: 'thread.start', others: people('professional:coord') },
					...r.threads.flatMap((t): Action[] => [
						{ type: 'thread.reply', thread: t }, { type: 'thread.markRead', thread: t },
						...t.messages.map((message): Action => ({ type: 'thread.withdraw', thread: t, message })),
						{ type: 'thread.addParticipant', thread: t, person: { kind: 'member', id: 'step' }, confirmed: true }
					])
				];
				for (const action of actions) {
					if (!decide(facts, who, action).allow) continue;
					expect(decide(facts, who, { type: 'write.attempt', write: action.type as WriteKind }).allow).toBe(true);
				}
			}
		}
	});
});

describe('N2 for a new message', () => {
	it('the recipients are the other participants who may read the thread now', () => {
		const r = family();
		block('dad', 'kid')(r);
		const facts = computeFacts(r, CLOCK);
		const t = r.threads.find((x) => x.id === 'th-dad-kid')!;
		expect(newMessageRecipients(facts, t, { kind: 'professional', id: 'school' })).toEqual([{ kind: 'member', id: 'kid' }]);
		const teenLine = r.threads.find((x) => x.id === 'th-teen-nurse')!;
		expect(newMessageRecipients(facts, teenLine, { kind: 'member', id: 'teen' })).toEqual([{ kind: 'professional', id: 'nurse' }]);
	});
});
