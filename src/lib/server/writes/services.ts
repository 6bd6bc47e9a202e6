/**
 * Services, the service path and the outcome (W9).
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import * as t from '../db/schema';
import { date, optionalDate, text } from './fields';
import { badInput, parsedWrite, forbidden, granteeExists, inTransaction, refusal, type Context } from './skeleton';
import { newId, type WriteResult } from '../write-result';

const serviceInput = z.object({
	subject: z.string().min(1, 'required').max(64),
	name: text,
	provider: z.string().min(1, 'required').max(64),
	unit: z.string().trim().max(200).optional().transform((v) => v || null),
	status: z.enum(t.SERVICE_STATUSES),
	start: optionalDate,
	end: optionalDate,
	contact: z.string().max(64).optional().transform((v) => v || null)
}).refine((v) => v.start === null || v.end === null || v.end >= v.start, { message: 'after-from', path: ['end'] });

/** A service of a member (W9): its provider must exist, its contact must be a professional. */
export function addService(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'service.change', serviceInput, input, (data, facts, tx) => {
		const v = data;
		if (!granteeExists(tx, null, v.provider)) return badInput('provider', 'unknown');
		if (v.contact && !granteeExists(tx, v.contact, null)) return badInput('contact', 'unknown');
		const refused = refusal(facts, ctx.who, facts.member(v.subject) ? { type: 'service.change' } : null);
		if (refused) return refused;
		const id = newId('svc');
		tx.insert(t.services).values({
			id, familyId: ctx.familyId, subjectId: v.subject, name: v.name, providerId: v.provider, unit: v.unit,
			status: v.status, start: v.start, end: v.end, contactId: v.contact
		}).run();
		return { ok: true, id };
	});
}

/** Ends a service today (W9); an ended service stays in the record, drawn faded. */
export function endService(ctx: Context, serviceId: string): WriteResult {
	return inTransaction(ctx, 'service.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.record.services.some((x) => x.id === serviceId && x.status !== 'ended') ? { type: 'service.change' } : null);
		if (refused) return refused;
		tx.update(t.services).set({ status: 'ended', end: facts.clock.today }).where(eq(t.services.id, serviceId)).run();
		return { ok: true, id: serviceId };
	});
}

const outcomeInput = z.object({ point: z.enum(t.OUTCOME_POINTS), outcome: z.enum(t.OUTCOMES) });

/** The coordinator records how the family fared at the end, or 6 or 12 months after (W9); again replaces. */
export function recordOutcome(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'outcome.record', outcomeInput, input, (data, facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'outcome.record' });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const values = { ...data, recorded: facts.clock.today, recordedBy: ctx.who.professionalId };
		tx.insert(t.familyOutcomes).values({ id: newId('out'), familyId: ctx.familyId, ...values })
			.onConflictDoUpdate({ target: [t.familyOutcomes.familyId, t.familyOutcomes.point], set: values }).run();
		return { ok: true };
	});
}

const pathInput = z.object({ stage: z.enum(t.STAGES), from: optionalDate });

/**
 * Moves the service path to a stage (W9), dated today unless another day is given; a
 * date after today only plans the stage, the family stays where it is.
 */
export function moveServicePath(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'path.change', pathInput, input, (data, facts, tx) => {
		const { stage } = data;
		const refused = refusal(facts, ctx.who, { type: 'path.change' });
		if (refused) return refused;
		const today = facts.clock.today;
		const from = data.from ?? today;
		const path = [...facts.record.path.filter((p) => p.stage !== stage), { stage, from }]
			.sort((a, b) => t.STAGES.indexOf(a.stage) - t.STAGES.indexOf(b.stage));
		tx.update(t.families).set(from <= today ? { stage, path } : { path }).where(eq(t.families.id, ctx.familyId)).run();
		return { ok: true };
	});
}
