/**
 * Signing in with a username and a password: throttled per username and per client
 * address, one neutral answer for a wrong username and a wrong password alike.
 */
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { accounts } from './db/schema';
import { getDecoyHash, verifyPassword } from './password';
import { RefillingTokenBucket, Throttler } from './rate-limit';
import { usernameKey } from './names';

/** Seconds to wait after the 1st, 2nd, ... failure: four tries free, then growing waits. */
const usernameThrottler = new Throttler<string>([0, 0, 0, 30, 60, 120, 300, 600]);
/** Per client address: a burst (LOGIN_ADDRESS_BURST, default 30) refilled one every 2 s. */
const addressBucket = new RefillingTokenBucket<string>(Number(process.env.LOGIN_ADDRESS_BURST) || 30, 2000);

export type SignInResult =
	| { ok: true; accountId: string; kind: 'member' | 'professional' | 'administrator' }
	/** `accountId`: the account a wrong password was tried on, for its owner's list of sign-ins (never shown to the caller). */
	| { ok: false; reason: 'invalid' | 'throttled'; accountId?: string };

/** Checks the credentials; the caller creates the session on success. */
export async function signIn(db: Db, username: string, password: string, clientAddress: string): Promise<SignInResult> {
	// Compared as stored (names.ts): NFC and lower case, so "A" + U+0308 finds "ä".
	const key = usernameKey(username);
	if (!addressBucket.consume(clientAddress)) return { ok: false, reason: 'throttled' };
	if (!usernameThrottler.check(key)) return { ok: false, reason: 'throttled' };
	// Counted as a failure before the hash is awaited, and cleared only by the right
	// password: recorded after it, any number of attempts sent together all passed the check.
	usernameThrottler.fail(key);
	const account = key ? db.select().from(accounts).where(eq(accounts.username, key)).get() : undefined;
	// An unknown username still costs one verification, so that timing does not tell it apart.
	const valid = await verifyPassword(account?.passwordHash ?? (await getDecoyHash()), password);
	if (!account || !valid || !account.active) return { ok: false, reason: 'invalid', accountId: account?.id };
	usernameThrottler.reset(key);
	return { ok: true, accountId: account.id, kind: account.kind };
}

/** Where each kind of account lands after signing in. */
export function homeOf(kind: 'member' | 'professional' | 'administrator'): string {
	return kind === 'member' ? '/family' : kind === 'professional' ? '/pro' : '/admin';
}
