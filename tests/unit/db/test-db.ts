/** A fresh SQLite file per test that ran the real migrations. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';

export type TestDb = { db: Db; path: string; close: () => void };

export function freshDatabase(): TestDb {
	const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
	const path = join(dir, 'test.db');
	const db = openDatabase(path);
	return { db, path, close: () => { db.$client.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** The shared example as it is now, or the copy committed beside the tests where shared/ is absent. */
const SHARED_EXAMPLE = new URL('../../../../shared/scenario/example.json', import.meta.url);
export const EXAMPLE_SCENARIO = existsSync(SHARED_EXAMPLE) ? SHARED_EXAMPLE : new URL('../../fixtures/example-scenario.json', import.meta.url);
export const DEMO_SCENARIO = new URL('../../../src/lib/server/demo/demo-scenario.json', import.meta.url);

/**
 * A fresh database with the demo loaded before each test of the file, closed after it.
 * The returned object is refilled before each test, so `test.db` always names the current one.
 */
export function demoDatabaseEachTest(): TestDb {
	const current = {} as TestDb;
	beforeEach(async () => {
		Object.assign(current, freshDatabase());
		const loaded = await loadScenarioText(current.db, readFileSync(DEMO_SCENARIO, 'utf8'));
		expect(loaded.ok).toBe(true);
	});
	afterEach(() => current.close());
	return current;
}
