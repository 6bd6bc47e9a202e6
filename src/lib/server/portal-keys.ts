/**
 * The portal's own random keys, one per purpose, made at first need and kept in the
 * database (the `oidc_keys` table, whose first row was the only one before calendars
 * needed theirs), so that a backup keeps what was derived from them.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import type { Tx } from './writes/skeleton';
import { oidcKeys } from './db/schema';

/** Row ids: never change one, or what was derived under it changes. */
const PURPOSES = { 'oidc-subject': 1, 'calendar-entry': 2 } as const;
export type KeyPurpose = keyof typeof PURPOSES;

export function portalKey(db: Db | Tx, purpose: KeyPurpose): Buffer {
	const id = PURPOSES[purpose];
	const read = () => db.select({ key: oidcKeys.key }).from(oidcKeys).where(eq(oidcKeys.id, id)).get()?.key;
	let key = read();
	if (key === undefined) {
		// Two first requests at once: one key wins, both read it.
		db.run(sql`INSERT OR IGNORE INTO oidc_keys (id, key) VALUES (${id}, ${randomBytes(32).toString('hex')})`);
		key = read()!;
	}
	return Buffer.from(key, 'hex');
}
