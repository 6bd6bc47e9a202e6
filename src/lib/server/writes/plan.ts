/**
 * The plan (W2, W3): goals, tasks and ticking a task done.
 * Each write: parse, then `inTransaction` (facts, the right to this kind of write, lookups, `decide`, write).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import * as t from '../db/schema';
import { optionalDate, text } from './fields';
import { inTransaction, refusal, parsedWrite, type Context } from './skeleton';
import { newId, type WriteResult } from '../write-result';

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
	return parsedWrite(ctx, 'plan.change', goalInput, input, (data, facts, tx) => {
		const { subject } = data;
		const refused = refusal(facts, ctx.who, subject === null || facts.member(subject) ? { type: 'plan.change', subject } : null);
		if (refused) return refused;
		const id = newId('goal');
		tx.insert(t.goals).values({ id, familyId: ctx.familyId, subjectId: subject, text: data.text }).run();
		return { ok: true, id };
	});
}

const taskInput = z.object({ goal: z.string().min(1, 'required'), assignee: z.string().max(64).optional().transform((s) => s || null), text, due: optionalDate });

export function createTask(ctx: Context, input: unknown): WriteResult {
	return parsedWrite(ctx, 'plan.change', taskInput, input, (data, facts, tx) => {
		const { goal: goalId, assignee } = data;
		const goal = facts.record.goals.find((g) => g.id === goalId);
		const assigneeIsMember = assignee !== null && facts.member(assignee) !== undefined;
		const onTeam = assignee !== null && facts.activeTeam.some((m) => m.professional.id === assignee);
		const known = goal !== undefined && (assignee === null || assigneeIsMember || onTeam);
		// The task's subject is its assignee member, else the goal's subject: both must be plannable.
		const refused = refusal(facts, ctx.who, known ? { type: 'plan.change', subject: assigneeIsMember ? assignee : goal.subject } : null);
		if (refused) return refused;
		const id = newId('task');
		tx.insert(t.tasks).values({
			id, familyId: ctx.familyId, goalId, text: data.text, due: data.due, done: false,
			assigneeMemberId: assigneeIsMember ? assignee : null, assigneeProfessionalId: assigneeIsMember ? null : assignee
		}).run();
		return { ok: true, id };
	});
}
