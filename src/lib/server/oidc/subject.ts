/**
 * The provider's subject identifier is kept only as an HMAC-SHA-256 under the portal's
 * own key (a random key made at first need and kept in the database, so that a backup
 * keeps the links). No other claim is ever read or stored: a national identity number
 * the provider may send is dropped with the rest of the token.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../db';
import type { Tx } from '../writes/skeleton';
import { portalKey } from '../portal-keys';

/** HMAC-SHA-256 of the subject, hex. */
export function subjectHash(db: Db | Tx, subject: string): string {
	return createHmac('sha256', portalKey(db, 'oidc-subject')).update(subject, 'utf8').digest('hex');
}
