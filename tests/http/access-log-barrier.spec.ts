/**
 * L1 through the built server, with the access log's group commit: a professional's read
 * is answered only once its entry is written; when the entry cannot be written the
 * answer is a 500 that carries none of the family's data, and the server goes on.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioDatabase, DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let remove: () => void;
let cookie: string;
beforeAll(async () => {
	const created = await createScenarioDatabase();
	remove = created.remove;
	server = await startServer({ databasePath: created.databasePath });
	const signedIn = await login(server.url, 'anna', DEMO_PASSWORD);
	expect(signedIn.cookie).toBeTruthy();
	cookie = signedIn.cookie!;
}, 60_000);
afterAll(async () => {
	await server?.stop();
	remove?.();
});

const entries = () => {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		return db.prepare("SELECT count(*) FROM access_log WHERE professional_id = 'pro-anna'").pluck().get() as number;
	} finally {
		db.close();
	}
};
const readFamily = () => fetch(`${server.url}/api/v1/families/fam-haddad`, { headers: { cookie } });

describe('a read is answered only once it is logged', () => {
	it('concurrent reads are each in the log when their answers arrive', async () => {
		const before = entries();
		const answers = await Promise.all(Array.from({ length: 8 }, readFamily));
		expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
		expect(entries()).toBe(before + 8);
	});

	it('when the entry cannot be written the answer is a 500 without the data, and reads work again afterwards', async () => {
		const writer = new Database(server.databasePath);
		try {
			writer.exec("CREATE TRIGGER refuse_log BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'log refused'); END");
			const before = entries();
			const refused = await readFamily();
			const body = await refused.text();
			expect(refused.status).toBe(500);
			expect(body).not.toContain('Haddad');
			expect(body).not.toContain('yasmin');
			expect(entries()).toBe(before);
			writer.exec('DROP TRIGGER refuse_log');
			const again = await readFamily();
			expect(again.status).toBe(200);
			expect(await again.text()).toContain('Haddad');
			expect(entries()).toBe(before + 1);
		} finally {
			writer.close();
		}
	});
});
