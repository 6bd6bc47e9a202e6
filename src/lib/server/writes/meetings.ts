/**
 * Meetings: a team member schedules one (Helsinki time); its participants are members and team professionals.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { and, eq } from 'drizzle-orm';
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

/** A language tag such as "ar" or "fa-IR", as `members[].language` holds it. */
const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language');

const detailsInput = z.object({
	meeting: z.string().min(1, 'required').max(64),
	place: z.string().trim().max(200, 'too-long').optional().transform((v) => v || null),
	interpreterBooked: z.array(languageTag).max(10, 'language').default([])
		.refine((list) => new Set(list).size === list.length, 'language')
});

/**
 * The coordinator records where or how a meeting is held and for which languages an
 * interpreter is booked (W9); the family sees both with the meeting. Saving replaces
 * both: an empty place clears it, no language ticked means no interpreter booked.
 */
export function recordMeetingDetails(ctx: Context, input: unknown): WriteResult {
	const parsed = detailsInput.safeParse(input);
	if (!parsed.success) {
		// One message beside the list of languages, whichever of its entries was wrong.
		const result = invalid(parsed.error);
		for (const key of Object.keys(result.issues)) {
			if (!key.startsWith('interpreterBooked.')) continue;
			result.issues.interpreterBooked ??= result.issues[key];
			delete result.issues[key];
		}
		return result;
	}
	const v = parsed.data;
	return inTransaction(ctx, 'meeting.details', (facts, tx) => {
		const meeting = facts.record.meetings.find((m) => m.id === v.meeting);
		const refused = refusal(facts, ctx.who, meeting ? { type: 'meeting.details' } : null);
		if (refused) return refused;
		tx.update(t.meetings).set({ place: v.place, interpreterBooked: v.interpreterBooked })
			.where(and(eq(t.meetings.id, v.meeting), eq(t.meetings.familyId, ctx.familyId))).run();
		return { ok: true, id: v.meeting };
	});
}
