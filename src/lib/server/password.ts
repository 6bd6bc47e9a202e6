/**
 * Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane).
 */
import { hash, verify } from '@node-rs/argon2';

/** The longest password any form or file takes: argon2 of a megabyte would be a way to tire the server. */
export const MAX_PASSWORD_LENGTH = 1024;

const ARGON2ID = 2; // Algorithm.Argon2id; the const enum cannot be imported under isolatedModules.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** An argon2id PHC string for the password. */
export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** True when the password matches the PHC string; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of nothing, verified against when the username is unknown so that timing does not tell. */
let decoyHash: Promise<string> | undefined;
export function getDecoyHash(): Promise<string> {
	decoyHash ??= hashPassword('decoy password never used');
	return decoyHash;
}
