import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { enrolTotp, factorStatus } from '$lib/server/second-factor/factors';
import { postedFields, requireEnrolment } from '$lib/server/second-factor/pages';
import { decodeTotpSecret, newTotpKey, totpKeyText, totpKeyUri } from '$lib/server/second-factor/totp';
import { registerPasskey, registrationOptions, relyingPartyOf } from '$lib/server/second-factor/webauthn';
import { encodeBase32NoPadding } from '@oslojs/encoding';
import type { Actions, PageServerLoad } from './$types';

/**
 * Enrolment: a new app key shown as text and as an otpauth link (the form carries it
 * back with the first code, as Lucia's guide does), or a passkey. No JavaScript is
 * needed for the app.
 */
export const load: PageServerLoad = async (event) => {
	const who = requireEnrolment(event);
	const key = newTotpKey();
	const status = factorStatus(getDb(), who.accountId);
	const passkeyOptions = await registrationOptions(getDb(), relyingPartyOf(event.url), { id: who.accountId, username: who.username, name: who.name }, who.sessionId);
	return {
		...shownKey(who.username, key),
		passkeyOptions, resetAt: status.resetAt, passwordChanged: event.url.searchParams.get('done') === 'changePassword', enrolled: status.totp || status.passkeys > 0, verified: who.verified
	};
};

function shownKey(username: string, key: Uint8Array) {
	return { secret: encodeBase32NoPadding(key), keyText: totpKeyText(key), keyUri: totpKeyUri(username, key) };
}

/** Recovery codes are shown once, in this answer only (never in a URL, never again). */
export const actions: Actions = {
	totp: async (event) => {
		const who = requireEnrolment(event);
		const field = await postedFields(event);
		const key = decodeTotpSecret(field('secret'));
		const code = field('code');
		if (!key) return fail(400, { action: 'totp', error: 'invalid' as const });
		const result = enrolTotp(getDb(), who.accountId, who.sessionId, key, code);
		// The same key again: the person has already added it to their app.
		if (!result.ok) return fail(result.reason === 'throttled' ? 429 : 400, { action: 'totp', error: result.reason, key: shownKey(who.username, key) });
		event.locals.secondFactorVerified = true; // the page's load runs again in this request
		return { action: 'totp', recoveryCodes: result.recoveryCodes, kind: who.kind };
	},
	passkey: async (event) => {
		const who = requireEnrolment(event);
		const response = (await postedFields(event, 16_000))('response');
		const result = await registerPasskey(getDb(), relyingPartyOf(event.url), who.accountId, who.sessionId, response);
		if (!result.ok) return fail(result.reason === 'throttled' ? 429 : 400, { action: 'passkey', error: result.reason });
		event.locals.secondFactorVerified = true; // the page's load runs again in this request
		return { action: 'passkey', recoveryCodes: result.recoveryCodes, kind: who.kind };
	}
};
