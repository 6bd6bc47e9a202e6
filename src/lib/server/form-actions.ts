/**
 * Glue between HTML forms and the write functions: form data to plain input, and a
 * write result to SvelteKit's `fail` with the entered values kept (nothing is lost).
 */
import { fail } from '@sveltejs/kit';
import type { WriteResult } from './family-writes';

/** Form fields as an object; `lists` name the fields that may repeat (checkbox groups). */
export async function formInput(request: Request, lists: string[] = []): Promise<Record<string, unknown>> {
	const form = await request.formData();
	const input: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).map(String);
		input[key] = lists.includes(key) ? values : values[0];
	}
	for (const key of lists) input[key] ??= [];
	return input;
}

/** Success: `{ done: action }`; failure: the status, the field issues and the values entered. */
export function toActionResult(action: string, result: WriteResult, values: Record<string, unknown> = {}) {
	if (result.ok) return { done: action, id: result.id ?? null };
	return fail(result.status, { action, error: result.message, issues: result.issues ?? {}, values });
}

/** A form's one `grantee` choice, `professional:ID` or `organisation:ID`, as the write's two fields. */
export function withGrantee(input: Record<string, unknown>): Record<string, unknown> {
	const [kind, id] = String(input.grantee ?? '').split(':', 2);
	if (kind === 'professional') return { ...input, granteeProfessional: id };
	if (kind === 'organisation') return { ...input, granteeOrganisation: id };
	return input;
}
