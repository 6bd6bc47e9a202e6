/**
 * The message pages (G1-G5) of both sides: the family's `/family/messages` and the
 * professional's `/pro/families/{id}/messages`. One load (the reader's view through the
 * policy, the chosen thread marked read, who may be chosen for a new thread) and the form
 * actions, each `formAction` around one write in writes/threads.ts.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db';
import { currentClock, familyFacts, readFamilyThreads } from './family-access';
import { doneAction, formAction } from './form-actions';
import { choosablePeople } from './policy/threads';
import type { Principal } from './policy/types';
import type { ThreadView } from './policy/view-types';
import { addThreadParticipant, markThreadRead, replyInThread, startThread, withdrawMessage } from './writes';
import type { WriteResult } from './write-result';
import { unreadByThread } from './thread-unread';
import { RenderOnly } from '$lib/render-only';

/** A person one may choose, with the name the reader may see. */
export type Choice = { key: string; name: string; kind: 'member' | 'professional' };

/** The names of the people the policy lets the reader choose: from the view (basic) or the thread's own people. */
function choicesOf(who: Principal, familyId: string, namesFrom: Map<string, string>, thread?: ThreadView): Choice[] {
	const facts = familyFacts(getDb(), who, familyId);
	if (!facts) return [];
	const record = thread ? facts.record.threads.find((t) => t.id === thread.id) : undefined;
	if (thread && !record) return [];
	const proName = (id: string) => facts.activeTeam.find((t) => t.professional.id === id)?.professional.name;
	return choosablePeople(facts, who, record).map((p) => ({
		key: `${p.kind}:${p.id}`, kind: p.kind,
		name: (p.kind === 'member' ? namesFrom.get(p.id) ?? facts.member(p.id)?.name : proName(p.id)) ?? p.id
	}));
}

/**
 * The list of the reader's threads with unread counts, the chosen thread (`?thread=`) with
 * its messages, marked read as it is shown, and the people a new thread may include.
 */
export function loadThreads(event: RequestEvent, who: Principal, familyId: string) {
	const db = getDb();
	const clock = currentClock();
	const wanted = event.url.searchParams.get('thread');
	const before = readFamilyThreads(db, who, familyId, clock);
	if (!before) error(404, 'Not found');
	const open = wanted ? before.threads.find((t) => t.id === wanted) : undefined;
	// Another family's thread, or one the reader may not read, is simply not there (G1).
	if (wanted && !open) error(404, 'Not found');
	if (open) markThreadRead({ db, who, familyId, clock }, open.id);
	const unread = unreadByThread(db, who, before.threads);
	const names = new Map([...before.members.map((m) => [m.id, m.name] as const), ...before.threads.flatMap((t) => t.people.map((p) => [p.id, p.name] as const))]);
	return {
		family: { id: before.id, name: before.name },
		threads: before.threads.map((t) => ({ id: t.id, people: t.people, unread: open?.id === t.id ? 0 : unread[t.id] ?? 0, lastSent: t.lastSent, count: t.messages.length })),
		open: open ? new RenderOnly(open) : null,
		choices: choicesOf(who, familyId, names),
		addChoices: open?.canAdd ? choicesOf(who, familyId, names, open) : [],
		me: who.kind === 'member' ? who.memberId : who.kind === 'professional' ? who.professionalId : '',
		done: doneAction(event.url)
	};
}

type ThreadWrite = (ctx: { db: ReturnType<typeof getDb>; who: Principal; familyId: string }, input: Record<string, unknown>) => WriteResult;

/** The message actions of one page: after success back to the thread, `?thread=ID&done=NAME#messages`. */
export function threadActions<W extends Principal>(guard: (event: RequestEvent) => W, familyOf: (who: W, event: RequestEvent) => string) {
	const one = (name: string, write: ThreadWrite, lists: string[] = []) => formAction({
		name, guard, lists,
		write: (input, who: W, event) => write({ db: getDb(), who, familyId: familyOf(who, event) }, input),
		// The text is the person's own words: it goes back into the form when something was wrong.
		values: (input) => ({ text: input.text, participants: input.participants, person: input.person, thread: input.thread }),
		onSuccess: (result, _who, event) => {
			redirect(303, `${event.url.pathname}?thread=${encodeURIComponent(result.id ?? '')}&done=${name}#messages`);
		}
	});
	return {
		startThread: one('startThread', startThread, ['participants']),
		replyInThread: one('replyInThread', replyInThread),
		withdrawMessage: one('withdrawMessage', withdrawMessage),
		addThreadParticipant: one('addThreadParticipant', addThreadParticipant)
	};
}
