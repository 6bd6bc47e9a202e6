/**
 * The tests' real OpenID provider (`oidc-provider`, see oidc-provider-process.mjs), started as its
 * own process on the run's clock, and a cookie-keeping client that signs in at its forms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort, ROOT } from './server';
import { serverClockOptions, testNow } from './run-clock';

export const OIDC_CLIENT_ID = 'family-portal';
export const OIDC_CLIENT_SECRET = 'test-client-secret-not-for-production';

export type TestProvider = {
	issuer: string;
	/** The portal's OIDC_* environment for this provider. */
	env: Record<string, string>;
	/** Start the provider (oidc-provider-process.mjs) for the portal at `portalUrl`; call once that URL is known. */
	serve: (portalUrl: string) => Promise<void>;
	/** While on, the token endpoint answers with the ID token's signature broken. */
	tamperSignature: (on: boolean) => Promise<void>;
	stop: () => Promise<void>;
};

/** Picks the provider's port now (the portal needs the issuer before it starts); `serve` starts it. */
export async function createTestProvider(): Promise<TestProvider> {
	const port = await freePort();
	const issuer = `http://localhost:${port}`;
	let child: ChildProcess | null = null;
	let output = '';
	return {
		issuer,
		env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET },
		serve: async (portalUrl) => {
			// On the run's clock, like the portal: ID token times must agree with the portal's.
			const clock = serverClockOptions();
			child = spawn(process.execPath, [...clock.execArgv, join(ROOT, 'tests/support/oidc-provider-process.mjs')], {
				cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
				env: { ...process.env, ...clock.env, PORT: String(port), PORTAL_URL: portalUrl, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET }
			});
			child.stdout?.on('data', (chunk) => (output += chunk));
			child.stderr?.on('data', (chunk) => (output += chunk));
			for (let i = 0; i < 100; i++) {
				try {
					if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) return;
				} catch { /* not up yet */ }
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(`test provider did not start: ${output}`);
		},
		tamperSignature: async (on) => {
			const answer = await fetch(`${issuer}/__test/tamper/${on ? 'on' : 'off'}`, { method: 'POST' });
			if (!answer.ok) throw new Error(`test provider refused the tamper switch: ${answer.status}`);
		},
		stop: () => new Promise((done) => {
			if (!child || child.exitCode !== null) return done();
			child.once('exit', () => done());
			child.kill('SIGTERM');
		})
	};
}

/** A browser without a browser: cookies per host, redirects followed by hand. */
export class CookieBrowser {
	private jars = new Map<string, Map<string, string>>();

	cookie(url: string, name: string): string | undefined {
		return this.jars.get(new URL(url).host)?.get(name);
	}

	setCookie(url: string, name: string, value: string): void {
		const host = new URL(url).host;
		this.jars.set(host, (this.jars.get(host) ?? new Map()).set(name, value));
	}

	async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
		const host = new URL(url).host;
		const jar = this.jars.get(host) ?? new Map<string, string>();
		this.jars.set(host, jar);
		const headers: Record<string, string> = { accept: 'text/html' };
		if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
		if (init.form) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			headers.origin = new URL(url).origin;
		}
		const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, redirect: 'manual', body: init.form ? new URLSearchParams(init.form) : undefined });
		const setCookies = response.headers.getSetCookie();
		for (const line of setCookies) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
			// Expires is judged on the run's clock, the one the servers run on (run-clock.ts).
			const expired = attributes.some((a) => /^\s*max-age=0\b/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < testNow().getTime()));
			if (expired || value === '') jar.delete(name);
			else jar.set(name, value);
		}
		const location = response.headers.get('location');
		return { status: response.status, location: location ? new URL(location, url).href : null, html: await response.text(), setCookies };
	}
}

/**
 * Signs in at the test provider's own forms as `subject`, starting from the authorization
 * URL, and returns the URL the provider sends the browser back to (the portal's callback).
 */
export async function signInAtProvider(browser: CookieBrowser, authorizationUrl: string, subject: string): Promise<string> {
	let url = authorizationUrl;
	for (let step = 0; step < 12; step++) {
		if (url.includes('/login/oidc/callback')) return url;
		const page = await browser.request(url);
		if (page.location) { url = page.location; continue; }
		const action = /action="([^"]+)"/.exec(page.html)?.[1];
		const prompt = /name="prompt" value="([^"]+)"/.exec(page.html)?.[1];
		if (!action || !prompt) throw new Error(`provider page without a form (${page.status}): ${page.html.slice(0, 300)}`);
		const posted = await browser.request(new URL(action, url).href, { form: prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt } });
		if (!posted.location) throw new Error(`provider did not redirect after ${prompt} (${posted.status}): ${posted.html.slice(0, 300)}`);
		url = posted.location;
	}
	throw new Error('provider sign-in did not come back to the portal');
}
