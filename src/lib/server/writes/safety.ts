/**
 * Safety: the "I don't feel safe" signal (W7, S1) and an authority's emergency access (P8) and its review.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { queueEmergencyAccess, queueSafetySignal } from '../notifications/queue';
import * as t from '../db/schema';
import { forbidden, inTransaction, refusal, parsedWrite, type Context } from './skeleton';
import { newId, type WriteResult } from '../write-result';

const signalInput = z.object({ word: z.string().trim().max(500, 'too-long').optional().transform((w) => w || null) });

/** One tap: the signal is stored at once for the coordinator (S1); the word is optional. */
export function sendSafetySignal(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'safetySignal.send', signalInput, input, (data, facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'safetySignal.send' });
		if (refused) return refused;
		if (ctx.who.kind !== 'member') return forbidden;
		const id = newId('sig');
		tx.insert(t.safetySignals).values({
			id, familyId: ctx.familyId, memberId: ctx.who.memberId, word: data.word, created: facts.clock.now.toISOString()
		}).run();
		queueSafetySignal(tx, facts, id, facts.clock.now);
		return { ok: true, id };
	});
}

/**
 * The coordinator marks a signal handled (S1): it leaves her urgent list, and its sender
 * sees when it was handled and by whom. Once only; the signal itself stays.
 */
export function handleSafetySignal(ctx: Context, signalId: string): WriteResult {
	return inTransaction(ctx, 'safetySignal.handle', (facts, tx) => {
		const signal = facts.record.safetySignals.find((s) => s.id === signalId);
		const refused = refusal(facts, ctx.who, signal ? { type: 'safetySignal.handle', signal } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		tx.update(t.safetySignals).set({ handledAt: facts.clock.now.toISOString(), handledBy: ctx.who.professionalId })
			.where(eq(t.safetySignals.id, signalId)).run();
		return { ok: true, id: signalId };
	});
}

// ---- P8 emergency access -------------------------------------------------------------

/** A reason long enough to be read and judged by the coordinator afterwards. */
const emergencyInput = z.object({ reason: z.string().trim().min(20, 'reason-short').max(2000, 'too-long') });

/**
 * The reason's problem ('reason-short', 'too-long') or null. Checked before the family is
 * looked up by name: otherwise the answer to a bad reason would tell whether a family of
 * that name is a client, without an emergency access opened or a read logged (P1, L1).
 */
export function emergencyReasonProblem(input: unknown): string | null {
	const parsed = emergencyInput.safeParse(input);
	return parsed.success ? null : parsed.error.issues[0].message;
}

/**
 * An authority opens emergency access to a family for 24 hours (P8). It is loud: the
 * coordinator's reminders, the family's log (L2) and every read logged as emergency.
 */
export function openEmergency(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'emergency.open', emergencyInput, input, (data, facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'emergency.open' });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('ea');
		tx.insert(t.emergencyAccesses).values({
			id, familyId: ctx.familyId, professionalId: ctx.who.professionalId, reason: data.reason, opened: facts.clock.now.toISOString()
		}).run();
		queueEmergencyAccess(tx, facts, id, facts.clock.now);
		return { ok: true, id };
	});
}

// ---- P8 emergency access review --------------------------------------------------

/** The coordinator marks an emergency access reviewed; it stays in the record and the log. */
export function reviewEmergency(ctx: Context, emergencyId: string): WriteResult {
	return inTransaction(ctx, 'emergency.review', (facts, tx) => {
		const emergency = facts.record.emergencyAccesses.find((e) => e.id === emergencyId && e.reviewedAt === null);
		const refused = refusal(facts, ctx.who, emergency ? { type: 'emergency.review', emergency } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		tx.update(t.emergencyAccesses).set({ reviewedAt: facts.clock.now.toISOString(), reviewedBy: ctx.who.professionalId })
			.where(eq(t.emergencyAccesses.id, emergencyId)).run();
		return { ok: true, id: emergencyId };
	});
}
