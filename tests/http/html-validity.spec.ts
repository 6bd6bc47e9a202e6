/**
 * Every page the demo personas can reach is valid HTML by html-validate's recommended rules
 * (issue #13): duplicate ids, landmarks without a unique name and `role`s where a native
 * element exists break screen readers and in-page links. Each persona signs in to the built
 * server and crawls, breadth first, the same-origin GET links from their home; `/login`
 * (and what it links to) anonymously, and the 404 page. Only rules about markup STYLE that
 * Svelte's output cannot follow are turned off, each with its reason.
 */
import { HtmlValidate, type ConfigData } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

const VALIDATION_CONFIG: ConfigData = {
	extends: ['html-validate:recommended'],
	rules: {
		// Svelte writes void elements as `<input ...>` or `<input .../>` as the source has them.
		'void-style': 'off',
		// Svelte keeps the template's indentation and line breaks around its blocks.
		'no-trailing-whitespace': 'off',
		// Svelte renders a `true` boolean attribute as `disabled=""`.
		'attribute-boolean-style': 'off',
		// Svelte renders an empty attribute value as `alt=""` or bare, as the source has it.
		'attribute-empty-style': 'off',
		// Not off, widened: a group of checkboxes sharing one name (categories, participants) is how a
		// form sends a list; the default allows it only for radios and buttons.
		'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }]
	}
};

const PERSONAS = ['amal', 'yasmin', 'sari', 'jari', 'eveliina', 'tiina', 'aleksi', 'anna', 'mikko', 'liisa', 'sanna', 'pekka', 'hanna',
	'maria', 'johanna', 'ville', 'elina', 'timo', 'marja', 'admin', 'admin2'] as const;
const ANONYMOUS = 'anonymous';
/** Enough for every page of a persona with the demo data; a bound so that a link loop cannot run forever. */
const MAX_PAGES_PER_PERSONA = 40;
/** Paths whose GET is not a page to read: they act (sign out, switch language) or answer JSON. */
const SKIPPED_PATHS = [/^\/logout(\/|$)/, /^\/language(\/|$)/, /^\/api\//];


type Finding = { persona: string; path: string; ruleId: string; message: string; selector: string | null };
type Fetched = { path: string; status: number; html: string | null };

let server: RunningServer;
const validator = new HtmlValidate(VALIDATION_CONFIG);
const findings: Finding[] = [];
const visited = new Map<string, string[]>();

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await server?.stop();
});

/** GET, following same-origin redirects by hand so that the session cookie goes along. */
async function getPage(path: string, cookie: string | null): Promise<Fetched> {
	let current = path;
	for (let hop = 0; hop < 5; hop++) {
		const response = await fetch(`${server.url}${current}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
		const location = response.headers.get('location');
		if (response.status >= 300 && response.status < 400 && location) {
			await response.body?.cancel();
			const next = new URL(location, `${server.url}${current}`);
			if (next.origin !== server.url) throw new Error(`${current} redirects off the site: ${location}`);
			current = next.pathname + next.search;
			continue;
		}
		const isHtml = (response.headers.get('content-type') ?? '').startsWith('text/html');
		return { path: current, status: response.status, html: isHtml ? await response.text() : (await response.body?.cancel(), null) };
	}
	throw new Error(`${path}: too many redirects`);
}

/** The same-origin page links of a page, as `path?query` without the fragment. */
function pageLinks(html: string, from: string): string[] {
	const links: string[] = [];
	for (const [tag] of html.matchAll(/<a\b[^>]*>/gi)) {
		if (/\sdownload(\s|=|>|\/)/i.test(tag)) continue;
		const href = /\shref="([^"]*)"/i.exec(tag)?.[1]?.replaceAll('&amp;', '&');
		if (href === undefined || href.startsWith('#') || /^(tel|mailto|sms):/i.test(href)) continue;
		const target = new URL(href, `${server.url}${from}`);
		if (target.origin !== server.url) continue;
		const path = target.pathname + target.search;
		if (!SKIPPED_PATHS.some((skipped) => skipped.test(target.pathname))) links.push(path);
	}
	return links;
}

async function validatePage(persona: string, path: string, html: string) {
	const report = await validator.validateString(html, `${persona}${path}`);
	for (const message of report.results.flatMap((result) => result.messages)) {
		findings.push({ persona, path, ruleId: message.ruleId, message: message.message, selector: message.selector });
	}
}

/** Breadth first from `start`; returns the pages validated. */
async function crawl(persona: string, start: string, cookie: string | null): Promise<string[]> {
	const queue = [start];
	const seen = new Set(queue);
	const pages: string[] = [];
	while (queue.length > 0 && pages.length < MAX_PAGES_PER_PERSONA) {
		const page = await getPage(queue.shift()!, cookie);
		if (page.html === null || pages.includes(page.path)) continue;
		pages.push(page.path);
		seen.add(page.path);
		await validatePage(persona, page.path, page.html);
		for (const link of pageLinks(page.html, page.path)) {
			if (!seen.has(link)) {
				seen.add(link);
				queue.push(link);
			}
		}
	}
	return pages;
}

describe('every page the demo personas reach passes html-validate', () => {
	it('anonymous: the sign-in page, what it links to, and the 404 page', async () => {
		const pages = await crawl(ANONYMOUS, '/login', null);
		const missing = await getPage('/no-such-page', null);
		expect(missing.status).toBe(404);
		await validatePage(ANONYMOUS, '(404)', missing.html!);
		visited.set(ANONYMOUS, [...pages, '(404)']);
		expect(pages).toContain('/welcome');
	});

	it.each(PERSONAS)('%s, from their home', { timeout: 180_000 }, async (persona) => {
		const signedIn = await login(server.url, persona, DEMO_PASSWORD);
		expect(signedIn.status, `${persona} signs in`).toBe(303);
		const pages = await crawl(persona, '/', signedIn.cookie);
		visited.set(persona, pages);
		// Home plus more than one page: the crawl really followed links.
		expect(pages.length, `${persona} reached ${pages.join(', ')}`).toBeGreaterThan(1);
	});

	it('finds no problem on any page (a parser-error would hide the rest of its page)', () => {
		console.info(`html-validate: ${[...visited.values()].flat().length} pages checked`);
		const report = findings.map((f) => `${f.persona} ${f.path} [${f.ruleId}] ${f.message} @ ${f.selector ?? '-'}`);
		expect(report, 'html-validate findings (page, rule, message, selector)').toEqual([]);
	});
});
