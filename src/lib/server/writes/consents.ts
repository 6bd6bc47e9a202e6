/**
 * Consents (W4, P6): a grant or refusal, recorded by the family or on paper by a professional, and its revocation.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import * as t from '../db/schema';
import { optionalDate } from './fields';
import { badInput, granteeExists, inTransaction, refusal, type Context } from './skeleton';
import { invalid, newId, type WriteResult } from '../write-result';

const consentInput = z.object({
	grantor: z.string().min(1).max(64).optional(),
	subject: z.string().max(64).optional().transform((s) => s || null),
	granteeProfessional: z.string().max(64).optional().transform((s) => s || null),
	granteeOrganisation: z.string().max(64).optional().transform((s) => s || null),
	categories: z.array(z.enum(t.CONSENT_CATEGORIES)).min(1, 'required'),
	decision: z.enum(['grant', 'refuse']),
	from: optionalDate,
	until: optionalDate
}).refine((c) => (c.granteeProfessional === null) !== (c.granteeOrganisation === null), { message: 'one-grantee', path: ['grantee'] });

/**
 * A grant or refusal by an entitled person (P6); a professional records one given on
 * paper, naming the grantor.
 */
export function decideConsent(ctx: Context, input: unknown): WriteResult {
	const parsed = consentInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const c = parsed.data;
	const grantor = ctx.who.kind === 'member' ? ctx.who.memberId : c.grantor;
	if (!grantor) return invalid(new z.ZodError([{ code: 'custom', path: ['grantor'], message: 'required', input: undefined }]));
	return inTransaction(ctx, 'consent.decide', (facts, tx) => {
		const from = c.from ?? facts.clock.today;
		if (c.until !== null && c.until <= from) return badInput('until', 'after-from');
		if (!granteeExists(tx, c.granteeProfessional, c.granteeOrganisation)) return badInput('grantee', 'unknown');
		const refused = refusal(facts, ctx.who, c.subject === null || facts.member(c.subject) ? { type: 'consent.decide', grantor, subject: c.subject } : null);
		if (refused) return refused;
		const id = newId('c');
		tx.insert(t.consents).values({
			id, familyId: ctx.familyId, decision: c.decision, grantorId: grantor, subjectId: c.subject,
			granteeProfessionalId: c.granteeProfessional, granteeOrganisationId: c.granteeOrganisation,
			categories: [...new Set(c.categories)], from, until: c.until, revoked: null,
			recordedBy: ctx.who.kind === 'professional' ? ctx.who.professionalId : null
		}).run();
		return { ok: true, id };
	});
}

/**
 * Revocation is immediate: dated today, so the consent is no longer in force today; a
 * revocation given on paper carries the day on the paper (`on`).
 */
export function revokeConsent(ctx: Context, consentId: string, on: string | null = null): WriteResult {
	return inTransaction(ctx, 'consent.revoke', (facts, tx) => {
		const consent = facts.record.consents.find((c) => c.id === consentId);
		const refused = refusal(facts, ctx.who, consent ? { type: 'consent.revoke', consent } : null);
		if (refused) return refused;
		// A revocation is dated today, or the day on the paper: never ahead (an end date is
		// planned, a revocation is not), never before the decision took effect.
		const today = facts.clock.today;
		const revoked = on ?? today;
		if (revoked > today) return badInput('on', 'future');
		if (consent!.from <= today && revoked < consent!.from) return badInput('on', 'after-from');
		tx.update(t.consents).set({ revoked }).where(eq(t.consents.id, consentId)).run();
		return { ok: true, id: consentId };
	});
}

const paperRevocationInput = z.object({
	consent: z.string({ error: 'required' }).min(1, 'required').max(64),
	on: optionalDate
});

/**
 * A revocation a family member gave on paper, recorded by the coordinator (W4, P6): the
 * same write as `revokeConsent`, dated the day written on the paper (today when not
 * given).
 */
export function recordPaperRevocation(ctx: Context, input: unknown): WriteResult {
	const parsed = paperRevocationInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return revokeConsent(ctx, parsed.data.consent, parsed.data.on ?? null);
}
