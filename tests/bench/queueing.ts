/**
 * What queueing a notification adds to a write (#15: at most 1 ms): the outbox rows of a
 * new message to two professionals of a family's team (their channels read, one row each),
 * queued inside the write's transaction on the 10,000-family database, as the writes do.
 * Timed around the queueing alone, in a process of its own that holds only the database
 * (as the server does), not the bench's scenario; the rows are deleted afterwards, so the
 * server measured next has nothing to send. Run as `tsx tests/bench/queueing.ts DB`: prints
 * the figures as JSON.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/lib/server/db';
import { queueNotification } from '../../src/lib/server/notifications/queue';

export type QueueingCost = { writes: number; rows: number; meanMs: number; p99Ms: number };

/** The first writes run the code cold (JIT, statement caches): not timed, as the server has been up a while. */
const WARM_UP = 500;
const WRITES = 2_000;

function measure(databasePath: string): QueueingCost {
	const db = openDatabase(databasePath);
	try {
		const teams = db.$client.prepare(`SELECT family_id AS familyId, group_concat(professional_id) AS professionals FROM team_memberships GROUP BY family_id`)
			.all() as { familyId: string; professionals: string }[];
		const timings: number[] = [];
		let rows = 0;
		for (let i = -WARM_UP; i < WRITES; i++) {
			const team = teams[((i + WARM_UP) * 613) % teams.length];
			const recipients = team.professionals.split(',').slice(0, 2).map((id) => ({ kind: 'professional' as const, id }));
			db.transaction((tx) => {
				const started = performance.now();
				const queued = queueNotification(tx, { kind: 'message', familyId: team.familyId, itemId: `bench-queueing-${i}`, recipients, at: new Date() });
				if (i >= 0) {
					timings.push(performance.now() - started);
					rows += queued;
				}
			}, { behavior: 'immediate' });
		}
		db.$client.prepare("DELETE FROM notifications WHERE item_id LIKE 'bench-queueing-%'").run();
		timings.sort((a, b) => a - b);
		return { writes: WRITES, rows, meanMs: timings.reduce((a, b) => a + b, 0) / WRITES, p99Ms: timings[Math.floor(WRITES * 0.99)] };
	} finally {
		db.$client.close();
	}
}

/** Measures in a child process (see above). */
export function measureQueueing(databasePath: string, cwd: string): QueueingCost {
	const child = spawnSync('npx', ['tsx', fileURLToPath(import.meta.url), databasePath], { cwd, encoding: 'utf8' });
	if (child.status !== 0) throw new Error(`queueing measurement failed: ${child.stderr}`);
	return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as QueueingCost;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(measure(process.argv[2])));
