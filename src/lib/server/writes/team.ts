/**
 * Blocks and the team (W5): who is blocked from whom, and who is on the family's team in which role.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import * as t from '../db/schema';
import { findProfessional } from '../administration';
import { date, optionalDate } from './fields';
import { badInput, parsedWrite, forbidden, inTransaction, refusal, type Context } from './skeleton';
import { invalid, newId, type WriteResult } from '../write-result';

// ---- W5 blocks and team ------------------------------------------------------------

const blockInput = z.object({
	member: z.string().min(1, 'required'),
	child: z.string().max(64).optional().transform((s) => s || null),
	reason: z.enum(t.BLOCK_REASONS),
	review: date,
	from: optionalDate,
	until: optionalDate,
	note: z.string().max(2000).optional().transform((s) => s?.trim() || null)
});

export function setBlock(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'block.change', blockInput, input, (data, facts, tx) => {
		const b = data;
		const known = facts.member(b.member) && (b.child === null || (facts.member(b.child) && !facts.isAdult(b.child) && b.child !== b.member));
		const refused = refusal(facts, ctx.who, known ? { type: 'block.change' } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('b');
		tx.insert(t.blocks).values({
			id, familyId: ctx.familyId, memberId: b.member, childId: b.child, reason: b.reason, setBy: ctx.who.professionalId,
			from: b.from ?? facts.clock.today, until: b.until, review: b.review, note: b.note
		}).run();
		return { ok: true, id };
	});
}

const blockChangeInput = z.object({ reason: z.enum(t.BLOCK_REASONS), review: date, note: z.string().max(2000).optional().transform((s) => s?.trim() || null) });

export function changeBlock(ctx: Context, blockId: string, input: unknown): WriteResult {
	return parsedWrite(ctx, 'block.change', blockChangeInput, input, (data, facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.record.blocks.some((b) => b.id === blockId) ? { type: 'block.change' } : null);
		if (refused) return refused;
		tx.update(t.blocks).set(data).where(eq(t.blocks.id, blockId)).run();
		return { ok: true, id: blockId };
	});
}

/** Lifting ends the block today (it stays in the record for the team). */
export function liftBlock(ctx: Context, blockId: string): WriteResult {
	return inTransaction(ctx, 'block.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.activeBlocks.some((b) => b.id === blockId) ? { type: 'block.change' } : null);
		if (refused) return refused;
		tx.update(t.blocks).set({ until: facts.clock.today }).where(eq(t.blocks.id, blockId)).run();
		return { ok: true, id: blockId };
	});
}

const teamInput = z.object({ professional: z.string().min(1, 'required'), role: z.enum(t.TEAM_ROLES), from: date, until: optionalDate });

export function addTeamMember(ctx: Context, input: unknown): WriteResult {
	const parsed = teamInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	if (parsed.data.until !== null && parsed.data.until <= parsed.data.from) return badInput('until', 'after-from');
	return inTransaction(ctx, 'team.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'team.change' });
		if (refused) return refused;
		// Looked up only now: whether a username or e-mail exists is told to the coordinator alone.
		const found = findProfessional(ctx.db, parsed.data.professional);
		if (!found) return badInput('professional', 'unknown');
		const m = { ...parsed.data, professional: found };
		const overlapping = facts.record.team.some((x) => x.role === 'coordinator' && m.role === 'coordinator' &&
			(x.until === null || x.until > m.from) && (m.until === null || m.until > x.from));
		if (overlapping) return badInput('role', 'one-coordinator');
		const row = tx.insert(t.teamMemberships).values({ familyId: ctx.familyId, professionalId: m.professional, role: m.role, from: m.from, until: m.until }).returning({ id: t.teamMemberships.id }).get();
		return { ok: true, id: String(row.id) };
	});
}

export function endTeamMembership(ctx: Context, membershipId: number): WriteResult {
	return inTransaction(ctx, 'team.change', (facts, tx) => {
		const today = facts.clock.today;
		// A membership still running (or not yet started) can be ended; an ended one stays as it is.
		const running = facts.record.team.some((m) => m.id === membershipId && (m.until === null || m.until > today));
		const refused = refusal(facts, ctx.who, running ? { type: 'team.change' } : null);
		if (refused) return refused;
		tx.update(t.teamMemberships).set({ until: today }).where(eq(t.teamMemberships.id, membershipId)).run();
		return { ok: true };
	});
}
