/** Login throttling per username and per client address, against the built server. */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer | undefined;
afterEach(async () => { await server?.stop(); server = undefined; });

/** The failed attempts on the account's own list of sign-ins. */
function failedSignIns(databasePath: string, accountId: string): number {
	const db = new Database(databasePath, { readonly: true });
	try {
		return db.prepare('SELECT count(*) FROM sign_in_events WHERE account_id = ? AND success = 0').pluck().get(accountId) as number;
	} finally {
		db.close();
	}
}

describe('login throttling', () => {
	it('after four failures for a username even the right password waits; other usernames are unaffected', async () => {
		server = await startServer();
		for (let i = 0; i < 4; i++) expect((await login(server.url, 'amal', 'wrong password')).status).toBe(400);
		const blocked = await login(server.url, 'amal', DEMO_PASSWORD);
		expect(blocked.status).toBe(429);
		expect(blocked.cookie).toBeNull();
		// The key is the username, whatever its case.
		expect((await login(server.url, 'AMAL', DEMO_PASSWORD)).status).toBe(429);
		expect((await login(server.url, 'anna', DEMO_PASSWORD)).status).toBe(303);
	});

	it('twelve wrong passwords sent together for one username: four are judged (and listed for the account), eight wait; then the right one waits too', async () => {
		server = await startServer();
		const together = await Promise.all(Array.from({ length: 12 }, () => login(server!.url, 'tiina', 'wrong password')));
		expect(together.map((a) => a.status).sort()).toEqual([...Array(4).fill(400), ...Array(8).fill(429)]);
		expect(together.every((a) => a.cookie === null)).toBe(true);
		expect(failedSignIns(server.databasePath, 'mem:tiina')).toBe(4);
		expect((await login(server.url, 'tiina', DEMO_PASSWORD)).status).toBe(429);
	});

	it('a client address gets a limited burst of attempts, whatever the usernames', async () => {
		server = await startServer({ env: { LOGIN_ADDRESS_BURST: '3' } });
		// Sent together, so that the bucket (one attempt back every 2 s) cannot refill between them on a busy machine.
		const tries = [['nobody1', 'x-password', 400], ['nobody2', 'x-password', 400], ['anna', DEMO_PASSWORD, 303], ['mikko', DEMO_PASSWORD, 303]] as const;
		const attempts = await Promise.all(tries.map(([username, password]) => login(server!.url, username, password)));
		const refused = attempts.filter((a) => a.status === 429);
		expect(refused).toHaveLength(1);
		expect(refused[0].cookie).toBeNull();
		// The other three were judged on their merits.
		tries.forEach(([, , status], i) => {
			if (attempts[i].status !== 429) expect(attempts[i].status).toBe(status);
		});
	});

	it('behind a proxy the burst is per client address as ADDRESS_HEADER names it, not per proxy', async () => {
		server = await startServer({ env: { LOGIN_ADDRESS_BURST: '2', ADDRESS_HEADER: 'x-forwarded-for' } });
		const from = (address: string, username: string) => fetch(`${server!.url}/login`, {
			method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password: 'x-password' }),
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server!.url, 'x-forwarded-for': address }
		}).then((response) => response.status);
		// In a row, so that the bucket's order is the order sent; four usernames of nobody's, so that only the address counts.
		const oneClient = [];
		for (let i = 0; i < 4; i++) oneClient.push(await from('203.0.113.7', `nobody-a${i}`));
		expect(oneClient).toEqual([400, 400, 429, 429]);
		const fourClients = [];
		for (let i = 0; i < 4; i++) fourClients.push(await from(`198.51.100.${i + 1}`, `nobody-b${i}`));
		expect(fourClients).toEqual([400, 400, 400, 400]);
	});
});
