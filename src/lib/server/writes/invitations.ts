/**
 * Mapping invitations (P7): inviting a professional to a joint assessment, the answer, the withdrawal.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { queueInvitation } from '../notifications/queue';
import * as t from '../db/schema';
import { findProfessional } from '../administration';
import { text } from './fields';
import { badInput, parsedWrite, forbidden, inTransaction, refusal, type Context } from './skeleton';
import { newId, type WriteResult } from '../write-result';

const inviteInput = z.object({ to: z.string().min(1, 'required').max(64), text });

/** An active team member invites another professional, not on the team, to a joint assessment (P7). */
export function inviteProfessional(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'invitation.create', inviteInput, input, (data, facts, tx) => {
		const { text: message } = data;
		const refused = refusal(facts, ctx.who, { type: 'invitation.create' });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		// Looked up only now: whether a username or e-mail exists is told to the team alone.
		const to = findProfessional(ctx.db, data.to);
		if (!to) return badInput('to', 'unknown');
		if (facts.teamRole(to)) return badInput('to', 'already-on-team');
		const id = newId('inv');
		tx.insert(t.invitations).values({
			id, familyId: ctx.familyId, fromId: ctx.who.professionalId, toId: to, text: message, created: facts.clock.now.toISOString()
		}).run();
		queueInvitation(tx, ctx.familyId, id, to, facts.clock.now);
		return { ok: true, id };
	});
}

const light = z.enum(t.TRAFFIC_LIGHTS, { error: 'required' });
const answerInput = z.object({
	information: light, concern: light, available: light,
	note: z.string().trim().max(2000, 'too-long').optional().transform((v) => v || null)
});

/** The invitee's three traffic lights and note; answering ends the invitation (P7). */
export function answerInvitation(ctx: Context, invitationId: string, input: unknown): WriteResult {
	return parsedWrite(ctx, 'invitation.answer', answerInput, input, (data, facts, tx) => {
		const invitation = facts.record.invitations.find((i) => i.id === invitationId);
		const refused = refusal(facts, ctx.who, invitation ? { type: 'invitation.answer', invitation } : null);
		if (refused) return refused;
		const a = data;
		tx.update(t.invitations).set({
			answered: facts.clock.now.toISOString(), lightInformation: a.information, lightConcern: a.concern, lightAvailable: a.available, answerNote: a.note
		}).where(eq(t.invitations.id, invitationId)).run();
		return { ok: true, id: invitationId };
	});
}

/** The inviter or the coordinator withdraws an open invitation. */
export function withdrawInvitation(ctx: Context, invitationId: string): WriteResult {
	return inTransaction(ctx, 'invitation.withdraw', (facts, tx) => {
		const invitation = facts.record.invitations.find((i) => i.id === invitationId);
		const refused = refusal(facts, ctx.who, invitation ? { type: 'invitation.withdraw', invitation } : null);
		if (refused) return refused;
		tx.update(t.invitations).set({ withdrawn: true }).where(eq(t.invitations.id, invitationId)).run();
		return { ok: true, id: invitationId };
	});
}
