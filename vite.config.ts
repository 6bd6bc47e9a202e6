import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { cachedPluralRules } from './src/build/cached-plural-rules.js';

export default defineConfig({
	plugins: [
		// Under vitest the messages are compiled beforehand (pretest): the plugin's watcher keeps the run from exiting.
		...(process.env.VITEST ? [] : [paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		})]),
		cachedPluralRules(),
		sveltekit()
	],
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'tests/http/**/*.spec.ts', ...(process.env.RENDER_BENCH ? ['tests/.tmp/*.spec.ts'] : [])],
		environment: 'node',
		globalSetup: ['tests/support/vitest-global-setup.ts'],
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
