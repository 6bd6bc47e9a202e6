/**
 * The provider's subject identifier is kept only as an HMAC-SHA-256 under the portal's
 * own key (a random key made at first need and kept in the database, so that a backup
 * keeps the links). No other claim is ever read or stored: a national identity number
 * the provider may send is dropped with the rest of the token.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { Tx } from '../writes/skeleton';
import { oidcKeys } from '../db/schema';

function subjectKey(db: Db | Tx): Buffer {
	db.run(sql`INSERT OR IGNORE INTO oidc_keys (id, key) VALUES (1, ${randomBytes(32).toString('hex')})`);
	const row = db.select({ key: oidcKeys.key }).from(oidcKeys).where(eq(oidcKeys.id, 1)).get();
	return Buffer.from(row!.key, 'hex');
}

/** HMAC-SHA-256 of the subject, hex. */
export function subjectHash(db: Db | Tx, subject: string): string {
	return createHmac('sha256', subjectKey(db)).update(subject, 'utf8').digest('hex');
}
