/**
 * A failed form's state as the page got it back from its action: which action failed,
 * the values entered and the field issues, so that a form shows its own errors and
 * keeps what was typed (nothing lost).
 */
export type Failed = { action?: string; issues?: Record<string, string>; values?: Record<string, unknown> } | null;

export function formState(failed: Failed) {
	const retry = (action: string) => (failed?.action === action ? failed : null);
	return {
		retry,
		value: (action: string, field: string, fallback = '') => String(retry(action)?.values?.[field] ?? fallback),
		issue: (action: string, field: string) => retry(action)?.issues?.[field]
	};
}
