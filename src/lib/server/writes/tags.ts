/**
 * Tags (T1): raising an item to a team colleague, and marking it handled.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ID_CHARACTERS } from '../../ids';
import { queueTag } from '../notifications/queue';
import * as t from '../db/schema';
import { forbidden, inTransaction, refusal, parsedWrite, type Context } from './skeleton';
import { newId, type WriteResult } from '../write-result';

const tagInput = z.object({
	item: z.string().regex(new RegExp(`^(service|goal|task|assessment|voice|consultation):${ID_CHARACTERS}$`), 'required'),
	to: z.string().min(1, 'required').max(64),
	note: z.string().trim().max(500, 'too-long').optional().transform((v) => v || null)
});

/** Raises an item to a named team professional who may see it too (T1); it is in their reminders. */
export function addTag(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'tag.create', tagInput, input, (data, facts, tx) => {
		const [kind, itemId] = data.item.split(':') as [t.TagItemKind, string];
		const refused = refusal(facts, ctx.who, { type: 'tag.create', kind, itemId, to: data.to });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('tag');
		tx.insert(t.tags).values({
			id, familyId: ctx.familyId, itemKind: kind, itemId, fromId: ctx.who.professionalId, toId: data.to, note: data.note,
			created: facts.clock.today
		}).run();
		queueTag(tx, ctx.familyId, id, data.to, facts.clock.now);
		return { ok: true, id };
	});
}

/** The recipient (or the coordinator) marks a tag handled; it leaves the reminders. */
export function handleTag(ctx: Context, tagId: string): WriteResult {
	return inTransaction(ctx, 'tag.handle', (facts, tx) => {
		const tag = facts.record.tags.find((x) => x.id === tagId);
		const refused = refusal(facts, ctx.who, tag ? { type: 'tag.handle', tag } : null);
		if (refused) return refused;
		tx.update(t.tags).set({ handled: facts.clock.today }).where(eq(t.tags.id, tagId)).run();
		return { ok: true, id: tagId };
	});
}
