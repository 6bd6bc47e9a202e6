/**
 * `npm run demo:code`: the current authenticator-app code of the demo's professionals and
 * administrators (they share one known key, `totpSecret` in the demo scenario), so the
 * demo can be tried without an app. Demo data only.
 *
 * A code signs each account in once (RFC 6238 §5.2), so it also tells the next step's
 * code: the portal takes it already, for signing the same person in again before the
 * code changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTotpSecret, TOTP_PERIOD_SECONDS, totpCodeAt } from '../lib/server/second-factor/totp';

const scenario = JSON.parse(readFileSync(join(import.meta.dirname, '../lib/server/demo/demo-scenario.json'), 'utf8'));
const secret: string | undefined = [...scenario.professionals, ...scenario.administrators].find((p: { totpSecret?: string }) => p.totpSecret)?.totpSecret;
const key = secret ? decodeTotpSecret(secret) : null;
if (!key) {
	console.error('The demo scenario has no totpSecret.');
	process.exit(1);
}
const now = Date.now();
const left = TOTP_PERIOD_SECONDS - Math.floor(now / 1000) % TOTP_PERIOD_SECONDS;
console.log(totpCodeAt(key, now));
console.error(`(valid for ${left} more seconds, and the 30 seconds around it; key ${secret})`);
console.error(`Each code signs a person in once. To sign the same person in again before it changes, use the next code: ${totpCodeAt(key, now + TOTP_PERIOD_SECONDS * 1000)}`);
