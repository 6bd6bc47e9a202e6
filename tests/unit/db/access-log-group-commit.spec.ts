/**
 * The access log's group commit (L1): inside a request's barrier, reads are written
 * together after the turn of the event loop, and the response is held until they are;
 * a failed write fails the request; outside a barrier or inside a transaction an entry
 * is written at once.
 */
import { describe, expect, it } from 'vitest';
import { holdResponsesUntilLogged, verifyAccessLog } from '../../../src/lib/server/access-log';
import { currentClock, readAccessLog, readFamilyView } from '../../../src/lib/server/family-access';
import type { Principal } from '../../../src/lib/server/policy/types';
import { demoDatabaseEachTest } from './test-db';

const pro = (professionalId: string, organisationId: string): Principal =>
	({ kind: 'professional', professionalId, organisationId, authority: false, name: professionalId });
const anna = pro('pro-anna', 'org-cw');
const liisa = pro('pro-liisa', 'org-youthhealth');
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));

const test = demoDatabaseEachTest();
const logged = () => test.db.$client.prepare('SELECT professional_id, family_id, outcome FROM access_log ORDER BY seq').raw().all();
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** One request as the server's outermost hook runs it. */
const asRequest = holdResponsesUntilLogged;

describe('access log group commit', () => {
	it("holds a request's answer until its reads are written, all of the turn's reads together", async () => {
		const order: string[] = [];
		const first = asRequest(() => {
			readFamilyView(test.db, liisa, 'fam-haddad', clock, 'family-page');
			readFamilyView(test.db, liisa, 'fam-makela', clock, 'family-page'); // denied: logged as well
			order.push(`first handled, ${logged().length} written`);
			return 'first';
		}).then((answer) => order.push(`${answer} answered, ${logged().length} written`));
		const second = asRequest(() => {
			readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
			order.push(`second handled, ${logged().length} written`);
			return 'second';
		}).then((answer) => order.push(`${answer} answered, ${logged().length} written`));
		await Promise.all([first, second]);
		expect(order).toEqual(['first handled, 0 written', 'second handled, 0 written', 'first answered, 3 written', 'second answered, 3 written']);
		expect(logged()).toEqual([['pro-liisa', 'fam-haddad', 'allowed'], ['pro-liisa', 'fam-makela', 'denied'], ['pro-anna', 'fam-haddad', 'allowed']]);
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 3 });
	});

	it('a request that reads the log sees the reads made before it, its own included', async () => {
		const entries = await asRequest(() => {
			readFamilyView(test.db, liisa, 'fam-haddad', clock, 'family-page');
			readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
			return readAccessLog(test.db, anna, 'fam-haddad', clock);
		});
		expect(entries?.map((e) => e.professional?.id)).toEqual(['pro-anna', 'pro-liisa']);
	});

	it('a failed write fails every request of its batch, and the next batch is written and chained', async () => {
		test.db.$client.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
		const answers = await Promise.allSettled([
			asRequest(() => readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page')),
			asRequest(() => readFamilyView(test.db, liisa, 'fam-haddad', clock, 'family-page'))
		]);
		expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
		expect(String((answers[0] as PromiseRejectedResult).reason)).toContain('disk full');
		expect(logged()).toEqual([]);
		test.db.$client.exec('DROP TRIGGER refuse');
		const view = await asRequest(() => readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page'));
		expect(view?.id).toBe('fam-haddad');
		expect(logged()).toEqual([['pro-anna', 'fam-haddad', 'allowed']]);
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 1 });
	});

	it('a batch that fails after its request already failed does not crash the process', async () => {
		const unhandled: unknown[] = [];
		const listener = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', listener);
		try {
			test.db.$client.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
			const failed = asRequest(() => {
				readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
				throw new Error('the route failed first');
			});
			await expect(failed).rejects.toThrow('the route failed first');
			await nextTurn();
			await nextTurn();
			expect(unhandled).toEqual([]);
			expect(logged()).toEqual([]);
		} finally {
			process.off('unhandledRejection', listener);
		}
	});

	it('inside a transaction an entry is written at once and shares its fate', async () => {
		await asRequest(() => {
			expect(() => test.db.$client.transaction(() => {
				readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
				expect(logged()).toEqual([['pro-anna', 'fam-haddad', 'allowed']]);
				throw new Error('roll back');
			})()).toThrow('roll back');
			expect(logged()).toEqual([]);
		});
		// Nothing was queued for the group commit either: after the request, still nothing.
		await nextTurn();
		expect(logged()).toEqual([]);
	});

	it('outside a request an entry is written at once', () => {
		readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page');
		expect(logged()).toEqual([['pro-anna', 'fam-haddad', 'allowed']]);
	});
});
