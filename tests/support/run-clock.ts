/**
 * One clock for a whole test run. The run picks one instant (by default midday, Helsinki
 * time, of the day it starts) and every part of the run reads time from it: the data is
 * loaded for its day, the tests compute their expectations from its day, and the servers
 * the tests start run on it (tests/support/shifted-clock.mjs). So a run that goes past
 * Helsinki midnight still has one "today" from start to end.
 *
 * The clock is a shift in milliseconds from the real clock, passed to every process of
 * the run in the environment. The portal itself has no clock that can be set: only the
 * test harness loads the shifting module into the servers it starts.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, helsinkiToday } from '../../src/lib/server/time';

export const CLOCK_SHIFT_ENV = 'PORTAL_TEST_CLOCK_SHIFT_MS';
/** The run's day: the Helsinki date of the run clock when the run chose it. */
const RUN_DAY_ENV = 'PORTAL_TEST_DAY';
const SHIFTED_CLOCK_MODULE = pathToFileURL(resolve(import.meta.dirname, 'shifted-clock.mjs')).href;

/** The first instant of the Helsinki day after `date` (midnight, whatever the daylight-saving offset). */
export function helsinkiMidnightAfter(date: string): Date {
	const next = addDays(date, 1);
	for (const offset of ['+02:00', '+03:00']) {
		const candidate = new Date(`${next}T00:00:00${offset}`);
		if (helsinkiToday(candidate) === next && helsinkiToday(new Date(candidate.getTime() - 1)) === date) return candidate;
	}
	throw new Error(`no Helsinki midnight found after ${date}`);
}

/** Midday in Helsinki (12:00 or 13:00) of the real day: a run has hours before it could reach midnight. */
function middayShift(): number {
	return Date.parse(`${helsinkiToday()}T10:00:00Z`) - Date.now();
}

/** The run's shift from the real clock; the first call of a run chooses it and puts it in the environment. */
export function runClockShift(): number {
	const given = process.env[CLOCK_SHIFT_ENV];
	if (given !== undefined && given !== '' && Number.isFinite(Number(given))) return Number(given);
	const shift = middayShift();
	setRunClock(new Date(Date.now() + shift));
	return shift;
}

/** Sets the run's clock so that it reads `instant` now, and the run's day to that instant's day. */
export function setRunClock(instant: Date): void {
	process.env[CLOCK_SHIFT_ENV] = String(instant.getTime() - Date.now());
	process.env[RUN_DAY_ENV] = helsinkiToday(instant);
}

/** The run's current instant. */
export function testNow(): Date {
	return new Date(Date.now() + runClockShift());
}

/**
 * The run's day: the day the data is loaded for and the expectations are computed on,
 * the same from the start of the run to its end, even when the run passes midnight.
 */
export function testToday(): string {
	runClockShift();
	return process.env[RUN_DAY_ENV]!;
}

/** Node options and environment with which a server started by the tests runs on the run's clock, or `aheadMs` after it. */
export function serverClockOptions(aheadMs = 0): { execArgv: string[]; env: Record<string, string> } {
	return { execArgv: ['--import', SHIFTED_CLOCK_MODULE], env: { [CLOCK_SHIFT_ENV]: String(runClockShift() + aheadMs) } };
}
