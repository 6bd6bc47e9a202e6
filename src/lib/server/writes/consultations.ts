/**
 * The multi-agency assessment (W8): assessment notes, and the consultation team's questions and records.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { queueConsultationAnswer } from '../notifications/queue';
import * as t from '../db/schema';
import { text } from './fields';
import { forbidden, refusal, parsedWrite, type Context } from './skeleton';
import { newId, type WriteResult } from '../write-result';

const assessmentInput = z.object({
	subject: z.string().max(64).optional().transform((v) => v || null),
	area: z.enum(t.ASSESSMENT_AREAS),
	text
});

/** A dated note of the multi-agency assessment, by area, authored by the writer. */
export function addAssessment(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'assessment.create', assessmentInput, input, (data, facts, tx) => {
		const { subject, area, text: note } = data;
		const refused = refusal(facts, ctx.who, subject === null || facts.member(subject) ? { type: 'assessment.create', subject } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('as');
		tx.insert(t.assessments).values({
			id, familyId: ctx.familyId, subjectId: subject, area, authorId: ctx.who.professionalId, text: note, created: facts.clock.today
		}).run();
		return { ok: true, id };
	});
}

const consultationInput = z.object({ subject: z.string().min(1, 'required').max(64), question: text });

/** A team member brings a child's situation to the consultation team (W8: who may read the child's assessments). */
export function openConsultation(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'assessment.create', consultationInput, input, (data, facts, tx) => {
		const { subject, question } = data;
		const refused = refusal(facts, ctx.who, facts.member(subject) ? { type: 'assessment.create', subject } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('cons');
		tx.insert(t.consultations).values({ id, familyId: ctx.familyId, subjectId: subject, createdBy: ctx.who.professionalId, created: facts.clock.today, question }).run();
		return { ok: true, id };
	});
}

const note = z.string().trim().max(4000, 'too-long').optional().transform((v) => v || null);
const consultationRecordInput = z.object({ situation: note, rootCauses: note, plan: note, answer: note })
	.refine((v) => v.situation || v.rootCauses || v.plan || v.answer, { message: 'answer-something', path: ['form'] });

/**
 * The consultation team records the situation, possible root causes and the plan, and
 * its answer to the family (dated when given); a later record replaces the earlier.
 */
export function recordConsultation(ctx: Context, consultationId: string, input: unknown): WriteResult {
	return parsedWrite(ctx, 'assessment.create', consultationRecordInput, input, (data, facts, tx) => {
		const c = facts.record.consultations.find((x) => x.id === consultationId);
		const refused = refusal(facts, ctx.who, c ? { type: 'assessment.create', subject: c.subject } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const answered = data.answer ? { answeredBy: ctx.who.professionalId, answered: facts.clock.today } : { answeredBy: null, answered: null };
		tx.update(t.consultations).set({ ...data, ...answered }).where(eq(t.consultations.id, consultationId)).run();
		// A new or changed answer is news to those who may read it; a record without one is not.
		if (data.answer && data.answer !== c!.answer) {
			queueConsultationAnswer(tx, facts, c!, ctx.who.professionalId, facts.clock.now);
		}
		return { ok: true, id: consultationId };
	});
}
