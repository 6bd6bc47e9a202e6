/**
 * What is recorded about a member (W5, W6, M10): a child's maturity, a parent's information right, what is hidden from custodians.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import * as t from '../db/schema';
import { badInput, parsedWrite, inTransaction, refusal, type Context } from './skeleton';
import { invalid, type WriteResult } from '../write-result';

const matureInput = z.object({ child: z.string().min(1), mature: z.enum(['true', 'false', 'none']).transform((v) => (v === 'none' ? null : v === 'true')) });

export function setMature(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'member.mature', matureInput, input, (data, facts, tx) => {
		const { child, mature } = data;
		const refused = refusal(facts, ctx.who, facts.member(child) && !facts.isAdult(child) ? { type: 'member.mature', child } : null);
		if (refused) return refused;
		tx.update(t.members).set({ mature }).where(eq(t.members.id, child)).run();
		return { ok: true };
	});
}

const informationRightInput = z.object({ adult: z.string().min(1), child: z.string().min(1), categories: z.array(z.enum(t.HIDEABLE_CATEGORIES)).default([]) });

/** Records (or, with no categories, removes) a non-custodial parent's information right (M10). */
export function setInformationRight(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'member.informationRight', informationRightInput, input, (data, facts, tx) => {
		const { adult, child, categories } = data;
		const known = facts.member(adult) && facts.member(child) && adult !== child && !facts.isAdult(child) && !facts.isCustodianOf(adult, child);
		const refused = refusal(facts, ctx.who, known ? { type: 'member.informationRight', adult, child } : null);
		if (refused) return refused;
		const where = and(eq(t.informationRights.adultId, adult), eq(t.informationRights.childId, child));
		tx.delete(t.informationRights).where(where).run();
		if (categories.length > 0) tx.insert(t.informationRights).values({ adultId: adult, childId: child, categories: [...new Set(categories)] }).run();
		return { ok: true };
	});
}

// ---- W6 hiddenFromCustodians --------------------------------------------------------

const hiddenInput = z.object({ child: z.string().min(1).optional(), categories: z.array(z.enum(t.HIDEABLE_CATEGORIES)).default([]) });

export function setHiddenFromCustodians(ctx: Context, input: unknown): WriteResult {
	const parsed = hiddenInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const child = ctx.who.kind === 'member' ? ctx.who.memberId : parsed.data.child;
	if (!child) return badInput('child', 'required');
	return inTransaction(ctx, 'member.hideFromCustodians', (facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.member(child) ? { type: 'member.hideFromCustodians', child } : null);
		if (refused) return refused;
		tx.update(t.members).set({ hiddenFromCustodians: [...new Set(parsed.data.categories)] }).where(eq(t.members.id, child)).run();
		return { ok: true };
	});
}
