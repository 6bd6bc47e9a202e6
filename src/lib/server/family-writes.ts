/**
 * Writes of POLICY.md "Writes (version 1)": each one parses its input, then, in one
 * transaction, loads the day's facts, asks `decide` whether the caller may make this kind
 * of write at all, looks up the ids it was given, asks `decide` about them and only then
 * changes the database.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db';
import * as t from './db/schema';
import { currentClock, familyFacts } from './family-access';
import { decide, type Action } from './policy/decide';
import type { WriteKind } from './policy/write';
import type { FamilyFacts } from './policy/facts';
import type { Clock, Principal } from './policy/types';
import { isIsoDate } from './time';
import { findProfessional } from './administration';

import { invalid, newId, type WriteResult } from './write-result';

export type { WriteResult };

const notFound: WriteResult = { ok: false, status: 404, message: 'not-found' };
const forbidden: WriteResult = { ok: false, status: 403, message: 'forbidden' };

const date = z.string().refine(isIsoDate, 'date');
const optionalDate = z.union([date, z.literal('').transform(() => null), z.null()]).optional().transform((v) => v ?? null);
const text = z.string().trim().min(1, 'required').max(4000, 'too-long');
const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal(''), z.literal('false'), z.null()])
	.optional().transform((v) => v === 'on' || v === 'true' || v === '1');
/** Forms send one choice, `audience`; the API-style pair of flags is accepted too. */
const AUDIENCES = ['me', 'family', 'team', 'both'] as const;
const sharing = {
	shareWithFamily: checkbox, shareWithTeam: checkbox, audience: z.enum(AUDIENCES).optional()
};
function withAudience<T extends { audience?: (typeof AUDIENCES)[number]; shareWithFamily: boolean; shareWithTeam: boolean }>({ audience, ...rest }: T) {
	return audience === undefined ? rest : {
		...rest, shareWithFamily: audience === 'family' || audience === 'both', shareWithTeam: audience === 'team' || audience === 'both'
	};
}
const optionalText = z.string().trim().max(4000, 'too-long').optional().transform((v) => v ?? '');

/**
 * A view (text required) or a feelings check-in (a picture card, a sentence, or both).
 * Meeting answers have their own write, `answerMeeting`.
 */
const voiceInput = z.object({
	kind: z.enum(['view', 'checkin']),
	text: optionalText,
	feeling: z.union([z.enum(t.FEELINGS), z.literal('')]).optional().transform((v) => (v ? v : null)),
	goal: z.string().max(64).optional().transform((v) => (v ? v : null)),
	consultation: z.string().max(64).optional().transform((v) => (v ? v : null)),
	...sharing
}).superRefine((v, ctx) => {
	if (v.kind === 'view' && v.text === '') ctx.addIssue({ code: 'custom', path: ['text'], message: 'required' });
	if (v.kind === 'checkin' && v.text === '' && v.feeling === null) ctx.addIssue({ code: 'custom', path: ['feeling'], message: 'required' });
	if (v.kind === 'view' && v.feeling !== null) ctx.addIssue({ code: 'custom', path: ['feeling'], message: 'invalid' });
	if (v.kind !== 'view' && v.goal !== null) ctx.addIssue({ code: 'custom', path: ['goal'], message: 'invalid' });
	if (v.kind !== 'view' && v.consultation !== null) ctx.addIssue({ code: 'custom', path: ['consultation'], message: 'invalid' });
}).transform(withAudience).transform(({ goal, consultation, ...voice }) => ({ ...voice, goalId: goal, consultationId: consultation }));

const score = z.union([z.literal('').transform(() => null), z.coerce.number().int().min(0).max(10)]).optional().transform((v) => v ?? null);
const answerFields = Object.fromEntries([...t.PREP_QUESTIONS, ...t.FEEDBACK_QUESTIONS].map((q) => [q, optionalText]));
/** Answers to the questions asked before (meeting-prep) or after (feedback) a meeting. */
const meetingAnswerInput = z.object({
	kind: z.enum(['meeting-prep', 'feedback']),
	meeting: z.string().min(1, 'required').max(64),
	score,
	...answerFields,
	...sharing
}).transform((v) => {
	const questions: readonly string[] = v.kind === 'meeting-prep' ? t.PREP_QUESTIONS : t.FEEDBACK_QUESTIONS;
	const answers = Object.fromEntries(questions.map((q) => [q, (v as Record<string, unknown>)[q] as string]).filter(([, a]) => a !== ''));
	const shared = withAudience(v);
	return {
		kind: v.kind, meeting: v.meeting, answers: answers as t.MeetingAnswers, score: v.kind === 'feedback' ? v.score : null,
		shareWithFamily: shared.shareWithFamily, shareWithTeam: shared.shareWithTeam
	};
}).superRefine((v, ctx) => {
	if (Object.keys(v.answers).length === 0 && v.score === null) ctx.addIssue({ code: 'custom', path: ['form'], message: 'answer-something' });
});

type Context = { db: Db; who: Principal; familyId: string; clock?: Clock };
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * One write from start to end inside one immediate transaction: no other connection can
 * change the family between the decision and the write, and a write that fails half-way
 * leaves nothing written. First the day's facts and the caller's right to this kind of
 * write, decided before any id of the input is looked up (no existence oracle: a caller
 * who may not act gets one answer whatever the ids); then `body` looks its ids up, asks
 * `decide` and writes. Synchronous only (better-sqlite3): anything slow (argon2) goes before.
 * `mayNot` is that one answer (forbidden, unless a write has always answered otherwise).
 */
function inTransaction(ctx: Context, kind: WriteKind, body: (facts: FamilyFacts, tx: Tx) => WriteResult, mayNot: WriteResult = forbidden): WriteResult {
	return ctx.db.transaction((tx) => {
		const facts = familyFacts(ctx.db, ctx.who, ctx.familyId, ctx.clock ?? currentClock());
		// A member reaches only their own family; to anyone else a missing family is one they may not write to.
		if (!facts) return ctx.who.kind === 'member' ? notFound : mayNot;
		if (!decide(facts, ctx.who, { type: 'write.attempt', write: kind }).allow) return mayNot;
		return body(facts, tx);
	}, { behavior: 'immediate' });
}

/** Null when the policy allows the action; not found when the ids named nothing (null), else forbidden. */
function refusal(facts: FamilyFacts, who: Principal, action: Action | null): WriteResult | null {
	if (!action) return notFound;
	return decide(facts, who, action).allow ? null : forbidden;
}

// ---- W7 "I don't feel safe" ------------------------------------------------------

const signalInput = z.object({ word: z.string().trim().max(500, 'too-long').optional().transform((w) => w || null) });

/** One tap: the signal is stored at once for the coordinator (S1); the word is optional. */
export function sendSafetySignal(ctx: Context, input: unknown): WriteResult {
	const parsed = signalInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'safetySignal.send', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'safetySignal.send' });
		if (refused) return refused;
		if (ctx.who.kind !== 'member') return forbidden;
		const id = newId('sig');
		tx.insert(t.safetySignals).values({
			id, familyId: ctx.familyId, memberId: ctx.who.memberId, word: parsed.data.word, created: facts.clock.now.toISOString()
		}).run();
		return { ok: true, id };
	});
}

// ---- W1 voice ---------------------------------------------------------------------

/** A view about a goal names one its author may see; anything else is as if the goal did not exist. */
function goalVisible(facts: FamilyFacts, who: Principal, goalId: string | null): boolean {
	if (goalId === null) return true;
	const goal = facts.record.goals.find((g) => g.id === goalId);
	return goal !== undefined && decide(facts, who, { type: 'read.goal', goal }).allow;
}

/** A question to a consultation team goes to one the author may see (its answer is plan data about the child). */
function consultationVisible(facts: FamilyFacts, who: Principal, consultationId: string | null): boolean {
	if (consultationId === null) return true;
	const consultation = facts.record.consultations.find((c) => c.id === consultationId);
	return consultation !== undefined && decide(facts, who, { type: 'read.consultationAnswer', consultation }).allow;
}

export function createVoice(ctx: Context, input: unknown): WriteResult {
	const parsed = voiceInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'voice.create', (facts, tx) => {
		const visible = goalVisible(facts, ctx.who, parsed.data.goalId) && consultationVisible(facts, ctx.who, parsed.data.consultationId);
		const refused = refusal(facts, ctx.who, visible ? { type: 'voice.create' } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'member') return forbidden;
		const id = newId('v');
		tx.insert(t.voiceItems).values({
			id, familyId: ctx.familyId, authorId: ctx.who.memberId, ...parsed.data, created: facts.clock.now.toISOString()
		}).run();
		return { ok: true, id };
	});
}

/**
 * Preparation answers before a meeting, or feedback (with the 0-10 score) after it, by a
 * member who may see the meeting. Answering again replaces the author's earlier answers
 * to the same meeting, so a second tap does not count twice in the outcome figures.
 */
export function answerMeeting(ctx: Context, input: unknown): WriteResult {
	const parsed = meetingAnswerInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const a = parsed.data;
	return inTransaction(ctx, 'voice.create', (facts, tx) => {
		const who = ctx.who;
		const meeting = facts.record.meetings.find((m) => m.id === a.meeting);
		const visible = meeting !== undefined && who.kind === 'member' && decide(facts, who, { type: 'read.meeting', meeting }).allow;
		const refused = refusal(facts, who, visible ? { type: 'voice.create' } : null);
		if (refused) return refused;
		if (who.kind !== 'member' || !meeting) return forbidden;
		// Preparation is asked before the meeting, feedback after it.
		const upcoming = Date.parse(meeting.start) > facts.clock.now.getTime();
		if (upcoming !== (a.kind === 'meeting-prep')) return { ok: false, status: 400, message: 'invalid', issues: { meeting: upcoming ? 'meeting-ahead' : 'meeting-past' } };
		const authorId = who.memberId;
		const earlier = facts.record.voice.find((v) => v.author === authorId && v.meeting === a.meeting && v.kind === a.kind);
		const values = {
			kind: a.kind, text: '', meetingId: a.meeting, answers: a.answers, score: a.score,
			shareWithFamily: a.shareWithFamily, shareWithTeam: a.shareWithTeam, created: facts.clock.now.toISOString()
		};
		if (earlier) {
			tx.update(t.voiceItems).set(values).where(eq(t.voiceItems.id, earlier.id)).run();
			return { ok: true, id: earlier.id };
		}
		const id = newId('v');
		tx.insert(t.voiceItems).values({ id, familyId: ctx.familyId, authorId, ...values }).run();
		return { ok: true, id };
	}, notFound); // to anyone but a member, every meeting is one they cannot answer: as if it did not exist
}

/** Changes the text, the picture card or the sharing of a view or check-in; its kind stays. */
export function updateVoice(ctx: Context, voiceId: string, input: Record<string, unknown>): WriteResult {
	return inTransaction(ctx, 'voice.change', (facts, tx) => {
		const stored = facts.record.voice.find((v) => v.id === voiceId);
		const refused = refusal(facts, ctx.who, stored ? { type: 'voice.change', voice: stored } : null);
		if (refused || !stored) return refused ?? notFound;
		// A form that does not offer the picture card or the goal keeps the one chosen before.
		const parsed = voiceInput.safeParse({ feeling: stored.feeling ?? '', goal: stored.goal ?? '', consultation: stored.consultation ?? '', ...input, kind: stored.kind });
		if (!parsed.success) return invalid(parsed.error);
		if (!goalVisible(facts, ctx.who, parsed.data.goalId) || !consultationVisible(facts, ctx.who, parsed.data.consultationId)) return notFound;
		tx.update(t.voiceItems).set(parsed.data).where(eq(t.voiceItems.id, voiceId)).run();
		return { ok: true, id: voiceId };
	});
}

export function deleteVoice(ctx: Context, voiceId: string): WriteResult {
	return inTransaction(ctx, 'voice.change', (facts, tx) => {
		const voice = facts.record.voice.find((v) => v.id === voiceId);
		const refused = refusal(facts, ctx.who, voice ? { type: 'voice.change', voice } : null);
		if (refused) return refused;
		tx.delete(t.voiceItems).where(eq(t.voiceItems.id, voiceId)).run();
		return { ok: true };
	});
}

// ---- W2 tasks ---------------------------------------------------------------------

export function tickTask(ctx: Context, taskId: string, done: boolean): WriteResult {
	return inTransaction(ctx, 'task.tick', (facts, tx) => {
		const task = facts.record.tasks.find((x) => x.id === taskId);
		const refused = refusal(facts, ctx.who, task ? { type: 'task.tick', task } : null);
		if (refused) return refused;
		tx.update(t.tasks).set({ done }).where(eq(t.tasks.id, taskId)).run();
		return { ok: true, id: taskId };
	});
}

// ---- W3 goals and tasks -----------------------------------------------------------

const goalInput = z.object({ subject: z.string().max(64).optional().transform((s) => s || null), text });

export function createGoal(ctx: Context, input: unknown): WriteResult {
	const parsed = goalInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { subject } = parsed.data;
	return inTransaction(ctx, 'plan.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, subject === null || facts.member(subject) ? { type: 'plan.change', subject } : null);
		if (refused) return refused;
		const id = newId('goal');
		tx.insert(t.goals).values({ id, familyId: ctx.familyId, subjectId: subject, text: parsed.data.text }).run();
		return { ok: true, id };
	});
}

const taskInput = z.object({ goal: z.string().min(1, 'required'), assignee: z.string().max(64).optional().transform((s) => s || null), text, due: optionalDate });

export function createTask(ctx: Context, input: unknown): WriteResult {
	const parsed = taskInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { goal: goalId, assignee } = parsed.data;
	return inTransaction(ctx, 'plan.change', (facts, tx) => {
		const goal = facts.record.goals.find((g) => g.id === goalId);
		const assigneeIsMember = assignee !== null && facts.member(assignee) !== undefined;
		const onTeam = assignee !== null && facts.activeTeam.some((m) => m.professional.id === assignee);
		const known = goal !== undefined && (assignee === null || assigneeIsMember || onTeam);
		// The task's subject is its assignee member, else the goal's subject: both must be plannable.
		const refused = refusal(facts, ctx.who, known ? { type: 'plan.change', subject: assigneeIsMember ? assignee : goal.subject } : null);
		if (refused) return refused;
		const id = newId('task');
		tx.insert(t.tasks).values({
			id, familyId: ctx.familyId, goalId, text: parsed.data.text, due: parsed.data.due, done: false,
			assigneeMemberId: assigneeIsMember ? assignee : null, assigneeProfessionalId: assigneeIsMember ? null : assignee
		}).run();
		return { ok: true, id };
	});
}

// ---- W4 consents ------------------------------------------------------------------

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
		if (c.until !== null && c.until <= from) return { ok: false, status: 400, message: 'invalid', issues: { until: 'after-from' } };
		if (!granteeExists(tx, c.granteeProfessional, c.granteeOrganisation)) return { ok: false, status: 400, message: 'invalid', issues: { grantee: 'unknown' } };
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

function granteeExists(db: Db | Tx, professionalId: string | null, organisationId: string | null): boolean {
	if (professionalId) return db.select({ id: t.professionals.id }).from(t.professionals).where(eq(t.professionals.id, professionalId)).get() !== undefined;
	return db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.id, organisationId!)).get() !== undefined;
}

/** Revocation is immediate: dated today, so the consent is no longer in force today. */
export function revokeConsent(ctx: Context, consentId: string): WriteResult {
	return inTransaction(ctx, 'consent.revoke', (facts, tx) => {
		const consent = facts.record.consents.find((c) => c.id === consentId);
		const refused = refusal(facts, ctx.who, consent ? { type: 'consent.revoke', consent } : null);
		if (refused) return refused;
		tx.update(t.consents).set({ revoked: facts.clock.today }).where(eq(t.consents.id, consentId)).run();
		return { ok: true, id: consentId };
	});
}

// ---- W5 blocks, team, maturity, information rights ---------------------------------

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
	const parsed = blockInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const b = parsed.data;
	return inTransaction(ctx, 'block.change', (facts, tx) => {
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
	const parsed = blockChangeInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'block.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.record.blocks.some((b) => b.id === blockId) ? { type: 'block.change' } : null);
		if (refused) return refused;
		tx.update(t.blocks).set(parsed.data).where(eq(t.blocks.id, blockId)).run();
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
	if (parsed.data.until !== null && parsed.data.until <= parsed.data.from) return { ok: false, status: 400, message: 'invalid', issues: { until: 'after-from' } };
	return inTransaction(ctx, 'team.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'team.change' });
		if (refused) return refused;
		// Looked up only now: whether a username or e-mail exists is told to the coordinator alone.
		const found = findProfessional(ctx.db, parsed.data.professional);
		if (!found) return { ok: false, status: 400, message: 'invalid', issues: { professional: 'unknown' } };
		const m = { ...parsed.data, professional: found };
		const overlapping = facts.record.team.some((x) => x.role === 'coordinator' && m.role === 'coordinator' &&
			(x.until === null || x.until > m.from) && (m.until === null || m.until > x.from));
		if (overlapping) return { ok: false, status: 400, message: 'invalid', issues: { role: 'one-coordinator' } };
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

const matureInput = z.object({ child: z.string().min(1), mature: z.enum(['true', 'false', 'none']).transform((v) => (v === 'none' ? null : v === 'true')) });

export function setMature(ctx: Context, input: unknown): WriteResult {
	const parsed = matureInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { child, mature } = parsed.data;
	return inTransaction(ctx, 'member.mature', (facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.member(child) && !facts.isAdult(child) ? { type: 'member.mature', child } : null);
		if (refused) return refused;
		tx.update(t.members).set({ mature }).where(eq(t.members.id, child)).run();
		return { ok: true };
	});
}

const informationRightInput = z.object({ adult: z.string().min(1), child: z.string().min(1), categories: z.array(z.enum(t.HIDEABLE_CATEGORIES)).default([]) });

/** Records (or, with no categories, removes) a non-custodial parent's information right (M10). */
export function setInformationRight(ctx: Context, input: unknown): WriteResult {
	const parsed = informationRightInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { adult, child, categories } = parsed.data;
	return inTransaction(ctx, 'member.informationRight', (facts, tx) => {
		const known = facts.member(adult) && facts.member(child) && adult !== child && !facts.isAdult(child) && !facts.isCustodianOf(adult, child);
		const refused = refusal(facts, ctx.who, known ? { type: 'member.informationRight', adult, child } : null);
		if (refused) return refused;
		const where = and(eq(t.informationRights.adultId, adult), eq(t.informationRights.childId, child));
		tx.delete(t.informationRights).where(where).run();
		if (categories.length > 0) tx.insert(t.informationRights).values({ adultId: adult, childId: child, categories: [...new Set(categories)] }).run();
		return { ok: true };
	});
}

// ---- W8 assessment notes, W9 services and the service path ------------------------

const assessmentInput = z.object({
	subject: z.string().max(64).optional().transform((v) => v || null),
	area: z.enum(t.ASSESSMENT_AREAS),
	text
});

/** A dated note of the multi-agency assessment, by area, authored by the writer. */
export function addAssessment(ctx: Context, input: unknown): WriteResult {
	const parsed = assessmentInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { subject, area, text: note } = parsed.data;
	return inTransaction(ctx, 'assessment.create', (facts, tx) => {
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
	const parsed = consultationInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { subject, question } = parsed.data;
	return inTransaction(ctx, 'assessment.create', (facts, tx) => {
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
	const parsed = consultationRecordInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'assessment.create', (facts, tx) => {
		const c = facts.record.consultations.find((x) => x.id === consultationId);
		const refused = refusal(facts, ctx.who, c ? { type: 'assessment.create', subject: c.subject } : null);
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const answered = parsed.data.answer ? { answeredBy: ctx.who.professionalId, answered: facts.clock.today } : { answeredBy: null, answered: null };
		tx.update(t.consultations).set({ ...parsed.data, ...answered }).where(eq(t.consultations.id, consultationId)).run();
		return { ok: true, id: consultationId };
	});
}

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
	const parsed = serviceInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const v = parsed.data;
	return inTransaction(ctx, 'service.change', (facts, tx) => {
		if (!granteeExists(tx, null, v.provider)) return { ok: false, status: 400, message: 'invalid', issues: { provider: 'unknown' } };
		if (v.contact && !granteeExists(tx, v.contact, null)) return { ok: false, status: 400, message: 'invalid', issues: { contact: 'unknown' } };
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
	const parsed = outcomeInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'outcome.record', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'outcome.record' });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const values = { ...parsed.data, recorded: facts.clock.today, recordedBy: ctx.who.professionalId };
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
	const parsed = pathInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { stage } = parsed.data;
	return inTransaction(ctx, 'path.change', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'path.change' });
		if (refused) return refused;
		const today = facts.clock.today;
		const from = parsed.data.from ?? today;
		const path = [...facts.record.path.filter((p) => p.stage !== stage), { stage, from }]
			.sort((a, b) => t.STAGES.indexOf(a.stage) - t.STAGES.indexOf(b.stage));
		tx.update(t.families).set(from <= today ? { stage, path } : { path }).where(eq(t.families.id, ctx.familyId)).run();
		return { ok: true };
	});
}

// ---- meetings ---------------------------------------------------------------------

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

/** The instant of a Helsinki wall-clock time, as ISO 8601 with its offset (+02:00 or +03:00). */
function helsinkiInstant(date: string, time: string): string {
	const guess = new Date(`${date}T${time}:00Z`);
	const offsetOf = (at: Date) => {
		const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' }).formatToParts(at);
		const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+02:00';
		return name === 'GMT' ? '+00:00' : name.slice(3);
	};
	// The offset at the guessed instant, checked once more at the corrected one (DST edges).
	const first = offsetOf(guess);
	const corrected = new Date(Date.parse(`${date}T${time}:00${first}`));
	return `${date}T${time}:00${offsetOf(corrected)}`;
}

// ---- T1 tags ----------------------------------------------------------------------

const tagInput = z.object({
	item: z.string().regex(/^(service|goal|task|assessment|voice|consultation):[A-Za-z0-9_-]{1,64}$/, 'required'),
	to: z.string().min(1, 'required').max(64),
	note: z.string().trim().max(500, 'too-long').optional().transform((v) => v || null)
});

/** Raises an item to a named team professional who may see it too (T1); it is in their reminders. */
export function addTag(ctx: Context, input: unknown): WriteResult {
	const parsed = tagInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const [kind, itemId] = parsed.data.item.split(':') as [t.TagItemKind, string];
	return inTransaction(ctx, 'tag.create', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'tag.create', kind, itemId, to: parsed.data.to });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('tag');
		tx.insert(t.tags).values({
			id, familyId: ctx.familyId, itemKind: kind, itemId, fromId: ctx.who.professionalId, toId: parsed.data.to, note: parsed.data.note,
			created: facts.clock.today
		}).run();
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

// ---- P7 mapping invitations --------------------------------------------------------

const inviteInput = z.object({ to: z.string().min(1, 'required').max(64), text });

/** An active team member invites another professional, not on the team, to a joint assessment (P7). */
export function inviteProfessional(ctx: Context, input: unknown): WriteResult {
	const parsed = inviteInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { text: message } = parsed.data;
	return inTransaction(ctx, 'invitation.create', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'invitation.create' });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		// Looked up only now: whether a username or e-mail exists is told to the team alone.
		const to = findProfessional(ctx.db, parsed.data.to);
		if (!to) return { ok: false, status: 400, message: 'invalid', issues: { to: 'unknown' } };
		if (facts.teamRole(to)) return { ok: false, status: 400, message: 'invalid', issues: { to: 'already-on-team' } };
		const id = newId('inv');
		tx.insert(t.invitations).values({
			id, familyId: ctx.familyId, fromId: ctx.who.professionalId, toId: to, text: message, created: facts.clock.now.toISOString()
		}).run();
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
	const parsed = answerInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'invitation.answer', (facts, tx) => {
		const invitation = facts.record.invitations.find((i) => i.id === invitationId);
		const refused = refusal(facts, ctx.who, invitation ? { type: 'invitation.answer', invitation } : null);
		if (refused) return refused;
		const a = parsed.data;
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

// ---- P8 emergency access -------------------------------------------------------------

/** A reason long enough to be read and judged by the coordinator afterwards. */
const emergencyInput = z.object({ reason: z.string().trim().min(20, 'reason-short').max(2000, 'too-long') });

/**
 * An authority opens emergency access to a family for 24 hours (P8). It is loud: the
 * coordinator's reminders, the family's log (L2) and every read logged as emergency.
 */
export function openEmergency(ctx: Context, input: unknown): WriteResult {
	const parsed = emergencyInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, 'emergency.open', (facts, tx) => {
		const refused = refusal(facts, ctx.who, { type: 'emergency.open' });
		if (refused) return refused;
		if (ctx.who.kind !== 'professional') return forbidden;
		const id = newId('ea');
		tx.insert(t.emergencyAccesses).values({
			id, familyId: ctx.familyId, professionalId: ctx.who.professionalId, reason: parsed.data.reason, opened: facts.clock.now.toISOString()
		}).run();
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

// ---- W6 hiddenFromCustodians --------------------------------------------------------

const hiddenInput = z.object({ child: z.string().min(1).optional(), categories: z.array(z.enum(t.HIDEABLE_CATEGORIES)).default([]) });

export function setHiddenFromCustodians(ctx: Context, input: unknown): WriteResult {
	const parsed = hiddenInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const child = ctx.who.kind === 'member' ? ctx.who.memberId : parsed.data.child;
	if (!child) return { ok: false, status: 400, message: 'invalid', issues: { child: 'required' } };
	return inTransaction(ctx, 'member.hideFromCustodians', (facts, tx) => {
		const refused = refusal(facts, ctx.who, facts.member(child) ? { type: 'member.hideFromCustodians', child } : null);
		if (refused) return refused;
		tx.update(t.members).set({ hiddenFromCustodians: [...new Set(parsed.data.categories)] }).where(eq(t.members.id, child)).run();
		return { ok: true };
	});
}
