import { json } from '@sveltejs/kit';

/** A trivial endpoint: liveness probe, and the benchmark's yardstick. */
export const GET = () => json({ ok: true });
