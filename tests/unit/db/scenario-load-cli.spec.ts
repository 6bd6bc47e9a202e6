/**
 * `npm run scenario:load` never wipes data by surprise (issue #11, finding 7): a database
 * that holds data is replaced only with --replace. (Refusing under a live server:
 * tests/http/operations.spec.ts, which needs the built server.)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import { readAnchorFile } from '../../../src/lib/server/log-anchor';
import { DEMO_SCENARIO, EXAMPLE_SCENARIO } from './test-db';

let dir: string;
let path: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'portal-load-')); path = join(dir, 'portal.db'); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (url: URL | string) => (typeof url === 'string' ? url : fileURLToPath(url));
const load = (...args: string[]) =>
	spawnSync('npx', ['tsx', 'src/cli/scenario-load.ts', ...args], { env: { ...process.env, DATABASE_PATH: path }, encoding: 'utf8' });
const familyIds = () => {
	const db = openDatabase(path);
	try {
		return (db.$client.prepare('SELECT id FROM families ORDER BY id').pluck().all() as string[]);
	} finally {
		db.$client.close();
	}
};
const fileHash = () => createHash('sha256').update(readFileSync(path)).digest('hex');
const exampleIds = () => (JSON.parse(readFileSync(EXAMPLE_SCENARIO, 'utf8')).families as { id: string }[]).map((f) => f.id).sort();

describe('npm run scenario:load', () => {
	it('loads into a fresh database and starts its access-log anchors', () => {
		const fresh = load(file(EXAMPLE_SCENARIO));
		expect(fresh.status).toBe(0);
		expect(familyIds()).toEqual(exampleIds());
		expect(readAnchorFile(path)).toMatchObject({ state: 'ok', anchors: [{ seq: 0, note: `loaded ${file(EXAMPLE_SCENARIO)}` }] });
		expect(existsSync(`${path}.server`)).toBe(false); // the loader's own mark is gone
	}, 120_000);

	it('refuses a database that holds data without --replace, writing nothing; replaces it with --replace', () => {
		expect(load(file(EXAMPLE_SCENARIO)).status).toBe(0);
		const before = fileHash();
		const refused = load(file(DEMO_SCENARIO));
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain(`${path} already holds data (`);
		expect(refused.stderr).toContain('nothing was written. Pass --replace');
		expect(fileHash()).toBe(before);
		expect(familyIds()).toEqual(exampleIds());

		const replaced = load(file(DEMO_SCENARIO), '--replace');
		expect(replaced.status).toBe(0);
		expect(replaced.stdout).toContain('what was there was replaced');
		expect(familyIds()).toEqual(['fam-haddad', 'fam-lahtinen', 'fam-makela']);
		// The old data's anchors are kept aside; the new file starts at the empty log.
		expect(readdirSync(dir).some((name) => /^portal\.db\.log-anchor\..*\.before-load$/.test(name))).toBe(true);
		expect(readAnchorFile(path)).toMatchObject({ state: 'ok', anchors: [{ seq: 0 }] });
	}, 180_000);

	it('answers a bad command line with its usage and writes nothing', () => {
		const bad = load('--replace');
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('usage: npm run scenario:load -- <file.json> [--replace]');
		expect(existsSync(path)).toBe(false);
	}, 60_000);
});
