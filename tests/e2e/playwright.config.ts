import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's Chromium where it exists (Playwright cannot download browsers here), Playwright's own elsewhere. */
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
	testDir: '.',
	testMatch: '**/*.e2e.ts',
	globalSetup: './global-setup.ts',
	fullyParallel: false,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	// Sign-ins hash with argon2 and every page is scanned by axe: on a new two-core CI machine a
	// long story passed 30 s before it failed anything, so the budget is generous.
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: process.env.E2E_BASE_URL,
		// Finnish is the base language; the browser's preference is one of the strategies.
		locale: 'fi-FI',
		trace: 'off',
		launchOptions: existsSync(systemChromium)
			? {
				executablePath: systemChromium,
				args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
			}
			: {}
	}
});
