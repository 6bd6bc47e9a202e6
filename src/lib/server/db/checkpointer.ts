/**
 * WAL checkpoints off the request path. Every professional read appends to the access
 * log, so SQLite's automatic checkpoint (copying the WAL into the database and syncing)
 * would run inside a request every few hundred reads and stall the event loop. The
 * server's connection turns it off and a worker thread with its own connection
 * checkpoints passively once a second; if the worker ever stops, the automatic
 * checkpoint is turned back on.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

const INTERVAL_MS = 1000;

// CommonJS source for an eval'd worker: it resolves better-sqlite3 from the working directory.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
setInterval(() => { db.pragma('wal_checkpoint(PASSIVE)'); }, workerData.interval);
`;

/** Stops the checkpointer (at a clean stop, before the final checkpoint). */
export type Checkpointer = { stop: () => Promise<void> };

export function startCheckpointer(sqlite: Database.Database, path: string): Checkpointer {
	if (path === ':memory:') return { stop: async () => {} };
	const restoreAutomatic = () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); };
	try {
		const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, interval: INTERVAL_MS } });
		worker.unref();
		worker.on('error', (error) => {
			console.error('WAL checkpointer stopped; automatic checkpoints are back on:', error);
			restoreAutomatic();
		});
		worker.on('exit', restoreAutomatic);
		sqlite.pragma('wal_autocheckpoint = 0');
		return { stop: async () => { await worker.terminate(); } };
	} catch (error) {
		console.error('WAL checkpointer could not start; automatic checkpoints stay on:', error);
		return { stop: async () => {} };
	}
}
