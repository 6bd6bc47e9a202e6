/**
 * How far V8 lets the heap grow past what is live before its next full collection.
 * V8's own factor (up to 4x on a fast collector) let the server's heap reach 150-200 MB
 * with 50 MB live under the bench's load: the requests' garbage that outlives a young
 * collection ends up in the old space, so the peak was mostly garbage. A fixed 30 % keeps
 * the peak near the live size, with more full collections, which cost tail latency under
 * full load (both measured in the README's performance section; 0 prefers latency). A
 * growth factor is no limit: a large restore still gets the heap it needs.
 */
import { setFlagsFromString } from 'node:v8';

export const DEFAULT_HEAP_GROWING_PERCENT = 30;

/** `HEAP_GROWING_PERCENT` (0-400), or the default; `0` leaves V8's own heuristics. */
export function heapGrowingPercent(env: Record<string, string | undefined> = process.env): number {
	const raw = env.HEAP_GROWING_PERCENT;
	if (raw === undefined || raw === '') return DEFAULT_HEAP_GROWING_PERCENT;
	const percent = Number(raw);
	if (!Number.isInteger(percent) || percent < 0 || percent > 400) {
		throw new Error(`HEAP_GROWING_PERCENT must be a whole number from 0 (V8's own) to 400, not "${raw}"`);
	}
	return percent;
}

/**
 * Sets the growth factor for this process. V8 reads the flag each time it sizes the old
 * generation after a full collection, so setting it at start-up takes effect (the
 * bench's peak RSS shows it); 0 changes nothing.
 */
export function tuneHeapGrowth(percent = heapGrowingPercent()): void {
	if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
