/**
 * Messages with the team on a real database with the demo (G1-G5): writes, bad input that
 * writes nothing, the young person's private line, unread counts and the G5 log entries.
 */
import { describe, expect, it } from 'vitest';
import { currentClock, readAccessLog, readFamilyView } from '../../../src/lib/server/family-access';
import * as writes from '../../../src/lib/server/writes';
import { unreadByThread, unreadTotal } from '../../../src/lib/server/thread-unread';
import type { Principal } from '../../../src/lib/server/policy/types';
import { demoDatabaseEachTest } from './test-db';

const test = demoDatabaseEachTest();

const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const later = currentClock(new Date('2026-11-23T11:00:00Z'));
const member = (memberId: string, familyId: string): Principal => ({ kind: 'member', memberId, familyId, name: memberId });
const pro = (professionalId: string, organisationId: string): Principal => ({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const amal = member('amal', 'fam-haddad'), yasmin = member('yasmin', 'fam-haddad'), jari = member('jari', 'fam-lahtinen');
const anna = pro('pro-anna', 'org-cw'), liisa = pro('pro-liisa', 'org-youthhealth'), mikko = pro('pro-mikko', 'org-familywork');
const ctx = (who: Principal, familyId = 'fam-haddad', at = clock) => ({ db: test.db, who, familyId, clock: at });
const view = (who: Principal, familyId = 'fam-haddad') => readFamilyView(test.db, who, familyId, clock, 'family-page')!;
const count = (table: string) => test.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const rows = () => [count('threads'), count('thread_participants'), count('thread_messages')];

describe('G1-G4 writes', () => {
	it('Yasmin writes to her youth nurse, who answers; nothing of it reaches her mother or the coordinator', () => {
		const started = writes.startThread(ctx(yasmin), { participants: ['professional:pro-liisa'], text: 'Can we talk on Friday?' });
		expect(started.ok).toBe(true);
		const id = (started as { id: string }).id;
		expect(view(liisa).threads.map((t) => t.id)).toContain(id);
		expect(writes.replyInThread(ctx(liisa, 'fam-haddad', later), { thread: id, text: 'Yes, at two.' }).ok).toBe(true);
		expect(unreadByThread(test.db, yasmin, view(yasmin).threads)[id]).toBe(1);
		for (const other of [amal, anna, mikko]) {
			const text = JSON.stringify(view(other));
			expect(text).not.toContain(id);
			expect(text).not.toContain('Can we talk on Friday?');
		}
		expect(writes.markThreadRead(ctx(yasmin, 'fam-haddad', currentClock(new Date('2026-11-23T12:00:00Z'))), id).ok).toBe(true);
		expect(unreadByThread(test.db, yasmin, view(yasmin).threads)[id]).toBe(0);
	});

	it('a parent writes to the coordinator', () => {
		const started = writes.startThread(ctx(amal), { participants: ['professional:pro-anna'], text: 'A question about Omar' });
		expect(started.ok).toBe(true);
		expect(view(anna).threads.find((t) => t.id === (started as { id: string }).id)?.messages[0].text).toBe('A question about Omar');
		expect(unreadTotal(test.db, anna, view(anna).threads)).toBeGreaterThan(0);
	});

	it('bad input is a clear error and writes nothing, the text kept for the form', () => {
		const before = rows();
		expect(writes.startThread(ctx(amal), { participants: ['professional:pro-anna'], text: '   ' })).toMatchObject({ status: 400, issues: { text: 'required' } });
		expect(writes.startThread(ctx(amal), { participants: ['professional:pro-anna'], text: 'x'.repeat(4001) })).toMatchObject({ status: 400, issues: { text: 'too-long' } });
		expect(writes.startThread(ctx(amal), { participants: ['professional:pro-anna'], text: 'x'.repeat(4000) }).ok).toBe(true);
		const afterOne = rows();
		expect(afterOne).toEqual([before[0] + 1, before[1] + 2, before[2] + 1]);
		// Another family's member, a professional not on this team, only members, nobody: the choice is refused.
		for (const participants of [['member:eveliina'], ['professional:pro-hanna'], ['member:yasmin'], [], ['nobody']]) {
			expect(writes.startThread(ctx(amal), { participants, text: 'Hello' })).toMatchObject({ ok: false, status: 400 });
		}
		expect(writes.replyInThread(ctx(amal), { thread: 'th-amal-anna', text: '' })).toMatchObject({ status: 400 });
		expect(rows()).toEqual(afterOne);
	});

	it('a thread id of another family, or one the member is not in, is not found, and nothing is written', () => {
		const before = rows();
		expect(writes.replyInThread(ctx(amal), { thread: 'th-jari-hanna', text: 'Hi' })).toMatchObject({ status: 404 });
		expect(writes.replyInThread(ctx(amal), { thread: 'th-yasmin-nurse', text: 'Hi' })).toMatchObject({ status: 404 });
		expect(writes.replyInThread(ctx(anna), { thread: 'th-yasmin-nurse', text: 'Hi' })).toMatchObject({ status: 404 });
		expect(writes.withdrawMessage(ctx(amal), { thread: 'th-yasmin-nurse', message: 'msg-yasmin-nurse-1' })).toMatchObject({ status: 404 });
		expect(writes.markThreadRead(ctx(amal), 'th-yasmin-nurse')).toMatchObject({ status: 404 });
		expect(rows()).toEqual(before);
	});

	it('the author withdraws her own message, shown as withdrawn to everyone; nobody withdraws another\'s', () => {
		expect(writes.withdrawMessage(ctx(amal), { thread: 'th-amal-anna', message: 'msg-amal-anna-2' })).toMatchObject({ status: 403 });
		expect(writes.withdrawMessage(ctx(amal), { thread: 'th-amal-anna', message: 'msg-amal-anna-1' }).ok).toBe(true);
		const seen = view(anna).threads.find((t) => t.id === 'th-amal-anna')!.messages.find((m) => m.id === 'msg-amal-anna-1')!;
		expect(seen).toMatchObject({ withdrawn: true });
		expect(seen).not.toHaveProperty('text');
		expect(writes.withdrawMessage(ctx(amal), { thread: 'th-amal-anna', message: 'msg-amal-anna-1' })).toMatchObject({ status: 403 });
	});

	it('the coordinator adds a participant only after confirming that the newcomer reads the whole thread', () => {
		expect(writes.addThreadParticipant(ctx(anna), { thread: 'th-amal-anna', person: 'professional:pro-sanna' })).toMatchObject({ status: 400, issues: { confirm: 'confirm' } });
		expect(view(pro('pro-sanna', 'org-asw')).threads).toEqual([]);
		expect(writes.addThreadParticipant(ctx(anna), { thread: 'th-amal-anna', person: 'professional:pro-sanna', confirm: 'on' }).ok).toBe(true);
		expect(view(pro('pro-sanna', 'org-asw')).threads.map((t) => t.id)).toEqual(['th-amal-anna']);
		expect(writes.addThreadParticipant(ctx(mikko), { thread: 'th-amal-anna', person: 'member:omar', confirm: 'on' })).toMatchObject({ ok: false });
		expect(writes.addThreadParticipant(ctx(anna), { thread: 'th-yasmin-nurse', person: 'member:amal', confirm: 'on' })).toMatchObject({ status: 404 });
	});

	it('a father blocked for his children writes to the coordinator, not with a child (G3)', () => {
		const lahtinen = (who: Principal) => ctx(who, 'fam-lahtinen');
		expect(writes.startThread(lahtinen(jari), { participants: ['professional:pro-hanna', 'member:eveliina'], text: 'Hello' })).toMatchObject({ status: 400, issues: { participants: 'participant' } });
		expect(writes.startThread(lahtinen(jari), { participants: ['professional:pro-maria'], text: 'Hello' })).toMatchObject({ status: 400 });
		// His blocks name the children, but the restraining order's contacts go through the coordinator: not with their mother either.
		expect(writes.startThread(lahtinen(jari), { participants: ['professional:pro-hanna', 'member:sari'], text: 'Hello' })).toMatchObject({ status: 400, issues: { participants: 'participant' } });
		expect(writes.startThread(lahtinen(jari), { participants: ['professional:pro-hanna'], text: 'Hello' }).ok).toBe(true);
		// The thread from before the block, with Eveliina in it, is no longer his to read (G3).
		expect(view(jari, 'fam-lahtinen').threads.map((t) => t.id)).not.toContain('th-lahtinen-before-block');
	});
});

describe('G3 after a block ends', () => {
	it('the father reads the thread again, but not what was written while his blocks kept him from it; his unread count neither', () => {
		// Written before his blocks began (30 September), then his blocks end today.
		test.db.$client.prepare("UPDATE thread_messages SET sent = '2026-09-30T07:30:00+03:00' WHERE id = 'msg-lahtinen-before-block-1'").run();
		test.db.$client.prepare("UPDATE blocks SET until = '2026-11-23' WHERE member_id = 'jari'").run();
		const thread = view(jari, 'fam-lahtinen').threads.find((t) => t.id === 'th-lahtinen-before-block')!;
		expect(thread.messages.map((m) => m.id)).toEqual(['msg-lahtinen-before-block-1']);
		expect(JSON.stringify(view(jari, 'fam-lahtinen'))).not.toContain('turvakodilta');
		expect(unreadByThread(test.db, jari, [thread])['th-lahtinen-before-block']).toBe(1);
		// Written after the block: his to read. Eveliina and the coordinator read everything, as before.
		expect(writes.replyInThread(ctx(member('eveliina', 'fam-lahtinen'), 'fam-lahtinen', later), { thread: 'th-lahtinen-before-block', text: 'Kiitos.' }).ok).toBe(true);
		expect(view(jari, 'fam-lahtinen').threads.find((t) => t.id === 'th-lahtinen-before-block')!.messages).toHaveLength(2);
		for (const reader of [member('eveliina', 'fam-lahtinen'), pro('pro-hanna', 'org-cw')]) {
			expect(view(reader, 'fam-lahtinen').threads.find((t) => t.id === 'th-lahtinen-before-block')!.messages).toHaveLength(3);
		}
	});
});

describe('M6 in threads: a member with any block writes with the coordinator only', () => {
	const lahtinen = (who: Principal) => ctx(who, 'fam-lahtinen');
	const maria = pro('pro-maria', 'org-shelter'), hanna = pro('pro-hanna', 'org-cw');

	it('the shelter worker cannot start a thread with the blocked father, nor be added to his; the coordinator can write with him', () => {
		expect(writes.startThread(lahtinen(maria), { participants: ['member:jari'], text: 'Hei' })).toMatchObject({ status: 400 });
		expect(writes.startThread(lahtinen(maria), { participants: ['member:sari'], text: 'Hei' }).ok).toBe(true);
		expect(writes.addThreadParticipant(lahtinen(hanna), { thread: 'th-jari-hanna', person: 'professional:pro-maria', confirm: 'on' })).toMatchObject({ ok: false });
		expect(writes.startThread(lahtinen(hanna), { participants: ['member:jari'], text: 'Hei' }).ok).toBe(true);
	});

	it('in a thread a file gave him with another professional, he sees "a professional": neither her name nor her id', () => {
		const sql = test.db.$client;
		sql.prepare("INSERT INTO threads (id, family_id, created) VALUES ('th-file', 'fam-lahtinen', '2026-11-20T10:00:00Z')").run();
		sql.prepare("INSERT INTO thread_participants (family_id, thread_id, member_id, added_at) VALUES ('fam-lahtinen', 'th-file', 'jari', '2026-11-20T10:00:00Z')").run();
		sql.prepare("INSERT INTO thread_participants (family_id, thread_id, professional_id, added_at) VALUES ('fam-lahtinen', 'th-file', 'pro-maria', '2026-11-20T10:00:00Z')").run();
		sql.prepare("INSERT INTO thread_messages (id, family_id, thread_id, author_professional, text, sent) VALUES ('m-file', 'fam-lahtinen', 'th-file', 'pro-maria', 'Hei', '2026-11-20T10:00:00Z')").run();
		const thread = view(jari, 'fam-lahtinen').threads.find((t) => t.id === 'th-file')!;
		expect(thread.participants).toEqual(['jari', '(professional)']);
		expect(thread.messages[0].author).toBe('(professional)');
		expect(JSON.stringify(thread)).not.toMatch(/maria|Maria|Heikkinen|shelter/);
		// The coordinator, in her own thread with him, is named.
		expect(view(jari, 'fam-lahtinen').threads.find((t) => t.id === 'th-jari-hanna')!.participants).toEqual(['jari', 'pro-hanna']);
	});
});

describe('G5: the access log', () => {
	it('the nurse\'s read is a messages entry seen by Yasmin, not by her mother nor by the coordinator', () => {
		view(liisa);
		const messagesOf = (who: Principal) => (readAccessLog(test.db, who, 'fam-haddad', clock) ?? [])
			.flatMap((e) => e.reads).filter((r) => r.category === 'messages').map((r) => r.thread);
		expect(messagesOf(yasmin)).toEqual(['th-yasmin-nurse']);
		expect(messagesOf(amal)).toEqual([]);
		expect(messagesOf(anna)).toEqual([]);
		view(anna);
		expect(messagesOf(amal)).toEqual(['th-amal-anna']);
		expect(messagesOf(anna)).toEqual(['th-amal-anna']);
		expect(JSON.stringify(readAccessLog(test.db, amal, 'fam-haddad', clock))).not.toContain('th-yasmin-nurse');
	});
});
