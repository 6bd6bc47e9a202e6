/**
 * The bench's spread run: many families, each read with its own coordinator's session,
 * while coordinators keep writing. This is what a busy morning looks like (every worker
 * opens their own families), unlike one professional reading the same few families.
 */
import type autocannon from 'autocannon';
import { openDatabase } from '../../src/lib/server/db';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/session';
import type { BenchFamily } from './generate';

export const SPREAD_FAMILIES = 3_000;
export const WRITES_PER_SECOND = 5;

export const coordinatorOf = (family: BenchFamily) => family.team.find((t) => t.role === 'coordinator')!.professional;

/**
 * A session cookie for each coordinator of the families, created in the database as
 * sign-in creates it (before the server starts). Not 500 real sign-ins: argon2 takes
 * 19 MB a hash, which the server's allocator keeps, and minutes on this machine; the
 * login path is measured elsewhere (tests/http/login-throttle.spec.ts).
 */
export function coordinatorSessions(databasePath: string, families: BenchFamily[]): Map<string, string> {
	const db = openDatabase(databasePath);
	try {
		const accountOf = db.$client.prepare('SELECT id FROM accounts WHERE professional_id = ?').pluck();
		const cookies = new Map<string, string>();
		for (const professional of new Set(families.map(coordinatorOf))) {
			const accountId = accountOf.get(professional) as string | undefined;
			if (!accountId) throw new Error(`coordinator ${professional} has no sign-in`);
			const token = generateSessionToken();
			// Signed in fully: the second factor is not what the spread run measures.
			createSession(db, token, accountId, Date.now(), { secondFactorVerified: true });
			cookies.set(professional, `${SESSION_COOKIE}=${token}`);
		}
		return cookies;
	} finally {
		db.$client.close();
	}
}

/**
 * One autocannon request that reads the next family in turn, with its coordinator's
 * cookie. The turn is shared by all connections, so together they go round all the
 * families (autocannon would otherwise walk every connection through the same list
 * from its start, and a few hundred families would be all that is ever read).
 */
export function familyRounds(families: BenchFamily[], cookies: Map<string, string>): autocannon.Request[] {
	let turn = 0;
	return [{
		method: 'GET',
		setupRequest: (request: autocannon.Request) => {
			const family = families[turn++ % families.length];
			return { ...request, path: `/api/v1/families/${family.id}`, headers: { ...request.headers, cookie: cookies.get(coordinatorOf(family))! } };
		}
	} as autocannon.Request];
}

export type Writer = { stop: () => Promise<{ written: number; failed: number }> };

/**
 * Coordinators adding goals through the family page's real form action, `perSecond`
 * times a second, each to another family of the list (spread over it, not in reading order).
 */
export function startWriter(url: string, families: BenchFamily[], cookies: Map<string, string>, perSecond = WRITES_PER_SECOND): Writer {
	let written = 0, failed = 0, n = 0;
	const inFlight = new Set<Promise<void>>();
	const write = async (family: BenchFamily) => {
		try {
			const response = await fetch(`${url}/pro/families/${family.id}?/createGoal`, {
				method: 'POST', redirect: 'manual',
				// As a browser posts the form (without `accept: text/html` SvelteKit answers as to its own fetch, 200 and JSON).
				headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: url, cookie: cookies.get(coordinatorOf(family))! },
				body: new URLSearchParams({ subject: '', text: `Bench goal ${n}` })
			});
			await response.arrayBuffer();
			if (response.status === 303) written++;
			else failed++;
		} catch {
			failed++;
		}
	};
	const timer = setInterval(() => {
		const family = families[(n++ * 613) % families.length];
		const pending = write(family).finally(() => inFlight.delete(pending));
		inFlight.add(pending);
	}, 1000 / perSecond);
	return {
		stop: async () => {
			clearInterval(timer);
			await Promise.all(inFlight);
			return { written, failed };
		}
	};
}
