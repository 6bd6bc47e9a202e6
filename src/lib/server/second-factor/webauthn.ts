/**
 * Passkeys and security keys (WebAuthn) with @simplewebauthn/server. The page asks for
 * options, the browser's own navigator.credentials answers, and the answer comes back as
 * a form field. Challenges live in memory for five minutes, one per session: the portal
 * is one process (as its login throttles are).
 */
import {
	generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
	type AuthenticationResponseJSON, type RegistrationResponseJSON
} from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { webauthnCredentials } from '../db/schema';
import { finishEnrolment, throttledAttempt, type EnrolResult, type FactorAttempt } from './factors';

const CHALLENGE_LIFETIME_MS = 5 * 60 * 1000;
const challenges = new Map<string, { challenge: string; expiresAt: number }>();

/** Where the portal is served: WebAuthn binds every credential to it. */
export type RelyingParty = { origin: string; rpID: string };

export function relyingPartyOf(url: URL): RelyingParty {
	return { origin: url.origin, rpID: url.hostname };
}

function remember(sessionId: string, challenge: string, now = Date.now()) {
	for (const [key, entry] of challenges) if (entry.expiresAt < now) challenges.delete(key);
	challenges.set(sessionId, { challenge, expiresAt: now + CHALLENGE_LIFETIME_MS });
}

/** The session's challenge, once: a second use of the same answer finds none. */
function takeChallenge(sessionId: string, now = Date.now()): string | null {
	const entry = challenges.get(sessionId);
	challenges.delete(sessionId);
	return entry && entry.expiresAt >= now ? entry.challenge : null;
}

function credentialsOf(db: Db, accountId: string) {
	return db.select().from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).all();
}

/** Options for registering a new passkey or key (the page hands them to navigator.credentials.create). */
export async function registrationOptions(db: Db, rp: RelyingParty, account: { id: string; username: string; name: string }, sessionId: string) {
	const options = await generateRegistrationOptions({
		rpName: 'Perheen tilanne', rpID: rp.rpID, userName: account.username, userDisplayName: account.name,
		userID: new TextEncoder().encode(account.id), attestationType: 'none',
		excludeCredentials: credentialsOf(db, account.id).map((c) => ({ id: c.id, transports: c.transports ?? undefined })),
		authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' }
	});
	remember(sessionId, options.challenge);
	return options;
}

function parseJson<T>(text: string): T | null {
	try {
		const value = JSON.parse(text);
		return value && typeof value === 'object' ? (value as T) : null;
	} catch {
		return null;
	}
}

/** Verifies the browser's registration answer and stores the credential; ten recovery codes come back. */
export async function registerPasskey(db: Db, rp: RelyingParty, accountId: string, sessionId: string, responseText: string, now = new Date()): Promise<EnrolResult> {
	const expectedChallenge = takeChallenge(sessionId);
	const response = parseJson<RegistrationResponseJSON>(responseText);
	let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
	if (expectedChallenge && response) {
		try {
			info = (await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false })).registrationInfo;
		} catch {
			info = undefined;
		}
	}
	const attempt = throttledAttempt(accountId, () => !!info);
	if (!attempt.ok || !info) return attempt.ok ? { ok: false, reason: 'invalid' } : attempt;
	const { credential } = info;
	const recoveryCodes = db.transaction((tx) => {
		tx.insert(webauthnCredentials).values({
			id: credential.id, accountId, publicKey: Buffer.from(credential.publicKey), counter: credential.counter,
			transports: credential.transports ?? null, createdAt: now.toISOString()
		}).run();
		return finishEnrolment(tx, accountId, sessionId, now);
	});
	return { ok: true, recoveryCodes };
}

/** Options for signing in with one of the account's passkeys; null when it has none. */
export async function authenticationOptions(db: Db, rp: RelyingParty, accountId: string, sessionId: string) {
	const credentials = credentialsOf(db, accountId);
	if (credentials.length === 0) return null;
	const options = await generateAuthenticationOptions({
		rpID: rp.rpID, userVerification: 'preferred',
		allowCredentials: credentials.map((c) => ({ id: c.id, transports: (c.transports ?? undefined) as never }))
	});
	remember(sessionId, options.challenge);
	return options;
}

/** Verifies the browser's signature with a passkey of this account (under the factor throttle). */
export async function verifyPasskey(db: Db, rp: RelyingParty, accountId: string, sessionId: string, responseText: string): Promise<FactorAttempt> {
	const expectedChallenge = takeChallenge(sessionId);
	const response = parseJson<AuthenticationResponseJSON>(responseText);
	const stored = response && typeof response.id === 'string' ? credentialsOf(db, accountId).find((c) => c.id === response.id) : undefined;
	let newCounter: number | null = null;
	if (expectedChallenge && response && stored) {
		try {
			const result = await verifyAuthenticationResponse({
				response, expectedChallenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false,
				credential: { id: stored.id, publicKey: new Uint8Array(stored.publicKey), counter: stored.counter, transports: (stored.transports ?? undefined) as never }
			});
			if (result.verified) newCounter = result.authenticationInfo.newCounter;
		} catch {
			newCounter = null;
		}
	}
	const attempt = throttledAttempt(accountId, () => newCounter !== null);
	if (attempt.ok && stored) db.update(webauthnCredentials).set({ counter: newCounter! }).where(eq(webauthnCredentials.id, stored.id)).run();
	return attempt;
}
