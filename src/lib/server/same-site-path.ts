/** The origin a path is resolved against to see whether it leaves the site. */
const PROBE_ORIGIN = 'http://portal.invalid';

/**
 * `to` as a path of this site (path, query and fragment, percent-encoded), or `fallback`.
 * Only a path starting with exactly one `/` passes: never `//host` nor `/\host` (browsers
 * read a backslash as a slash), nor whitespace or control characters (browsers drop them,
 * which could turn `/\t/host` into `//host`). Used before redirecting to a place named in
 * a request, so that the portal can never be an open redirect.
 */
export function sameSitePath(to: string, fallback = '/'): string {
	if (!to.startsWith('/') || to.startsWith('//') || to.includes('\\') || /[\s\p{Cc}]/u.test(to)) return fallback;
	const resolved = new URL(to, PROBE_ORIGIN);
	if (resolved.origin !== PROBE_ORIGIN) return fallback;
	return resolved.pathname + resolved.search + resolved.hash;
}
