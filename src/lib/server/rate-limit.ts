/**
 * Login throttling as small generic classes (Lucia's example apps), kept in memory:
 * a token bucket per client address and a throttler per username.
 */

/** A bucket of `max` tokens refilled one every `refillIntervalMs`. */
export class RefillingTokenBucket<Key> {
	private storage = new Map<Key, { count: number; refilledAt: number }>();
	constructor(public readonly max: number, public readonly refillIntervalMs: number) {}

	/** Takes `cost` tokens if there are that many; false (and nothing taken) otherwise. */
	consume(key: Key, cost = 1, now = Date.now()): boolean {
		const bucket = this.refill(key, now);
		if (bucket.count < cost) return false;
		bucket.count -= cost;
		return true;
	}

	check(key: Key, cost = 1, now = Date.now()): boolean {
		return this.refill(key, now).count >= cost;
	}

	private refill(key: Key, now: number) {
		const bucket = this.storage.get(key) ?? { count: this.max, refilledAt: now };
		const refills = Math.floor((now - bucket.refilledAt) / this.refillIntervalMs);
		if (refills > 0) {
			bucket.count = Math.min(this.max, bucket.count + refills);
			bucket.refilledAt += refills * this.refillIntervalMs;
		}
		this.storage.set(key, bucket);
		return bucket;
	}
}

/**
 * After each failure the key waits the next timeout of the list before it may try
 * again; success resets it.
 */
export class Throttler<Key> {
	private storage = new Map<Key, { index: number; updatedAt: number }>();
	constructor(public readonly timeoutSeconds: number[]) {}

	/** True when the key may try now. */
	check(key: Key, now = Date.now()): boolean {
		const entry = this.storage.get(key);
		if (!entry) return true;
		return now - entry.updatedAt >= this.timeoutSeconds[entry.index] * 1000;
	}

	/** Records a failure. */
	fail(key: Key, now = Date.now()): void {
		const entry = this.storage.get(key);
		const index = entry ? Math.min(entry.index + 1, this.timeoutSeconds.length - 1) : 0;
		this.storage.set(key, { index, updatedAt: now });
	}

	reset(key: Key): void {
		this.storage.delete(key);
	}
}
