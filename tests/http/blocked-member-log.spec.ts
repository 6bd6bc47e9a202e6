/**
 * M6 with L2 through the built server: Jari (blocked after violence) sees in his privacy
 * page and his access-log JSON that his data was read, but of the readers only his
 * coordinator's name. The shelter worker who read the family is "a professional".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, login, startServer, type RunningServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server?.stop(); });

async function get(path: string, cookie: string, language = 'fi') {
	const response = await fetch(`${server.url}${path}`, { headers: { cookie, 'accept-language': language }, redirect: 'manual' });
	expect(response.status).toBe(200);
	return response.text();
}

async function signIn(username: string): Promise<string> {
	const { status, cookie } = await login(server.url, username, DEMO_PASSWORD);
	expect(status).toBe(303);
	return cookie!;
}

describe('a blocked member reads who has looked', () => {
	it('names the coordinator, and the shelter worker only as "a professional"', async () => {
		for (const reader of ['hanna', 'maria']) await get('/api/v1/families/fam-lahtinen', await signIn(reader));
		const jari = await signIn('jari');
		const log = JSON.parse(await get('/api/v1/families/fam-lahtinen/access-log', jari));
		const entries = log.entries as { professional: { id: string } | null }[];
		expect(entries.map((e) => e.professional?.id ?? null).sort()).toEqual([null, 'pro-hanna']);
		const page = await get('/family/privacy', jari);
		expect(page).toContain('Hanna Koskinen');
		expect(page).toContain('Ammattilainen');
		for (const text of [JSON.stringify(log), page]) {
			for (const hidden of ['Maria Heikkinen', 'pro-maria', 'Ensi- ja turvakoti']) expect(text).not.toContain(hidden);
		}
		// Sari, not blocked, is told who it was.
		expect(await get('/family/privacy', await signIn('sari'))).toContain('Maria Heikkinen');
	});
});
