/**
 * Authenticator-app codes (TOTP, RFC 6238) as Lucia's 2FA guide makes them with
 * @oslojs/otp: 20-byte keys, 30-second steps, six digits. The time is a parameter so that
 * the window can be tested; the server passes its own clock.
 */
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** The issuer an authenticator app shows beside the code. */
const ISSUER = 'Perheen tilanne';

/** A new random key: 160 bits, the size RFC 4226 recommends. */
export function newTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

function counterAt(at: number): bigint {
	return BigInt(Math.floor(at / (TOTP_PERIOD_SECONDS * 1000)));
}

/** The code an authenticator app shows at `at` (milliseconds). */
export function totpCodeAt(key: Uint8Array, at = Date.now()): string {
	return generateHOTP(key, counterAt(at), TOTP_DIGITS);
}

/** The 30-second step that `at` (milliseconds) falls in: the counter of its code. */
export function totpStepAt(at = Date.now()): number {
	return Number(counterAt(at));
}

/**
 * The step whose code `code` is: the step at `at` or the one before or after it (±1
 * window: a phone clock half a minute off, or a code typed as it changed); null when it
 * is none of them. Only the step is checked here: that a step is used once is the
 * factor's check (factors.ts).
 */
export function matchedTotpStep(key: Uint8Array, code: string, at = Date.now()): number | null {
	const digits = code.replace(/\s+/g, '');
	if (!/^\d{6}$/.test(digits)) return null;
	const now = counterAt(at);
	const step = [now - 1n, now, now + 1n].find((counter) => verifyHOTP(key, counter, TOTP_DIGITS, digits));
	return step === undefined ? null : Number(step);
}

/** The `otpauth://` link an authenticator app reads (as a link or typed in). */
export function totpKeyUri(accountName: string, key: Uint8Array): string {
	return createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as people type it into an app: base32 in groups of four. */
export function totpKeyText(key: Uint8Array): string {
	return encodeBase32NoPadding(key).match(/.{1,4}/g)!.join(' ');
}

/** A base32 secret (scenario files, the enrolment form) to key bytes; null when it is not base32 of at least 80 bits. */
export function decodeTotpSecret(secret: string): Uint8Array | null {
	const cleaned = secret.replace(/[\s-]/g, '').toUpperCase();
	if (!/^[A-Z2-7]+=*$/.test(cleaned)) return null;
	try {
		const key = decodeBase32IgnorePadding(cleaned);
		return key.length >= 10 ? key : null;
	} catch {
		return null;
	}
}
