/** The access log anchored outside the database: a deleted tail is named (issue #11, finding 5). */
import { appendFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, verifyAccessLog } from '../../../src/lib/server/access-log';
import { openDatabase } from '../../../src/lib/server/db';
import { currentClock, readFamilyView } from '../../../src/lib/server/family-access';
import { anchorPath, readAnchorFile, restartAnchors, startAnchoring, type Anchor, type Anchoring } from '../../../src/lib/server/log-anchor';
import { loadScenarioText } from '../../../src/lib/server/scenario/load';
import type { Principal } from '../../../src/lib/server/policy/types';
import { DEMO_SCENARIO, freshDatabase, type TestDb } from './test-db';

let test: TestDb;
let anchoring: Anchoring;
beforeEach(async () => {
	test = freshDatabase();
	await loadScenarioText(test.db, readFileSync(DEMO_SCENARIO, 'utf8'));
	anchoring = startAnchoring(test.db.$client, test.path, 3_600_000); // anchored only when asked here
});
afterEach(() => { anchoring.stop(); test.close(); });

const anna: Principal = { kind: 'professional', professionalId: 'pro-anna', organisationId: 'org-cw', authority: false, name: 'Anna' };
const clock = currentClock(new Date('2026-11-23T10:00:00Z'));
const read = (times: number) => { for (let i = 0; i < times; i++) readFamilyView(test.db, anna, 'fam-haddad', clock, 'family-page'); };
const anchors = (): Anchor[] => { const file = readAnchorFile(test.path); return file.state === 'ok' ? file.anchors : []; };
const auditVerify = (...args: string[]) =>
	spawnSync('npx', ['tsx', 'src/cli/audit-verify.ts', ...args], { env: { ...process.env, DATABASE_PATH: test.path }, encoding: 'utf8' });

describe('access-log anchors', () => {
	it('records the committed head in the anchor file, only when it moved', async () => {
		read(3);
		const first = await anchoring.anchorNow();
		const head = test.db.$client.prepare('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1').get();
		expect(first).toMatchObject(head as object);
		expect(await anchoring.anchorNow()).toBeNull();
		read(2);
		await anchoring.anchorNow();
		expect(anchors().map((a) => a.seq)).toEqual([3, 5]);
	});

	it('never anchors a head that is not committed: not inside a transaction, not what another connection has not committed', async () => {
		read(2);
		const sqlite = test.db.$client;
		sqlite.exec('BEGIN IMMEDIATE');
		read(1); // seq 3, not committed
		expect(await anchoring.anchorNow()).toBeNull();
		sqlite.exec('ROLLBACK');
		expect(anchors()).toEqual([]);

		const other = openDatabase(test.path);
		try {
			other.$client.exec('BEGIN IMMEDIATE');
			readFamilyView(other, anna, 'fam-haddad', clock, 'family-page'); // seq 3 on the other connection, not committed
			const anchored = await anchoring.anchorNow();
			expect(anchored?.seq).toBe(2);
			other.$client.exec('COMMIT');
		} finally {
			other.$client.close();
		}
		expect((await anchoring.anchorNow())?.seq).toBe(3);
		expect(verifyAccessLog(test.db, anchors())).toEqual({ ok: true, entries: 3 });
	});

	it('names a deleted tail that the chain alone does not show', async () => {
		read(12);
		await anchoring.anchorNow();
		const last = anchors().at(-1)!;
		test.db.$client.prepare('DELETE FROM access_log WHERE seq >= 10').run();
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 9 }); // the chain alone holds
		const result = verifyAccessLog(test.db, anchors());
		expect(result).toMatchObject({ ok: false, firstBroken: 10 });
		if (!result.ok) expect(result.problem).toBe(`entries after 9 are missing: the anchor of ${last.at} records 12 entries ending in ${last.hash}`);
		const cli = auditVerify();
		expect(cli.status).toBe(1);
		expect(cli.stderr).toContain('entries after 9 are missing');
	}, 60_000);

	it('names an anchored entry rewritten with a recomputed chain, and a changed entry', async () => {
		read(6);
		await anchoring.anchorNow();
		read(2);
		const sqlite = test.db.$client;
		// Whoever rewrites entry 3 and every hash after it keeps the chain whole, but not the anchor.
		sqlite.prepare("UPDATE access_log SET professional_id = 'pro-mikko' WHERE seq = 3").run();
		const rows = sqlite.prepare('SELECT seq, at, professional_id AS professionalId, organisation_id AS organisationId, family_id AS familyId, outcome, emergency, reads, surface, prev_hash AS prevHash FROM access_log ORDER BY seq').all() as (Parameters<typeof entryHash>[0] & { seq: number })[];
		let prev = rows[0].prevHash;
		for (const row of rows) {
			const hash = entryHash({ ...row, prevHash: prev, emergency: Boolean(row.emergency) });
			sqlite.prepare('UPDATE access_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
			prev = hash;
		}
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 8 });
		expect(verifyAccessLog(test.db, anchors())).toMatchObject({ ok: false, firstBroken: 6, problem: expect.stringContaining('differs from the anchor of') });
		// A change without recomputing: the entry itself is named.
		sqlite.prepare("UPDATE access_log SET reads = '[]' WHERE seq = 2").run();
		expect(verifyAccessLog(test.db, anchors())).toMatchObject({ ok: false, firstBroken: 2 });
	});

	it('names an anchored entry that is missing from a chain rewritten around it', async () => {
		read(3);
		await anchoring.anchorNow();
		const sqlite = test.db.$client;
		sqlite.prepare('DELETE FROM access_log WHERE seq = 3').run();
		read(2); // seq 4 and 5, chained to entry 2
		expect(verifyAccessLog(test.db)).toEqual({ ok: true, entries: 4 });
		expect(verifyAccessLog(test.db, anchors())).toMatchObject({ ok: false, firstBroken: 3, problem: expect.stringContaining('it is missing, but the anchor of') });
	});

	it('does not anchor a shorter log over a longer one', async () => {
		read(4);
		await anchoring.anchorNow();
		test.db.$client.prepare('DELETE FROM access_log WHERE seq >= 3').run();
		expect(await anchoring.anchorNow()).toBeNull();
		const restarted = startAnchoring(test.db.$client, test.path, 3_600_000); // as a server started later
		expect(await restarted.anchorNow()).toBeNull();
		restarted.stop();
		expect(anchors().map((a) => a.seq)).toEqual([4]);
	});

	it('reads a truncated, empty or out-of-order anchor file as damaged', async () => {
		read(3);
		await anchoring.anchorNow();
		const text = readFileSync(anchorPath(test.path), 'utf8');
		expect(readAnchorFile(test.path)).toMatchObject({ state: 'ok', anchors: [{ seq: 3 }] });
		truncateSync(anchorPath(test.path), text.length - 5);
		expect(readAnchorFile(test.path)).toMatchObject({ state: 'damaged', problem: 'its last line (1) is cut short: the file was truncated or a write did not finish' });
		writeFileSync(anchorPath(test.path), '');
		expect(readAnchorFile(test.path)).toMatchObject({ state: 'damaged', problem: 'it is empty: the file was truncated' });
		appendFileSync(anchorPath(test.path), `${text}${JSON.stringify({ at: 'x', seq: 1, hash: '0'.repeat(64) })}\n`);
		expect(readAnchorFile(test.path)).toMatchObject({ state: 'damaged', problem: 'line 2 records fewer entries (1) than the line before (3)' });
		writeFileSync(anchorPath(test.path), `${text}not json\n`);
		expect(readAnchorFile(test.path)).toMatchObject({ state: 'damaged', problem: 'line 2 is not an anchor' });
		rmSync(anchorPath(test.path));
		expect(readAnchorFile(test.path)).toMatchObject({ state: 'missing' });
	});

	it('npm run audit:verify: intact with its anchors; a missing or truncated anchor file is a failure unless --chain-only', async () => {
		read(3);
		await anchoring.anchorNow();
		read(1);
		const intact = auditVerify();
		expect(intact.status).toBe(0);
		expect(intact.stdout).toContain('intact, 4 entries; all 1 anchors hold');
		expect(intact.stdout).toContain('1 newer entries are not anchored yet');

		const text = readFileSync(anchorPath(test.path), 'utf8');
		truncateSync(anchorPath(test.path), text.length - 5);
		const truncated = auditVerify();
		expect(truncated.status).toBe(1);
		expect(truncated.stderr).toContain('is damaged: its last line (1) is cut short');

		rmSync(anchorPath(test.path));
		const missing = auditVerify();
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('no anchor file');
		const chainOnly = auditVerify('--chain-only');
		expect(chainOnly.status).toBe(0);
		expect(chainOnly.stdout).toContain('intact, 4 entries, but no anchor file');
	}, 120_000);

	it('a restart of the anchors keeps the old file aside and starts at the current head', async () => {
		read(2);
		await anchoring.anchorNow();
		const archived = restartAnchors(test.path, test.db.$client, 'before-load', 'loaded x.json');
		expect(archived).toMatch(/\.log-anchor\..*\.before-load$/);
		expect(readFileSync(archived!, 'utf8')).toContain('"seq":2');
		expect(anchors()).toMatchObject([{ seq: 2, note: 'loaded x.json' }]);
	});
});
