/**
 * Messages with the team (G1-G5): starting a thread, replying, withdrawing one's own
 * message, the coordinator adding a participant, and marking a thread read.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ID_CHARACTERS, ID_PATTERN } from '../../ids';
import * as t from '../db/schema';
import { MESSAGE_MAX_LENGTH, type PersonRef } from '../../domain';
import { badInput, forbidden, inTransaction, notFound, parsedWrite, refusal, type Context, type Tx } from './skeleton';
import { checkbox } from './fields';
import { newId, type WriteResult } from '../write-result';
import type { FamilyFacts } from '../policy/facts';
import type { Principal, ProfessionalRecord, ThreadRecord } from '../policy/types';
import { newMessageRecipients } from '../policy/threads';
import { queueNotification } from '../notifications/queue';

const messageText = z.string().trim().min(1, 'required').max(MESSAGE_MAX_LENGTH, 'too-long');
const personKey = z.string().regex(new RegExp(`^(member|professional):${ID_CHARACTERS}$`), 'participant');
const threadId = z.string().regex(ID_PATTERN, 'required');

const startInput = z.object({ participants: z.array(personKey).min(1, 'participants').max(50), text: messageText });
const replyInput = z.object({ thread: threadId, text: messageText });
const withdrawInput = z.object({ thread: threadId, message: threadId });
const addInput = z.object({ thread: threadId, person: personKey, confirm: checkbox });

const toPerson = (key: string): PersonRef => {
	const [kind, id] = key.split(':') as [PersonRef['kind'], string];
	return { kind, id };
};

/** The writing principal as a participant. */
function selfOf(who: Principal): PersonRef {
	return who.kind === 'member' ? { kind: 'member', id: who.memberId } : { kind: 'professional', id: (who as Extract<Principal, { kind: 'professional' }>).professionalId };
}

function insertParticipant(tx: Tx, familyId: string, thread: string, person: PersonRef, at: string, addedBy: string | null) {
	tx.insert(t.threadParticipants).values({
		familyId, threadId: thread, addedAt: at, addedBy,
		memberId: person.kind === 'member' ? person.id : null, professionalId: person.kind === 'professional' ? person.id : null
	}).run();
}

function insertMessage(tx: Tx, familyId: string, thread: string, author: PersonRef, text: string, sent: string): string {
	const id = newId('msg');
	tx.insert(t.threadMessages).values({
		id, familyId, threadId: thread, text, sent,
		authorMember: author.kind === 'member' ? author.id : null, authorProfessional: author.kind === 'professional' ? author.id : null
	}).run();
	return id;
}

/**
 * N1-N2: the other participants who may read the thread now are told, content-free, in the
 * message's own transaction (the worker asks the policy again when it sends).
 */
function queueNewMessage(tx: Tx, facts: FamilyFacts, thread: ThreadRecord, author: PersonRef, messageId: string, at: string) {
	const recipients = newMessageRecipients(facts, thread, author);
	if (recipients.length > 0) queueNotification(tx, { kind: 'message', familyId: facts.record.id, itemId: thread.id, eventId: messageId, recipients, at: new Date(at) });
}

/** A thread just started, as the policy will see it once written (the facts predate it). */
function newThreadRecord(facts: FamilyFacts, id: string, starter: PersonRef, people: PersonRef[], at: string): ThreadRecord {
	const professionals = people.filter((p) => p.kind === 'professional')
		.map((p) => facts.record.team.find((m) => m.professional.id === p.id)?.professional)
		.filter((p): p is ProfessionalRecord => p !== undefined);
	return { id, created: at, startedBy: starter, members: people.filter((p) => p.kind === 'member').map((p) => p.id), professionals, messages: [] };
}

/** The author's own read mark moves with their message: what they wrote is not unread to them. */
function markRead(tx: Tx, thread: string, reader: PersonRef, at: string) {
	tx.insert(t.threadReads).values({ threadId: thread, readerKind: reader.kind, readerId: reader.id, lastRead: at })
		.onConflictDoUpdate({ target: [t.threadReads.threadId, t.threadReads.readerKind, t.threadReads.readerId], set: { lastRead: sql`max(${t.threadReads.lastRead}, excluded.last_read)` } })
		.run();
}

/** The thread of this family with that id (another family's id finds nothing). */
const threadOf = (facts: FamilyFacts, id: string): ThreadRecord | undefined => facts.record.threads.find((x) => x.id === id);

/**
 * Starts a thread with the chosen people (G2-G4) and its first message. A participant who
 * may not be chosen (unknown, another family's, kept apart by a block) is a 400 on the
 * participants field: the choices come from the same function as the form's.
 */
export function startThread(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'thread.start', startInput, input, (data, facts, tx) => {
		const others = [...new Set(data.participants)].map(toPerson);
		const decision = refusal(facts, ctx.who, { type: 'thread.start', others });
		if (decision) return badInput('participants', 'participant');
		const at = facts.clock.now.toISOString();
		const self = selfOf(ctx.who);
		const id = newId('th');
		tx.insert(t.threads).values({
			id, familyId: ctx.familyId, created: at,
			startedByMember: self.kind === 'member' ? self.id : null, startedByProfessional: self.kind === 'professional' ? self.id : null
		}).run();
		for (const person of [self, ...others]) insertParticipant(tx, ctx.familyId, id, person, at, null);
		const messageId = insertMessage(tx, ctx.familyId, id, self, data.text, at);
		queueNewMessage(tx, facts, newThreadRecord(facts, id, self, [self, ...others], at), self, messageId, at);
		markRead(tx, id, self, at);
		return { ok: true, id };
	});
}

/** A participant who reads the thread writes in it (G1-G3). */
export function replyInThread(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'thread.reply', replyInput, input, (data, facts, tx) => {
		const thread = threadOf(facts, data.thread);
		if (!thread || refusal(facts, ctx.who, { type: 'thread.reply', thread })) return notFound;
		const at = facts.clock.now.toISOString();
		const self = selfOf(ctx.who);
		const id = insertMessage(tx, ctx.familyId, thread.id, self, data.text, at);
		queueNewMessage(tx, facts, thread, self, id, at);
		markRead(tx, thread.id, self, at);
		return { ok: true, id: thread.id };
	}, notFound);
}

/** A thread the caller may not read answers as one that does not exist (G1 says nothing of it); their own rights otherwise. */
function threadRefusal(facts: FamilyFacts, who: Principal, thread: ThreadRecord): WriteResult {
	return refusal(facts, who, { type: 'read.thread', thread }) ? notFound : forbidden;
}

/** The author withdraws their own message; it then shows as withdrawn to everyone. */
export function withdrawMessage(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'thread.withdraw', withdrawInput, input, (data, facts, tx) => {
		const thread = threadOf(facts, data.thread);
		const message = thread?.messages.find((m) => m.id === data.message);
		if (!thread || !message) return notFound;
		if (refusal(facts, ctx.who, { type: 'thread.withdraw', thread, message })) return threadRefusal(facts, ctx.who, thread);
		tx.update(t.threadMessages).set({ withdrawnAt: facts.clock.now.toISOString() })
			.where(and(eq(t.threadMessages.id, message.id), eq(t.threadMessages.familyId, ctx.familyId))).run();
		return { ok: true, id: thread.id };
	}, notFound);
}

/**
 * The coordinator adds a participant after confirming that the newcomer will read the whole
 * thread (`confirm`); without it nothing is written and the form asks again.
 */
export function addThreadParticipant(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'thread.addParticipant', addInput, input, (data, facts, tx) => {
		const thread = threadOf(facts, data.thread);
		if (!thread || refusal(facts, ctx.who, { type: 'read.thread', thread })) return notFound;
		const person = toPerson(data.person);
		if (refusal(facts, ctx.who, { type: 'thread.addParticipant', thread, person, confirmed: true })) return badInput('person', 'participant');
		if (!data.confirm) return badInput('confirm', 'confirm');
		if (ctx.who.kind !== 'professional') return forbidden;
		insertParticipant(tx, ctx.familyId, thread.id, person, facts.clock.now.toISOString(), ctx.who.professionalId);
		return { ok: true, id: thread.id };
	}, forbidden);
}

/** Marks the thread read up to now for the caller (their unread count, G5). */
export function markThreadRead(ctx: Context, id: string): WriteResult {
	return inTransaction(ctx, 'thread.markRead', (facts, tx) => {
		const thread = threadOf(facts, id);
		if (!thread || refusal(facts, ctx.who, { type: 'thread.markRead', thread })) return notFound;
		markRead(tx, thread.id, selfOf(ctx.who), facts.clock.now.toISOString());
		return { ok: true, id: thread.id };
	}, notFound);
}
