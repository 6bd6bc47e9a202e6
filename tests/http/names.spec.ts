/**
 * Unreadable names through the real forms of the built server: the bytes a browser (or
 * anyone) posts, NUL, U+202E and invalid UTF-8 included, are refused with the field's
 * message, and nothing is written (finding 6 of issue #11).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

const messages = (key: string) => ['fi', 'sv', 'en'].map((locale) =>
	JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'))[key] as string);
/** A message as the page shows it (HTML-escaped), in whichever language the server chose. */
const showsMessage = (html: string, key: string) => messages(key).some((text) => html.includes(text.replaceAll('&', '&amp;')));

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

/** A form post with a raw, already percent-encoded body: the bytes are exactly these. */
async function post(path: string, body: string, cookie?: string) {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST', redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, accept: 'text/html', ...(cookie ? { cookie } : {}) },
		body
	});
	return { status: response.status, html: await response.text() };
}

function count(sql: string): number {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare(sql).pluck().get() as number;
	} finally {
		db.close();
	}
}

describe('administration forms', () => {
	let cookie: string;
	beforeAll(async () => { cookie = (await login(server.url, 'admin', DEMO_PASSWORD)).cookie!; });

	it.each([
		['NUL in the name', 'name=Outi%00Uusi&organisation=org-cw&username=outi', 'field_name_characters'],
		['U+202E in the name', 'name=Outi%20%E2%80%AEisuU&organisation=org-cw&username=outi', 'field_name_characters'],
		// Bytes that are not UTF-8 make the whole body unreadable (form-body.ts): refused before any field is read.
		['invalid UTF-8 in the name', 'name=Outi%FFUusi&organisation=org-cw&username=outi', 'error_form_text'],
		['NUL in the username', 'name=Outi%20Uusi&organisation=org-cw&username=outi%00', 'field_username'],
		['U+202E in the username', 'name=Outi%20Uusi&organisation=org-cw&username=outi%E2%80%AE', 'field_username'],
		['invalid UTF-8 in the username', 'name=Outi%20Uusi&organisation=org-cw&username=ou%C3%28ti', 'error_form_text']
	])('a professional with %s is refused with the field\'s message; nothing is written', async (_label, body, message) => {
		const written = () => [count('SELECT count(*) FROM accounts'), count('SELECT count(*) FROM professionals')];
		const before = written();
		const answer = await post('/admin?/createProfessional', body, cookie);
		expect(answer.status).toBe(400);
		expect(showsMessage(answer.html, message)).toBe(true);
		expect(written()).toEqual(before);
	});

	it('an organisation named with a NUL is refused; nothing is written', async () => {
		const before = count('SELECT count(*) FROM organisations');
		const answer = await post('/admin?/createOrganisation', 'name=Uusi%00j%C3%A4rjest%C3%B6&kind=ngo', cookie);
		expect(answer.status).toBe(400);
		expect(showsMessage(answer.html, 'field_name_characters')).toBe(true);
		expect(count('SELECT count(*) FROM organisations')).toBe(before);
	});
});

describe('/welcome', () => {
	it('a username with a right-to-left override is refused with the field\'s message; no account is made', async () => {
		const before = count('SELECT count(*) FROM accounts');
		const answer = await post('/welcome', 'code=ABCD-EFGH-IJKL&username=leila%E2%80%AE&password=a%20long%20passphrase%20here&repeat=a%20long%20passphrase%20here');
		expect(answer.status).toBe(400);
		expect(showsMessage(answer.html, 'field_username')).toBe(true);
		expect(count('SELECT count(*) FROM accounts')).toBe(before);
	});
});
