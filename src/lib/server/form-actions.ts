/**
 * Glue between HTML forms and the write functions: form data to plain input, and a
 * write result to SvelteKit's `fail` with the entered values kept (nothing is lost).
 */
import { error, fail, redirect } from '@sveltejs/kit';
import type { WriteResult } from './write-result';
import { readFormBody } from './form-body';

/**
 * Form fields as an object; `lists` name the fields that may repeat (checkbox groups).
 * A body that is not a readable form, that has no field at all (only a form of nothing
 * but checkboxes sends none) or that repeats a single field is answered with a 4xx
 * error here, before the action's write: the error page says that nothing was saved.
 */
export async function formInput(request: Request, lists: string[] = []): Promise<Record<string, unknown>> {
	const body = await readFormBody(request);
	if (!body.ok) error(body.status, body.message);
	if (body.fields.length === 0 && lists.length === 0) error(400, 'The form is empty');
	const single = new Map<string, string>();
	const listed = new Map<string, string[]>(lists.map((name) => [name, []]));
	for (const [name, value] of body.fields) {
		if (listed.has(name)) listed.get(name)!.push(value);
		else if (single.has(name)) error(400, 'A field of the form is repeated');
		else single.set(name, value);
	}
	// fromEntries defines own properties: a field named `__proto__` is just a field.
	return Object.fromEntries([...single, ...listed]);
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
