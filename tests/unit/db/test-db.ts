/** A fresh SQLite file per test that ran the real migrations. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/lib/server/db';

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
