/**
 * What every write answers, and the two helpers every write module shares: a new
 * random id with a readable prefix, and a zod failure as field -> message.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { z } from 'zod';

export type WriteResult =
	| { ok: true; id?: string }
	| { ok: false; status: 400 | 403 | 404; message: string; issues?: Record<string, string> };

export type Invalid = { ok: false; status: 400; message: 'invalid'; issues: Record<string, string> };

/** `prefix-` and 80 random bits, base32: unguessable, and tells its kind in a URL or a log. */
export function newId(prefix: string): string {
	const bytes = new Uint8Array(10);
	crypto.getRandomValues(bytes);
	return `${prefix}-${encodeBase32LowerCaseNoPadding(bytes)}`;
}

/** Turns a zod failure into field -> message, for the form to show beside each field. */
export function invalid(error: z.ZodError): Invalid {
	const issues: Record<string, string> = {};
	for (const issue of error.issues) issues[issue.path.join('.') || 'form'] = issue.message;
	return { ok: false, status: 400, message: 'invalid', issues };
}
