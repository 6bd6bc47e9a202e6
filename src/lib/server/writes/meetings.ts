/**
 * Meetings: a team member schedules one (Helsinki time); its participants are members and team professionals.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { z } from 'zod';
import * as t from '../db/schema';
import { helsinkiInstant, isIsoDate } from '../time';
import { inTransaction, refusal, type Context } from './skeleton';
import { invalid, newId, type WriteResult } from '../write-result';

const meetingInput = z.object({
	date: z.string().refine(isIsoDate, 'date'),
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time'),
	title: z.string().trim().max(200, 'too-long').optional().transform((v) => v || null),
	participants: z.array(z.string().max(64)).default([])
});

/**
 * A team member schedules a meeting (Helsinki time); participants are members and team
 * professionals of the family. The family answers the preparation questions before it.
 */
export function scheduleMeeting(ctx: Context, input: unknown): WriteResult {
	const parsed = meetingInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const v = parsed.data;
	const start = helsinkiInstant(v.date, v.time);
	return inTransaction(ctx, 'meeting.create', (facts, tx) => {
		const memberIds = v.participants.filter((p) => facts.member(p));
		const professionalIds = v.participants.filter((p) => facts.activeTeam.some((m) => m.professional.id === p));
		const known = memberIds.length + professionalIds.length === v.participants.length;
		const refused = refusal(facts, ctx.who, known ? { type: 'meeting.create' } : null);
		if (refused) return refused;
		const id = newId('meet');
		tx.insert(t.meetings).values({ id, familyId: ctx.familyId, start, title: v.title, memberIds, professionalIds: [...new Set(professionalIds)] }).run();
		return { ok: true, id };
	});
}
