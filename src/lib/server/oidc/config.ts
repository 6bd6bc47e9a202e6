/**
 * The OpenID Connect provider for families' e-identification (#17), configured by
 * `OIDC_ISSUER`, `OIDC_CLIENT_ID` and `OIDC_CLIENT_SECRET`; the redirect URI is
 * `ORIGIN` + `/login/oidc/callback`. Without all three the portal offers no e-identification.
 */
import * as client from 'openid-client';

export const CALLBACK_PATH = '/login/oidc/callback';

type OidcSettings = { issuer: URL; clientId: string; clientSecret: string };

/** The settings from the environment, or null when e-identification is not configured. */
export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
	const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
	if (!issuer || !clientId || !clientSecret) return null;
	return { issuer: new URL(issuer), clientId, clientSecret };
}

/** Whether the login page offers e-identification. */
export function oidcConfigured(): boolean {
	return oidcSettings() !== null;
}

/** The redirect URI registered with the provider: the public origin when known, else the request's. */
export function redirectUri(requestOrigin: string): string {
	return new URL(CALLBACK_PATH, process.env.ORIGIN || requestOrigin).href;
}

/** Plain http only for a provider on this machine (the tests' own provider); anything else must be https. */
function isLoopback(url: URL): boolean {
	return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

let discovered: Promise<client.Configuration> | null = null;

/**
 * The provider's configuration by OpenID discovery, fetched once and kept; a failed
 * discovery is forgotten so that the next sign-in tries again.
 */
export function oidcConfiguration(): Promise<client.Configuration> {
	const settings = oidcSettings();
	if (!settings) return Promise.reject(new Error('OIDC is not configured'));
	// openid-client trusts TLS for an ID token from the token endpoint and skips its signature
	// unless told otherwise: the portal checks it too (against the provider's published keys),
	// so that a token altered anywhere on the way is refused.
	const execute = [client.enableNonRepudiationChecks, ...(isLoopback(settings.issuer) ? [client.allowInsecureRequests] : [])];
	discovered ??= client.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, { execute });
	discovered.catch(() => (discovered = null));
	return discovered;
}
