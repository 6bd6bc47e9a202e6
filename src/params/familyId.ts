import type { ParamMatcher } from '@sveltejs/kit';
import { isId } from '$lib/ids';

/** Scenario ids (FORMAT.md): malformed ids never reach a load. */
export const match: ParamMatcher = isId;
