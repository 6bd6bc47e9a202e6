import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The pages carry no script (the root layout turns csr off), so `hash` mode gives
		// `script-src 'self'` alone, the header `auto` gave too, without the random nonce that
		// `auto` drew for every page (2 % of a small page's CPU). SvelteKit would hash any
		// inline script it wrote. style-src needs 'unsafe-inline' for Svelte transitions (STACK-NOTES).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
