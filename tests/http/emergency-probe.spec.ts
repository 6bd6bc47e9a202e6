/**
 * P8 emergency access against the built server: an authority cannot learn whether a
 * family is a client by posting the form with a bad reason. The reason is checked before
 * the name is looked up, so a known and an unknown name get the same answer, and nothing
 * is opened or logged (P1, L1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let timo: string;
beforeAll(async () => {
	server = await startServer();
	timo = (await login(server.url, 'timo', DEMO_PASSWORD)).cookie!;
	expect(timo).toBeTruthy();
});
afterAll(async () => { await server?.stop(); });

const count = (query: string) => {
	const db = new Database(server.databasePath, { readonly: true });
	try { return db.prepare(query).pluck().get() as number; } finally { db.close(); }
};

async function open(family: string, reason: string) {
	const response = await fetch(`${server.url}/pro/emergency?/open`, {
		method: 'POST', redirect: 'manual',
		headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: timo },
		body: new URLSearchParams({ family, reason })
	});
	const page = await response.text();
	// What the answer says: the alert and which fields are in error, with their messages.
	const said = [...page.matchAll(/<p class="(?:alert|field-error)"[^>]*>([^<]*)</g)].map((match) => match[0]);
	return { status: response.status, said };
}

describe('P8: no client check without an emergency access', () => {
	it.each([['x'], ['a'.repeat(2001)]])('a bad reason (%#) gets the same answer for a client family and an unknown name', async (reason) => {
		const [accesses, reads] = [count('SELECT count(*) FROM emergency_accesses'), count('SELECT count(*) FROM access_log')];
		const client = await open('Haddadin perhe', reason);
		const unknown = await open('Virtasen perhe', reason);
		expect(client.status).toBe(400);
		expect(unknown).toEqual(client);
		expect(client.said.some((text) => text.includes('emergency-reason-error'))).toBe(true);
		expect(client.said.some((text) => text.includes('emergency-family-error'))).toBe(false);
		expect(count('SELECT count(*) FROM emergency_accesses')).toBe(accesses);
		expect(count('SELECT count(*) FROM access_log')).toBe(reads);
	});

	it('with a good reason an unknown name is still refused, and a client family opens (logged)', async () => {
		const reason = 'Poliisin pyyntö: lapsi voi olla vaarassa tänä yönä';
		const accesses = count('SELECT count(*) FROM emergency_accesses');
		expect((await open('Virtasen perhe', reason)).status).toBe(400);
		const opened = await fetch(`${server.url}/pro/emergency?/open`, {
			method: 'POST', redirect: 'manual',
			headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: server.url, cookie: timo },
			body: new URLSearchParams({ family: 'Haddadin perhe', reason })
		});
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe('/pro/families/fam-haddad');
		expect(count('SELECT count(*) FROM emergency_accesses')).toBe(accesses + 1);
	});
});
