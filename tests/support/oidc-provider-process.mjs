// A real OpenID provider for the tests (`oidc-provider`, certified), run as its own
// process on the test run's clock (started with shifted-clock.mjs, like the portal), so
// that ID token times agree with the portal's clock. One client for the portal under test
// (client id and secret, its redirect URI, PKCE required); its built-in login form
// (devInteractions) accepts any login, which becomes the subject. `POST /__test/tamper`
// with `on` or `off` switches breaking the ID token's signature in the token endpoint's
// answers (same length, one character changed). Environment: PORT, PORTAL_URL,
// OIDC_CLIENT_ID, OIDC_CLIENT_SECRET.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { PORT, PORTAL_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = process.env;
const issuer = `http://localhost:${PORT}`;
let tamperSignature = false;

const provider = new Provider(issuer, {
	clients: [{
		client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET,
		redirect_uris: [`${PORTAL_URL}/login/oidc/callback`],
		grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic'
	}],
	pkce: { required: () => true },
	// A national identity number is offered with the subject: the portal must drop it.
	findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, national_identification_number: '010190-123A' }) }),
	claims: { openid: ['sub', 'national_identification_number'] },
	features: { devInteractions: { enabled: true } },
	cookies: { keys: ['test-cookie-key-for-the-provider'] }
});
const handle = provider.callback();

/** Rewrites the JSON body's `id_token` with one signature character changed. */
function breakIdTokenSignature(res) {
	const end = res.end.bind(res);
	res.end = (chunk, ...rest) => {
		if (chunk) {
			const body = JSON.parse(String(chunk));
			if (body.id_token) {
				const [header, payload, signature] = body.id_token.split('.');
				const i = Math.floor(signature.length / 2);
				body.id_token = `${header}.${payload}.${signature.slice(0, i)}${signature[i] === 'A' ? 'B' : 'A'}${signature.slice(i + 1)}`;
			}
			chunk = JSON.stringify(body);
		}
		return end(chunk, ...rest);
	};
}

/**
 * The provider's cookies as Max-Age instead of Expires. This process runs on the test
 * run's shifted clock (hours from the real one at some times of day), and a real browser
 * judges Expires on the real clock: an hour-long interaction cookie would arrive already
 * expired and be dropped. Max-Age keeps the same lifetime whatever the clocks say.
 */
function cookiesWithMaxAge(res) {
	const setHeader = res.setHeader.bind(res);
	res.setHeader = (name, value) => {
		if (String(name).toLowerCase() !== 'set-cookie') return setHeader(name, value);
		const toMaxAge = (cookie) => cookie.replace(/;\s*expires=([^;]+)/i, (_m, at) => `; max-age=${Math.max(0, Math.round((Date.parse(at) - Date.now()) / 1000))}`);
		return setHeader(name, Array.isArray(value) ? value.map(toMaxAge) : toMaxAge(String(value)));
	};
}

createServer((req, res) => {
	cookiesWithMaxAge(res);
	if (req.method === 'POST' && req.url?.startsWith('/__test/tamper')) {
		tamperSignature = req.url.endsWith('on');
		res.end('ok');
		return;
	}
	if (tamperSignature && req.url?.startsWith('/token')) breakIdTokenSignature(res);
	handle(req, res);
}).listen(Number(PORT), '127.0.0.1', () => console.log(`provider at ${issuer}`));
