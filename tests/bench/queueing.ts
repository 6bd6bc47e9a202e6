/**
 * What queueing a notification adds to a write (#15: at most 1 ms): the outbox rows of a
 * new message to two professionals of the team (their channels read, one row each), queued
 * inside the write's transaction on the 10,000-family database, as the writes do. Timed
 * around the queueing alone; the rows are deleted afterwards, so the server measured next
 * has nothing to send.
 */
import { openDatabase } from '../../src/lib/server/db';
import { queueNotification } from '../../src/lib/server/notifications/queue';
import type { BenchFamily } from './generate';

export type QueueingCost = { writes: number; rows: number; meanMs: number; p99Ms: number };

/** The first writes run the code cold (JIT, statement caches): not timed, as the server has been up a while. */
const WARM_UP = 500;

export function measureQueueing(databasePath: string, families: BenchFamily[], writes = 2_000): QueueingCost {
	const db = openDatabase(databasePath);
	try {
		const timings: number[] = [];
		let rows = 0;
		for (let i = -WARM_UP; i < writes; i++) {
			const family = families[((i + WARM_UP) * 613) % families.length];
			const recipients = family.team.slice(0, 2).map((member) => ({ kind: 'professional' as const, id: member.professional }));
			db.transaction((tx) => {
				const started = performance.now();
				const queued = queueNotification(tx, { kind: 'message', familyId: family.id, itemId: `bench-queueing-${i}`, recipients, at: new Date() });
				if (i >= 0) {
					timings.push(performance.now() - started);
					rows += queued;
				}
			}, { behavior: 'immediate' });
		}
		db.$client.prepare("DELETE FROM notifications WHERE item_id LIKE 'bench-queueing-%'").run();
		timings.sort((a, b) => a - b);
		return { writes, rows, meanMs: timings.reduce((a, b) => a + b, 0) / writes, p99Ms: timings[Math.floor(writes * 0.99)] };
	} finally {
		db.$client.close();
	}
}
