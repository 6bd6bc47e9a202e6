/**
 * `families[].threads` in scenario files (FORMAT.md version 2): every problem with its path,
 * nothing written for a file with any problem, and the demo's threads loaded as written.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import { validateScenario } from '../../../src/lib/server/scenario/validate';
import { shiftScenario } from '../../../src/lib/server/scenario/shift';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

const demo = () => JSON.parse(readFileSync(DEMO_SCENARIO, 'utf8'));
type Thread = { id: string; participants: string[]; messages: { id: string; author: string; text: string; sent: string; withdrawn?: boolean }[] };

let test: TestDb;
beforeEach(() => { test = freshDatabase(); });
afterEach(() => test.close());

describe('scenario threads', () => {
	it('the demo\'s threads load with their participants and messages, a withdrawn one marked', async () => {
		const loaded = await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
		expect(loaded.ok).toBe(true);
		const q = (sql: string) => test.db.$client.prepare(sql).pluck().get();
		expect(q('SELECT count(*) FROM threads')).toBe(7);
		expect(q("SELECT count(*) FROM thread_participants WHERE thread_id = 'th-lahtinen-before-block'")).toBe(3);
		expect(q("SELECT withdrawn_at IS NOT NULL FROM thread_messages WHERE id = 'msg-amal-anna-3'")).toBe(1);
		expect(q("SELECT author_professional FROM thread_messages WHERE id = 'msg-yasmin-nurse-2'")).toBe('pro-liisa');
	});

	it('reports every problem of a thread with its path and writes nothing', async () => {
		const file = demo();
		const haddad = file.families[0];
		const broken: Thread[] = [
			{ id: 'th-a', participants: ['yasmin', 'karim', 'pro-timo'], messages: [{ id: 'msg-a', author: 'amal', text: 'Hi', sent: '2026-11-20T10:00:00+02:00' }] },
			{ id: 'th-b', participants: ['amal'], messages: [] },
			{ id: 'th-c', participants: ['amal', 'yasmin'], messages: [] },
			{ id: 'th-a', participants: ['amal', 'pro-anna', 'amal'], messages: [{ id: 'msg-yasmin-nurse-1', author: 'pro-anna', text: 'Hi', sent: '2026-11-20T10:00:00+02:00' }] },
			{ id: 'th-d', participants: ['amal', 'pro-hanna'], messages: [{ id: 'msg-d', author: 'pro-hanna', text: '  ', sent: 'yesterday' }] }
		];
		haddad.threads.push(...broken);
		const at = (i: number) => `families[0].threads[${haddad.threads.length - broken.length + i}]`;
		const result = validateScenario(file);
		expect(result.ok).toBe(false);
		const problems = (result as { problems: { path: string; message: string }[] }).problems;
		// The shape comes first: a file whose shape is wrong is reported by shape alone.
		expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([`${at(4)}.messages[0].text`, `${at(4)}.messages[0].sent`]));
		haddad.threads[haddad.threads.length - 1].messages = [];
		const again = validateScenario(file) as { ok: false; problems: { path: string; message: string }[] };
		expect(again.problems).toEqual(expect.arrayContaining([
			{ path: `${at(0)}.participants[1]`, message: 'unknown member or professional "karim"' },
			{ path: `${at(0)}.participants[2]`, message: 'professional "pro-timo" was never on this family\'s team' },
			{ path: `${at(0)}.participants`, message: 'a thread needs at least one professional of the team' },
			{ path: `${at(0)}.messages[0].author`, message: '"amal" is not a participant of this thread' },
			{ path: `${at(1)}.participants`, message: 'a thread needs at least two people' },
			{ path: `${at(1)}.participants`, message: 'a thread needs at least one professional of the team' },
			{ path: `${at(2)}.participants`, message: 'a thread needs at least one professional of the team' },
			{ path: `${at(3)}.id`, message: `duplicate thread id "th-a" (first at ${at(0)}.id)` },
			{ path: `${at(3)}.participants[2]`, message: '"amal" is already a participant' },
			{ path: `${at(3)}.messages[0].id`, message: 'duplicate message id "msg-yasmin-nurse-1" (first at families[0].threads[0].messages[0].id)' },
			{ path: `${at(4)}.participants[1]`, message: 'professional "pro-hanna" was never on this family\'s team' }
		]));
		expect((await loadScenarioText(test.db, JSON.stringify(file))).ok).toBe(false);
		expect(test.db.$client.prepare('SELECT count(*) FROM threads').pluck().get()).toBe(0);
	});

	it('a message over 4000 characters is refused with its path', () => {
		const file = demo();
		file.families[0].threads[0].messages[0].text = 'x'.repeat(4001);
		const result = validateScenario(file) as { ok: false; problems: { path: string }[] };
		expect(result.problems.map((p) => p.path)).toEqual(['families[0].threads[0].messages[0].text']);
	});

	it('a thread whose family participants a block now keeps apart loads (G3 decides who reads it)', () => {
		const file = demo();
		expect(file.families[1].threads.find((t: Thread) => t.id === 'th-lahtinen-before-block').participants).toEqual(['jari', 'eveliina', 'pro-hanna']);
		expect(validateScenario(file).ok).toBe(true);
	});

	it('--as-of moves a message\'s time with the other dates', () => {
		const shifted = shiftScenario(demo(), 10);
		expect(shifted.families[0].threads[0].messages[0].sent).toBe('2026-11-30T08:00:00.000Z');
	});
});
