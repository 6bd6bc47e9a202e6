/**
 * A request body read as an HTML form's fields, strictly: only what a browser sends for
 * the portal's forms (URL-encoded or multipart, UTF-8 text, no files). Anything else is
 * refused with the status that says why before an action sees it, so that bad input gets
 * a 4xx and reaches no write (issue #11). Browsers never send invalid percent escapes or
 * non-UTF-8 bytes from a UTF-8 page, so refusing them loses no real submission.
 */

/** The fields in the order sent; a name may repeat. */
export type FormFields = [name: string, value: string][];

export type FormBody =
	| { ok: true; fields: FormFields }
	| { ok: false; status: 400 | 413 | 415; message: string };

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** The body as form fields, or why it cannot be read (415 not a form, 413 too large, 400 broken). Never throws. */
export async function readFormBody(request: Request): Promise<FormBody> {
	const contentType = request.headers.get('content-type') ?? '';
	const mediaType = contentType.split(';', 1)[0].trim().toLowerCase();
	if (mediaType !== URLENCODED && mediaType !== MULTIPART) {
		return refused(415, `Form data expected (${URLENCODED} or ${MULTIPART})`);
	}
	let bytes: ArrayBuffer;
	try {
		bytes = await request.arrayBuffer();
	} catch (e) {
		// adapter-node cuts a body over BODY_SIZE_LIMIT with a 413 error; anything else is a broken upload.
		return statusOf(e) === 413 ? refused(413, 'The form is too large') : refused(400, 'The form could not be read');
	}
	const text = utf8(bytes);
	if (text === null) return refused(400, 'The form is not UTF-8 text');
	const fields = mediaType === URLENCODED ? parseUrlencoded(text) : await parseMultipart(bytes, contentType);
	return fields === null ? refused(400, 'The form could not be read') : { ok: true, fields };
}

function refused(status: 400 | 413 | 415, message: string): FormBody {
	return { ok: false, status, message };
}

function statusOf(e: unknown): unknown {
	const error = e as { status?: unknown; cause?: { status?: unknown } } | null;
	return error?.status ?? error?.cause?.status;
}

function utf8(bytes: ArrayBuffer): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}

/** `a=1&b=x+y`: unlike URLSearchParams, which passes `%zz` through and turns `%FF` into U+FFFD, a bad escape refuses the whole body. */
function parseUrlencoded(text: string): FormFields | null {
	const fields: FormFields = [];
	for (const pair of text.split('&')) {
		if (pair === '') continue;
		const at = pair.indexOf('=');
		const name = decode(at < 0 ? pair : pair.slice(0, at));
		const value = decode(at < 0 ? '' : pair.slice(at + 1));
		if (name === null || value === null) return null;
		fields.push([name, value]);
	}
	return fields;
}

function decode(encoded: string): string | null {
	try {
		return decodeURIComponent(encoded.replaceAll('+', ' '));
	} catch {
		return null; // a malformed escape or one of bytes that are not UTF-8
	}
}

/** The platform's multipart parser on the bytes already read; no form of the portal uploads files. */
async function parseMultipart(bytes: ArrayBuffer, contentType: string): Promise<FormFields | null> {
	let form: FormData;
	try {
		form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return null; // no boundary, another boundary, truncated
	}
	const fields: FormFields = [];
	for (const [name, value] of form) {
		if (typeof value !== 'string') return null;
		fields.push([name, value]);
	}
	return fields;
}
