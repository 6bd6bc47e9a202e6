/**
 * Personal calendar feeds (K1): a long secret link read without signing in. The secret
 * is 32 random bytes (256 bits) in base32; only its SHA-256 is stored, as sessions keep
 * theirs (session.ts), so a copy of the database opens no feed. One feed per account:
 * renewing replaces the row, and the old link answers 404 from that moment.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { accounts, calendarFeeds, members, professionals } from '../db/schema';
import type { Principal } from '../policy/types';

/** 32 bytes in base32 without padding: 52 characters of a-z and 2-7. */
const SECRET_PATTERN = /^[a-z2-7]{52}$/;

function feedIdOf(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

function newSecret(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** When the account's feed was made, or null when it has none. */
export function calendarFeedOf(db: Db, accountId: string): { created: string } | null {
	return db.select({ created: calendarFeeds.created }).from(calendarFeeds).where(eq(calendarFeeds.accountId, accountId)).get() ?? null;
}

/**
 * Makes the account's feed, or renews it: any older link of the account stops in the
 * same transaction. Returns the new secret, which is shown to its owner once and never
 * stored.
 */
export function renewCalendarFeed(db: Db, accountId: string, now: Date = new Date()): string {
	const secret = newSecret();
	db.transaction((tx) => {
		tx.delete(calendarFeeds).where(eq(calendarFeeds.accountId, accountId)).run();
		tx.insert(calendarFeeds).values({ id: feedIdOf(secret), accountId, created: now.toISOString() }).run();
	});
	return secret;
}

/** Removes the account's feed; its link answers 404 from now on. True when there was one. */
export function removeCalendarFeed(db: Db, accountId: string): boolean {
	return db.delete(calendarFeeds).where(eq(calendarFeeds.accountId, accountId)).run().changes > 0;
}

/**
 * The owner of the feed with this secret: their account and the principal the policy decides for, or
 * null: no such feed, a malformed secret, an account that is deactivated or whose
 * password an administrator has reset (until its owner sets a new one), or one that is
 * not a family member's or a professional's.
 */
export function calendarFeedOwner(db: Db, secret: string): { accountId: string; principal: Principal } | null {
	if (!SECRET_PATTERN.test(secret)) return null;
	const row = db.select({
		accountId: accounts.id, active: accounts.active, mustChangePassword: accounts.mustChangePassword, kind: accounts.kind,
		memberId: members.id, familyId: members.familyId, memberName: members.name,
		professionalId: professionals.id, organisationId: professionals.organisationId, authority: professionals.authority,
		manager: professionals.manager, professionalName: professionals.name
	}).from(calendarFeeds)
		.innerJoin(accounts, eq(accounts.id, calendarFeeds.accountId))
		.leftJoin(members, eq(members.id, accounts.memberId))
		.leftJoin(professionals, eq(professionals.id, accounts.professionalId))
		.where(eq(calendarFeeds.id, feedIdOf(secret))).get();
	if (!row || !row.active || row.mustChangePassword) return null;
	if (row.kind === 'member' && row.memberId && row.familyId && row.memberName !== null) {
		return { accountId: row.accountId, principal: { kind: 'member', memberId: row.memberId, familyId: row.familyId, name: row.memberName } };
	}
	if (row.kind === 'professional' && row.professionalId && row.organisationId && row.professionalName !== null) {
		return {
			accountId: row.accountId,
			principal: {
				kind: 'professional', professionalId: row.professionalId, organisationId: row.organisationId,
				authority: row.authority ?? false, name: row.professionalName, manager: row.manager ?? false
			}
		};
	}
	return null;
}
