/**
 * `npm run demo:code` tells the truth about the demo's codes: the code it prints signs an
 * account in once, and the next code it names signs the same account in again at once
 * (checked with the portal's own check on a database with the demo loaded).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { factorThrottler, verifyFactorCode } from '../../src/lib/server/second-factor/factors';
import { decodeTotpSecret, totpCodeAt } from '../../src/lib/server/second-factor/totp';
import { demoDatabaseEachTest } from './db/test-db';

const test = demoDatabaseEachTest();

const DEMO_KEY = decodeTotpSecret('JBSWY3DPEHPK3PXP')!;

describe('npm run demo:code', () => {
	it('prints the current code, and the next one for signing the same person in again', () => {
		const before = Date.now();
		const run = spawnSync('npx', ['tsx', 'src/cli/demo-code.ts'], { encoding: 'utf8' });
		const after = Date.now();
		expect(run.status, run.stderr).toBe(0);
		const code = run.stdout.trim();
		// Printed at some moment of the run: the code of that moment's step.
		const at = [before, after].find((t) => totpCodeAt(DEMO_KEY, t) === code);
		expect(at, `${code} is the code of ${new Date(before).toISOString()} or ${new Date(after).toISOString()}`).toBeDefined();
		const next = totpCodeAt(DEMO_KEY, at! + 30_000);
		expect(run.stderr).toContain(`use the next code: ${next}`);

		factorThrottler.reset('pro:pro-anna');
		expect(verifyFactorCode(test.db, 'pro:pro-anna', 'totp', code, at)).toEqual({ ok: true });
		expect(verifyFactorCode(test.db, 'pro:pro-anna', 'totp', code, at)).toMatchObject({ ok: false });
		expect(verifyFactorCode(test.db, 'pro:pro-anna', 'totp', next, at)).toEqual({ ok: true });
		// Another demo account takes the same code: each account keeps its own last step.
		expect(verifyFactorCode(test.db, 'pro:pro-mikko', 'totp', code, at)).toEqual({ ok: true });
	});
});
