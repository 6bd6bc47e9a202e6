/**
 * Glue between HTML forms and the write functions: form data to plain input, and a
 * write result to SvelteKit's `fail` with the entered values kept (nothing is lost).
 */
import { fail, redirect } from '@sveltejs/kit';
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

/**
 * Success: a redirect back to the page with `?done=action` (post/redirect/get: reloading
 * the page does not send the form again); failure: the status, the field issues and the
 * values entered, so the form is shown again with nothing lost.
 */
export function toActionResult(action: string, result: WriteResult, values: Record<string, unknown>, url: URL) {
	if (result.ok) redirect(303, `${url.pathname}?done=${encodeURIComponent(action)}`);
	return fail(result.status, { action, error: result.message, issues: result.issues ?? {}, values });
}

/** The `done` of a redirect after a successful action, for the page to say what happened. */
export function doneAction(url: URL): string | null {
	return url.searchParams.get('done')?.slice(0, 40) ?? null;
}

/** A form's one `grantee` choice, `professional:ID` or `organisation:ID`, as the write's two fields. */
export function withGrantee(input: Record<string, unknown>): Record<string, unknown> {
	const [kind, id] = String(input.grantee ?? '').split(':', 2);
	if (kind === 'professional') return { ...input, granteeProfessional: id };
	if (kind === 'organisation') return { ...input, granteeOrganisation: id };
	return input;
}
