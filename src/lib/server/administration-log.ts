/**
 * The administration log: what administrators did to accounts and rights (D1), who and
 * when. Append-only (the table refuses updates); no family data, so every administrator
 * reads it on /admin.
 */
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';
import { accounts, administrationLog, administrators, professionals, type AdministrationAction, type GrantedRight } from './db/schema';

/** A database or a transaction on it: entries are written inside the write they record. */
export type DbWriter = Pick<Db, 'insert' | 'select' | 'update' | 'delete'>;

export type AdministrationEntry = {
	administratorId: string;
	action: AdministrationAction;
	accountId: string;
	right?: GrantedRight | null;
	proposalId?: string | null;
};

/** Appends one entry, stamped now; call it inside the transaction of the write it records. */
export function appendAdministrationLog(db: DbWriter, entry: AdministrationEntry, now = new Date()): void {
	db.insert(administrationLog).values({
		at: now.toISOString(), administratorId: entry.administratorId, action: entry.action,
		accountId: entry.accountId, right: entry.right ?? null, proposalId: entry.proposalId ?? null
	}).run();
}

const targetAccount = alias(accounts, 'target_account');

/**
 * The newest entries first, with the administrator's and the account's names: no family
 * data. `limit` keeps the admin page small; the table keeps everything.
 */
export function listAdministrationLog(db: Db, limit = 100) {
	return db.select({
		seq: administrationLog.seq, at: administrationLog.at, action: administrationLog.action, right: administrationLog.right,
		administratorId: administrationLog.administratorId, administratorName: administrators.name,
		accountId: administrationLog.accountId, username: targetAccount.username, professionalName: professionals.name
	})
		.from(administrationLog)
		.leftJoin(administrators, eq(administrators.id, administrationLog.administratorId))
		.leftJoin(targetAccount, eq(targetAccount.id, administrationLog.accountId))
		.leftJoin(professionals, eq(professionals.id, targetAccount.professionalId))
		.orderBy(desc(administrationLog.seq))
		.limit(limit)
		.all();
}
