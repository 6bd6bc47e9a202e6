import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { factorStatus, hasSecondFactor, verifyFactorCode } from '$lib/server/second-factor/factors';
import { answerFactorAttempt, postedFields, requireFactorSession } from '$lib/server/second-factor/pages';
import { authenticationOptions, relyingPartyOf, verifyPasskey } from '$lib/server/second-factor/webauthn';
import type { Actions, PageServerLoad } from './$types';

/** The second step of signing in: an app code, a passkey, or a recovery code. */
export const load: PageServerLoad = async (event) => {
	const who = requireFactorSession(event);
	if (who.verified) redirect(303, homeOf(who.kind));
	if (!hasSecondFactor(getDb(), who.accountId)) redirect(303, `/second-factor/enrol${event.url.search}`);
	const status = factorStatus(getDb(), who.accountId);
	const passkeyOptions = await authenticationOptions(getDb(), relyingPartyOf(event.url), who.accountId, who.sessionId);
	return { totp: status.totp, passkeyOptions, recoveryLeft: status.recoveryLeft, passwordChanged: event.url.searchParams.get('done') === 'changePassword' };
};

export const actions: Actions = {
	totp: async (event) => {
		const who = requireFactorSession(event);
		const code = (await postedFields(event))('code');
		return answerFactorAttempt(event, who, 'totp', verifyFactorCode(getDb(), who.accountId, 'totp', code));
	},
	recovery: async (event) => {
		const who = requireFactorSession(event);
		const code = (await postedFields(event))('code');
		return answerFactorAttempt(event, who, 'recovery', verifyFactorCode(getDb(), who.accountId, 'recovery', code));
	},
	passkey: async (event) => {
		const who = requireFactorSession(event);
		const response = (await postedFields(event, 16_000))('response');
		return answerFactorAttempt(event, who, 'webauthn', await verifyPasskey(getDb(), relyingPartyOf(event.url), who.accountId, who.sessionId, response));
	}
};
