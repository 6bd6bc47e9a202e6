/**
 * The bench's spread run: many families, each read with its own coordinator's session,
 * while coordinators keep writing. This is what a busy morning looks like (every worker
 * opens their own families), unlike one professional reading the same few families.
 */
import type autocannon from 'autocannon';
import { login } from '../support/server';
import { BENCH_PASSWORD, type BenchFamily } from './generate';

export const SPREAD_FAMILIES = 3_000;
export const WRITES_PER_SECOND = 5;
const SIGN_INS_AT_ONCE = 4;

export const coordinatorOf = (family: BenchFamily) => family.team.find((t) => t.role === 'coordinator')!.professional;

/** A session cookie for each coordinator of the families (real sign-ins, a few at a time: argon2 is slow). */
export async function signInCoordinators(url: string, families: BenchFamily[]): Promise<Map<string, string>> {
	const pending = [...new Set(families.map(coordinatorOf))];
	const cookies = new Map<string, string>();
	const signInNext = async (): Promise<void> => {
		const professional = pending.pop();
		if (!professional) return;
		const { cookie } = await login(url, professional, BENCH_PASSWORD);
		if (!cookie) throw new Error(`coordinator ${professional} could not sign in`);
		cookies.set(professional, cookie);
		return signInNext();
	};
	await Promise.all(Array.from({ length: SIGN_INS_AT_ONCE }, signInNext));
	return cookies;
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
