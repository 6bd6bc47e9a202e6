/**
 * What administrators manage: organisations and professional accounts. No family data
 * is read here (A1).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import { preparedOnce } from './db/prepared';
import { accounts, organisations, professionals } from './db/schema';

export function listOrganisations(db: Db) {
	return preparedOnce(db, organisationsStatement).all();
}

/** The coordinator's summary lists the organisations on every view: built once. */
function organisationsStatement(db: Db) {
	return db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).orderBy(asc(organisations.name)).prepare();
}

/**
 * The professional a form names by id, username or e-mail (case aside), or null. Forms
 * name a colleague this way rather than offering a list of every professional.
 */
export function findProfessional(db: Db, named: string): string | null {
	const key = named.trim().toLowerCase();
	if (!key) return null;
	const row = db.select({ id: professionals.id }).from(professionals)
		.leftJoin(accounts, eq(accounts.professionalId, professionals.id))
		.where(sql`${professionals.id} = ${named.trim()} OR ${accounts.username} = ${key} OR lower(${professionals.email}) = ${key}`)
		.get();
	return row?.id ?? null;
}

