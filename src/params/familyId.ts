import type { ParamMatcher } from '@sveltejs/kit';

/** Scenario ids (FORMAT.md): malformed ids never reach a load. */
export const match: ParamMatcher = (param) => /^[A-Za-z0-9_-]{1,64}$/.test(param);
