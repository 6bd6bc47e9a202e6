/** The mark a server (or the loader) leaves beside the database it holds. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimServerLock, releaseServerLock, serverHolding, serverLockPath } from '../../../src/lib/server/db/server-lock';

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('server lock', () => {
	it('can be claimed before the database and its folder exist (the loader on a fresh clone), and is released', () => {
		const dir = mkdtempSync(join(tmpdir(), 'portal-lock-'));
		dirs.push(dir);
		const path = join(dir, 'data', 'portal.db');
		claimServerLock(path);
		expect(existsSync(serverLockPath(path))).toBe(true);
		expect(serverHolding(path)).toMatchObject({ pid: process.pid });
		releaseServerLock(path);
		expect(serverHolding(path)).toBeNull();
		expect(existsSync(serverLockPath(path))).toBe(false);
	});
});
