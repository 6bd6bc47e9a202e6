/**
 * Others' text inside right-to-left pages (#14): names, Finnish service and organisation
 * names are isolated (`<bdi>`), so that "Anna Virtanen" or "Perhetyö kotona" keeps its own
 * direction inside an Arabic sentence and does not reorder it; the sentence's text itself
 * carries no direction controls (a reader copying it, or a test matching it, gets the words).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

async function arabic(path: string): Promise<string> {
	const { cookie } = await login(server.url, 'amal', DEMO_PASSWORD);
	const response = await fetch(`${server.url}${path}`, { headers: { cookie: `${cookie}; PARAGLIDE_LOCALE=ar` } });
	expect(response.status).toBe(200);
	return (await response.text()).replaceAll(/<!--[^>]*-->/g, '');
}

it('Amal\'s home in Arabic wraps the member and coordinator names, the organisation and the meeting\'s people in <bdi>', async () => {
	const html = await arabic('/family');
	expect(html).toMatch(/<html lang="ar" dir="rtl">/);
	// The greeting: "مرحبًا، <bdi>Amal</bdi>" (a name inside a sentence of the interface).
	expect(html).toMatch(/<p class="greeting[^"]*">[^<]*<bdi>Amal<\/bdi>/);
	expect(html).toContain('<strong><bdi>Anna Virtanen</bdi></strong>, <bdi>Itäisen alueen lastensuojelu</bdi>');
	const meeting = html.match(/<p data-now-meeting="[^"]+"[^>]*>([\s\S]*?)<\/p>/)?.[1] ?? '';
	for (const name of ['Amal', 'Yasmin', 'Omar', 'Anna Virtanen', 'Mikko Korhonen']) expect(meeting).toContain(`<bdi>${name}</bdi>`);
	// The isolation is markup only: no isolate marks left in the text (phone numbers keep their own left-to-right marks).
	expect(html).not.toContain('\u2068');
});

it('the services on "Our situation" in Arabic: each service name and provider in <bdi>', async () => {
	const html = await arabic('/family/situation');
	expect(html).toContain('<bdi>Perhetyö kotona</bdi>');
	expect(html).toContain('<bdi>Velkaneuvonta</bdi>');
	expect(html).toContain('<bdi>Perhetyö, Itä</bdi>');
	expect(html).not.toContain('\u2068');
});
