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

/**
 * Findings present when this test was written, in pages that other parts of issue #13 are
 * rewriting: `page rule` → how many, over all personas that reached the page. The test fails
 * on a finding beyond these AND on a listed one that no longer appears as often, so this list
 * only shrinks. Empty it as the pages are fixed. (A `parser-error` stops html-validate on that
 * page: what follows the unreadable markup is not checked until it is fixed.)
 */
const KNOWN_FINDINGS_TO_FIX: Record<string, number> = {
	'/admin element-permitted-content': 4,
	'/admin prefer-native-element': 4,
	'/admin unique-landmark': 8,
	'/family no-dup-id': 8,
	'/family prefer-native-element': 7,
	'/family tel-non-breaking': 128,
	'/pro prefer-native-element': 10,
	'/pro unique-landmark': 20,
	'/pro/families/fam-haddad prefer-native-element': 1,
	'/pro/families/fam-haddad tel-non-breaking': 104,
	'/pro/families/fam-haddad unique-landmark': 2,
	'/pro/families/fam-haddad?tool=assessment parser-error': 4,
	'/pro/families/fam-haddad?tool=assessment prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=assessment tel-non-breaking': 88,
	'/pro/families/fam-haddad?tool=blocks parser-error': 1,
	'/pro/families/fam-haddad?tool=blocks prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=blocks tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=children prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=children tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=children unique-landmark': 2,
	'/pro/families/fam-haddad?tool=consent parser-error': 1,
	'/pro/families/fam-haddad?tool=consent prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=consent tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=consultation prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=consultation tel-non-breaking': 88,
	'/pro/families/fam-haddad?tool=consultation unique-landmark': 2,
	'/pro/families/fam-haddad?tool=invite prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=invite tel-non-breaking': 88,
	'/pro/families/fam-haddad?tool=invite unique-landmark': 2,
	'/pro/families/fam-haddad?tool=meeting prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=meeting tel-non-breaking': 88,
	'/pro/families/fam-haddad?tool=meeting unique-landmark': 2,
	'/pro/families/fam-haddad?tool=members prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=members tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=members unique-landmark': 2,
	'/pro/families/fam-haddad?tool=outcome prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=outcome tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=outcome unique-landmark': 2,
	'/pro/families/fam-haddad?tool=path prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=path tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=path unique-landmark': 2,
	'/pro/families/fam-haddad?tool=plan parser-error': 4,
	'/pro/families/fam-haddad?tool=plan prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=plan tel-non-breaking': 88,
	'/pro/families/fam-haddad?tool=services parser-error': 1,
	'/pro/families/fam-haddad?tool=services prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=services tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=tag prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=tag tel-non-breaking': 88,
	'/pro/families/fam-haddad?tool=tag unique-landmark': 2,
	'/pro/families/fam-haddad?tool=team prefer-native-element': 1,
	'/pro/families/fam-haddad?tool=team tel-non-breaking': 28,
	'/pro/families/fam-haddad?tool=team unique-landmark': 2,
	'/pro/families/fam-lahtinen tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=assessment parser-error': 3,
	'/pro/families/fam-lahtinen?tool=assessment tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=blocks parser-error': 1,
	'/pro/families/fam-lahtinen?tool=blocks tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=children tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=consent parser-error': 1,
	'/pro/families/fam-lahtinen?tool=consent tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=consultation tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=invite tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=meeting tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=members tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=outcome tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=path tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=plan parser-error': 3,
	'/pro/families/fam-lahtinen?tool=plan tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=services parser-error': 1,
	'/pro/families/fam-lahtinen?tool=services tel-non-breaking': 24,
	'/pro/families/fam-lahtinen?tool=tag tel-non-breaking': 60,
	'/pro/families/fam-lahtinen?tool=team tel-non-breaking': 24,
	'/pro/families/fam-makela tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=assessment parser-error': 3,
	'/pro/families/fam-makela?tool=assessment tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=blocks parser-error': 1,
	'/pro/families/fam-makela?tool=blocks tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=children tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=consent parser-error': 1,
	'/pro/families/fam-makela?tool=consent tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=consultation tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=invite tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=meeting tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=members tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=outcome tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=path tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=plan parser-error': 3,
	'/pro/families/fam-makela?tool=plan tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=services parser-error': 1,
	'/pro/families/fam-makela?tool=services tel-non-breaking': 20,
	'/pro/families/fam-makela?tool=tag tel-non-breaking': 60,
	'/pro/families/fam-makela?tool=team tel-non-breaking': 20,
	'/pro/outcomes prefer-native-element': 1,
	'/pro/outcomes unique-landmark': 2,
};

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

	it('finds no problem beyond the known ones, and every known one is still there', () => {
		console.info(`html-validate: ${[...visited.values()].flat().length} pages checked`);
		const keyOf = (finding: Finding) => `${finding.path} ${finding.ruleId}`;
		const counts = new Map<string, number>();
		for (const finding of findings) counts.set(keyOf(finding), (counts.get(keyOf(finding)) ?? 0) + 1);
		const beyondKnown = findings.filter((finding) => counts.get(keyOf(finding))! > (KNOWN_FINDINGS_TO_FIX[keyOf(finding)] ?? 0));
		const report = beyondKnown.map((f) => `${f.persona} ${f.path} [${f.ruleId}] ${f.message} @ ${f.selector ?? '-'}`);
		expect(report, 'new html-validate findings (page, rule, message, selector)').toEqual([]);
		const fixed = Object.entries(KNOWN_FINDINGS_TO_FIX).filter(([key, count]) => (counts.get(key) ?? 0) < count)
			.map(([key, count]) => `${key}: listed ${count}, found ${counts.get(key) ?? 0}`);
		expect(fixed, 'known findings that are gone or fewer: lower or remove them in KNOWN_FINDINGS_TO_FIX').toEqual([]);
	});
});
