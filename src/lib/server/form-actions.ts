/**
 * Glue between HTML forms and the write functions: form data to plain input, and a
 * write result to SvelteKit's `fail` with the entered values kept (nothing is lost).
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db';
import type { Principal } from './policy/types';
import type { Context } from './writes/skeleton';
import type { WriteResult } from './write-result';
import { readFormBody } from './form-body';
import { sessionStillOpen } from './session';

/**
 * Form fields as an object; `lists` name the fields that may repeat (checkbox groups).
 * A body that is not a readable form, that has no field at all (only a form of nothing
 * but checkboxes sends none) or that repeats a single field is answered with a 4xx
 * error here, before the action's write: the error page says that nothing was saved.
 * A signed-in request's session is asked again once the body has arrived: the guard saw
 * it as the request began, the body may have taken minutes, and a sign-out everywhere
 * (a lost phone) meanwhile must stop what the post would do.
 */
export async function formInput(event: Pick<RequestEvent, 'request' | 'locals'>, lists: string[] = []): Promise<Record<string, unknown>> {
	const body = await readFormBody(event.request);
	if (event.locals.session && !sessionStillOpen(getDb(), event.locals.session.id)) redirect(303, '/login');
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

/** What a write the adapter runs answers: success with what the route needs, or a refusal. */
export type Answer = { ok: true } | { ok: false; status: number; message: string; issues?: Record<string, string> };
type Succeeded<R> = Extract<R, { ok: true }>;

/**
 * The one form action every route's forms use: guard, read the form, write (the write lets
 * the policy decide), answer. A refusal keeps the entered values (`values` picks what may
 * go back into the form: never a password); success is by default a redirect back with
 * `?done=name` (post/redirect/get), or what `onSuccess` answers (a redirect elsewhere, or a
 * secret shown once in this answer, never in a URL).
 */
export function formAction<E extends RequestEvent, W, R extends Answer, S extends Record<string, unknown> | void = void>(options: {
	name: string;
	guard: (event: E) => W;
	lists?: string[];
	write: (input: Record<string, unknown>, who: W, event: E) => R | Promise<R>;
	values?: (input: Record<string, unknown>) => Record<string, unknown>;
	onSuccess?: (result: Succeeded<R>, who: W, event: E, input: Record<string, unknown>) => S;
}) {
	const { name, guard, lists = [], write, values = (input) => input, onSuccess } = options;
	return async (event: E) => {
		const who = guard(event);
		const input = await formInput(event, lists);
		const result = await write(input, who, event);
		if (!result.ok) return fail(result.status, { action: name, error: result.message, issues: result.issues ?? {}, values: values(input) });
		if (onSuccess) return onSuccess(result as Succeeded<R>, who, event, input);
		redirect(303, `${event.url.pathname}?done=${encodeURIComponent(name)}`);
	};
}

/** A write of one family, given its context: the family's writes in `writes/` have this shape. */
export type FamilyWrite = (ctx: Context, input: Record<string, unknown>) => WriteResult;

/**
 * The form actions of one family's page: `guard` says who may post at all, `familyOf`
 * which family the page is about; each action is `formAction` around one family write.
 */
export function familyActions<E extends RequestEvent, W extends Principal>(guard: (event: E) => W, familyOf: (who: W, event: E) => string) {
	return (name: string, write: (ctx: Context & { who: W }, input: Record<string, unknown>) => WriteResult, lists: string[] = [], onSuccess?: (result: Succeeded<WriteResult>) => void) =>
		formAction({ name, guard, lists, onSuccess, write: (input, who, event) => write({ db: getDb(), who, familyId: familyOf(who, event) }, input) });
}

/** A write about the item named by the form's `id` field. */
export const byId = (write: (ctx: Context, id: string) => WriteResult): FamilyWrite => (ctx, input) => write(ctx, String(input.id ?? ''));

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
