/**
 * Recovery codes: ten per enrolment, shown once, each working once. They carry 80 random
 * bits, so a plain SHA-256 is enough to keep them (no password hash needed).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbWriter } from '../administration-log';
import { recoveryCodes } from '../db/schema';

export const RECOVERY_CODE_COUNT = 10;

/** Upper case without spaces or dashes: the code as typed, however it was grouped. */
function normalised(code: string): string {
	return code.replace(/[\s-]/g, '').toUpperCase();
}

function hashOf(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised(code))));
}

function newCode(): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
}

/** Replaces the account's codes with ten new ones and returns them: the only time they are readable. */
export function replaceRecoveryCodes(db: DbWriter, accountId: string): string[] {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
	db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId)).run();
	db.insert(recoveryCodes).values(codes.map((code) => ({ accountId, codeHash: hashOf(code) }))).run();
	return codes;
}

/** Uses a code once: true only for an unused code of this account, which is then spent. */
export function useRecoveryCode(db: DbWriter, accountId: string, code: string, now = new Date()): boolean {
	if (!/^[A-Z2-7]{16}$/.test(normalised(code))) return false;
	const spent = db.update(recoveryCodes).set({ usedAt: now.toISOString() })
		.where(and(eq(recoveryCodes.accountId, accountId), eq(recoveryCodes.codeHash, hashOf(code)), isNull(recoveryCodes.usedAt)))
		.run();
	return spent.changes === 1;
}

/** How many unused codes the account has left. */
export function recoveryCodesLeft(db: DbWriter, accountId: string): number {
	return db.select({ n: sql<number>`count(*)` }).from(recoveryCodes)
		.where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt))).get()?.n ?? 0;
}
