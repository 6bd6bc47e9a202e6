/**
 * The family's own voice (W1): views, feelings check-ins, questions to the consultation team, and answers before and after a meeting.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import * as t from '../db/schema';
import { decide } from '../policy/decide';
import type { FamilyFacts } from '../policy/facts';
import type { Principal } from '../policy/types';
import { text, sharing, withAudience, optionalText } from './fields';
import { badInput, parsedWrite, forbidden, inTransaction, notFound, refusal, type Context } from './skeleton';
import { invalid, newId, type WriteResult } from '../write-result';

/**
 * A view (text required) or a feelings check-in (a picture card, a sentence, or both).
 * Meeting answers have their own write, `answerMeeting`.
 */
const voiceInput = z.object({
	kind: z.enum(['view', 'checkin']),
	text: optionalText,
	feeling: z.union([z.enum(t.FEELINGS), z.literal('')]).optional().transform((v) => (v ? v : null)),
	goal: z.string().max(64).optional().transform((v) => (v ? v : null)),
	consultation: z.string().max(64).optional().transform((v) => (v ? v : null)),
	...sharing
}).superRefine((v, ctx) => {
	if (v.kind === 'view' && v.text === '') ctx.addIssue({ code: 'custom', path: ['text'], message: 'required' });
	if (v.kind === 'checkin' && v.text === '' && v.feeling === null) ctx.addIssue({ code: 'custom', path: ['feeling'], message: 'required' });
	if (v.kind === 'view' && v.feeling !== null) ctx.addIssue({ code: 'custom', path: ['feeling'], message: 'invalid' });
	if (v.kind !== 'view' && v.goal !== null) ctx.addIssue({ code: 'custom', path: ['goal'], message: 'invalid' });
	if (v.kind !== 'view' && v.consultation !== null) ctx.addIssue({ code: 'custom', path: ['consultation'], message: 'invalid' });
}).transform(withAudience).transform(({ goal, consultation, ...voice }) => ({ ...voice, goalId: goal, consultationId: consultation }));

const score = z.union([z.literal('').transform(() => null), z.coerce.number().int().min(0).max(10)]).optional().transform((v) => v ?? null);
const answerFields = Object.fromEntries([...t.PREP_QUESTIONS, ...t.FEEDBACK_QUESTIONS].map((q) => [q, optionalText]));
/** Answers to the questions asked before (meeting-prep) or after (feedback) a meeting. */
const meetingAnswerInput = z.object({
	kind: z.enum(['meeting-prep', 'feedback']),
	meeting: z.string().min(1, 'required').max(64),
	score,
	...answerFields,
	...sharing
}).transform((v) => {
	const questions: readonly string[] = v.kind === 'meeting-prep' ? t.PREP_QUESTIONS : t.FEEDBACK_QUESTIONS;
	const answers = Object.fromEntries(questions.map((q) => [q, (v as Record<string, unknown>)[q] as string]).filter(([, a]) => a !== ''));
	const shared = withAudience(v);
	return {
		kind: v.kind, meeting: v.meeting, answers: answers as t.MeetingAnswers, score: v.kind === 'feedback' ? v.score : null,
		shareWithFamily: shared.shareWithFamily, shareWithTeam: shared.shareWithTeam
	};
}).superRefine((v, ctx) => {
	if (Object.keys(v.answers).length === 0 && v.score === null) ctx.addIssue({ code: 'custom', path: ['form'], message: 'answer-something' });
});

/** A view about a goal names one its author may see; anything else is as if the goal did not exist. */
function goalVisible(facts: FamilyFacts, who: Principal, goalId: string | null): boolean {
	if (goalId === null) return true;
	const goal = facts.record.goals.find((g) => g.id === goalId);
	return goal !== undefined && decide(facts, who, { type: 'read.goal', goal }).allow;
}

/** A question to a consultation team goes to one the author may see (its answer is plan data about the child). */
function consultationVisible(facts: FamilyFacts, who: Principal, consultationId: string | null): boolean {
	if (consultationId === null) return true;
	const consultation = facts.record.consultations.find((c) => c.id === consultationId);
	return consultation !== undefined && decide(facts, who, { type: 'read.consultationAnswer', consultation }).allow;
}

export function createVoice(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'voice.create', voiceInput, input, (data, facts, tx) => {
		const visible = goalVisible(facts, ctx.who, data.goalId) && consultationVisible(facts, ctx.who, data.consultationId);
		const refused = refusal(facts, ctx.who, visible ? { type: 'voice.create' } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'member') return forbidden;
		const id = newId('v');
		tx.insert(t.voiceItems).values({
			id, familyId: ctx.familyId, authorId: ctx.who.memberId, ...data, created: facts.clock.now.toISOString()
		}).run();
		return { ok: true, id };
	});
}

/**
 * Preparation answers before a meeting, or feedback (with the 0-10 score) after it, by a
 * member who may see the meeting. Answering again replaces the author's earlier answers
 * to the same meeting, so a second tap does not count twice in the outcome figures.
 */
export function answerMeeting(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'voice.create', meetingAnswerInput, input, (data, facts, tx) => {
		const a = data;
		const who = ctx.who;
		const meeting = facts.record.meetings.find((m) => m.id === a.meeting);
		const visible = meeting !== undefined && who.kind === 'member' && decide(facts, who, { type: 'read.meeting', meeting }).allow;
		const refused = refusal(facts, who, visible ? { type: 'voice.create' } : null);
		if (refused) return refused;
		if (who.kind !== 'member' || !meeting) return forbidden;
		// Preparation is asked before the meeting, feedback after it.
		const upcoming = Date.parse(meeting.start) > facts.clock.now.getTime();
		if (upcoming !== (a.kind === 'meeting-prep')) return badInput('meeting', upcoming ? 'meeting-ahead' : 'meeting-past');
		const authorId = who.memberId;
		const earlier = facts.record.voice.find((v) => v.author === authorId && v.meeting === a.meeting && v.kind === a.kind);
		const values = {
			kind: a.kind, text: '', meetingId: a.meeting, answers: a.answers, score: a.score,
			shareWithFamily: a.shareWithFamily, shareWithTeam: a.shareWithTeam, created: facts.clock.now.toISOString()
		};
		if (earlier) {
			tx.update(t.voiceItems).set(values).where(eq(t.voiceItems.id, earlier.id)).run();
			return { ok: true, id: earlier.id };
		}
		const id = newId('v');
		tx.insert(t.voiceItems).values({ id, familyId: ctx.familyId, authorId, ...values }).run();
		return { ok: true, id };
	}, notFound); // to anyone but a member, every meeting is one they cannot answer: as if it did not exist
}

/** Changes the text, the picture card or the sharing of a view or check-in; its kind stays. */
export function updateVoice(ctx: Context, voiceId: string, input: Record<string, unknown>): WriteResult {
	return inTransaction(ctx, 'voice.change', (facts, tx) => {
		const stored = facts.record.voice.find((v) => v.id === voiceId);
		const refused = refusal(facts, ctx.who, stored ? { type: 'voice.change', voice: stored } : null);
		if (refused || !stored) return refused ?? notFound;
		// A form that does not offer the picture card or the goal keeps the one chosen before.
		const parsed = voiceInput.safeParse({ feeling: stored.feeling ?? '', goal: stored.goal ?? '', consultation: stored.consultation ?? '', ...input, kind: stored.kind });
		if (!parsed.success) return invalid(parsed.error);
		if (!goalVisible(facts, ctx.who, parsed.data.goalId) || !consultationVisible(facts, ctx.who, parsed.data.consultationId)) return notFound;
		tx.update(t.voiceItems).set(parsed.data).where(eq(t.voiceItems.id, voiceId)).run();
		return { ok: true, id: voiceId };
	});
}

export function deleteVoice(ctx: Context, voiceId: string): WriteResult {
	return inTransaction(ctx, 'voice.change', (facts, tx) => {
		const voice = facts.record.voice.find((v) => v.id === voiceId);
		const refused = refusal(facts, ctx.who, voice ? { type: 'voice.change', voice } : null);
		if (refused) return refused;
		tx.delete(t.voiceItems).where(eq(t.voiceItems.id, voiceId)).run();
		return { ok: true };
	});
}
