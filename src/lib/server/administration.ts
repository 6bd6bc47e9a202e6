/**
 * What administrators manage: organisations and professional accounts. No family data
 * is read here (A1).
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { accounts, organisations, professionals } from './db/schema';

export function listOrganisations(db: Db) {
	return db.select({ id: organisations.id, name: organisations.name, kind: organisations.kind }).from(organisations).orderBy(asc(organisations.name)).all();
}

export function listProfessionals(db: Db) {
	return db
		.select({ id: professionals.id, name: professionals.name, organisation: organisations.name, username: accounts.username, active: accounts.active })
		.from(professionals)
		.innerJoin(organisations, eq(organisations.id, professionals.organisationId))
		.leftJoin(accounts, eq(accounts.professionalId, professionals.id))
		.orderBy(asc(professionals.name))
		.all();
}
