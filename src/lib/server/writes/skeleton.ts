/**
 * The one skeleton every write of POLICY.md "Writes (version 1)" stands on: it parses its
 * input, then, in one transaction, loads the day's facts, asks `decide` whether the caller
 * may make this kind of write at all, looks up the ids it was given, asks `decide` about
 * them and only then changes the database. The write modules beside this file are grouped
 * by concern; this file holds what they share.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db';
import * as t from '../db/schema';
import { currentClock, familyFacts } from '../family-access';
import { decide, type Action } from '../policy/decide';
import type { WriteKind } from '../policy/write';
import type { FamilyFacts } from '../policy/facts';
import type { Clock, Principal } from '../policy/types';
import { invalid, type WriteResult } from '../write-result';

/** Who writes to which family; `clock` is the server's clock unless a test gives another. */
export type Context = { db: Db; who: Principal; familyId: string; clock?: Clock };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const notFound: WriteResult = { ok: false, status: 404, message: 'not-found' };
export const forbidden: WriteResult = { ok: false, status: 403, message: 'forbidden' };

/** A refusal of one field's value (400), found only once the day's facts are known. */
export function badInput(field: string, message: string): Extract<WriteResult, { ok: false }> {
	return { ok: false, status: 400, message: 'invalid', issues: { [field]: message } };
}

/**
 * One write from start to end inside one immediate transaction: no other connection can
 * change the family between the decision and the write, and a write that fails half-way
 * leaves nothing written. First the day's facts and the caller's right to this kind of
 * write, decided before any id of the input is looked up (no existence oracle: a caller
 * who may not act gets one answer whatever the ids); then `body` looks its ids up, asks
 * `decide` and writes. Synchronous only (better-sqlite3): anything slow (argon2) goes before.
 * `mayNot` is that one answer (forbidden, unless a write has always answered otherwise).
 */
export function inTransaction(ctx: Context, kind: WriteKind, body: (facts: FamilyFacts, tx: Tx) => WriteResult, mayNot: WriteResult = forbidden): WriteResult {
	return ctx.db.transaction((tx) => {
		const facts = familyFacts(ctx.db, ctx.who, ctx.familyId, ctx.clock ?? currentClock());
		// A member reaches only their own family; to anyone else a missing family is one they may not write to.
		if (!facts) return ctx.who.kind === 'member' ? notFound : mayNot;
		if (!decide(facts, ctx.who, { type: 'write.attempt', write: kind }).allow) return mayNot;
		return body(facts, tx);
	}, { behavior: 'immediate' });
}

/**
 * The whole skeleton for a write with form input: parse it (a bad input is refused before
 * the transaction, and writes nothing), then `inTransaction` with the parsed data.
 */
export function parsedWrite<S extends z.ZodType>(
	ctx: Context, kind: WriteKind, schema: S, input: unknown,
	body: (data: z.output<S>, facts: FamilyFacts, tx: Tx) => WriteResult, mayNot: WriteResult = forbidden
): WriteResult {
	const parsed = schema.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	return inTransaction(ctx, kind, (facts, tx) => body(parsed.data, facts, tx), mayNot);
}

/** Null when the policy allows the action; not found when the ids named nothing (null), else forbidden. */
export function refusal(facts: FamilyFacts, who: Principal, action: Action | null): WriteResult | null {
	if (!action) return notFound;
	return decide(facts, who, action).allow ? null : forbidden;
}

/** Whether the professional (when given) or else the organisation exists. */
export function granteeExists(db: Db | Tx, professionalId: string | null, organisationId: string | null): boolean {
	if (professionalId) return db.select({ id: t.professionals.id }).from(t.professionals).where(eq(t.professionals.id, professionalId)).get() !== undefined;
	return db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.id, organisationId!)).get() !== undefined;
}
