/**
 * Sign-ins and failed attempts of known accounts, for the person's own account page
 * (#17): when, how, from which device, and whether it worked.
 */
import { desc, eq } from 'drizzle-orm';
import type { DbWriter } from './administration-log';
import type { Db } from './db';
import { signInEvents, type SignInMethod } from './db/schema';

/** Records one attempt; `device` is the short name from device.ts. */
export function recordSignInEvent(db: DbWriter, event: { accountId: string; success: boolean; method: SignInMethod; device: string | null }, now = new Date()): void {
	db.insert(signInEvents).values({ ...event, at: now.toISOString() }).run();
}

/** The account's newest attempts first. */
export function listSignInEvents(db: Db, accountId: string, limit = 20) {
	return db.select({ at: signInEvents.at, success: signInEvents.success, method: signInEvents.method, device: signInEvents.device })
		.from(signInEvents).where(eq(signInEvents.accountId, accountId))
		.orderBy(desc(signInEvents.at), desc(signInEvents.id)).limit(limit).all();
}
