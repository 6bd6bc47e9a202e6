/**
 * Who prints a family summary, for the printout's header: the professional's name and
 * organisation (no family data). Printing is the summary's own page load, so the read is
 * logged like any other.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import { preparedOnce } from './db/prepared';
import { organisations } from './db/schema';
import type { ProfessionalPrincipal } from './policy/types';

export type Printout = { at: string; name: string; organisation: string };

/** The printout's "printed at" (the load's instant, ISO) and "printed by" for `me`. */
export function printoutOf(db: Db, me: ProfessionalPrincipal, now: Date): Printout {
	const organisation = preparedOnce(db, organisationNameStatement).get({ id: me.organisationId });
	return { at: now.toISOString(), name: me.name, organisation: organisation?.name ?? '' };
}

/** Every summary carries the printout header: its statement is built once. */
function organisationNameStatement(db: Db) {
	return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, sql.placeholder('id'))).prepare();
}
