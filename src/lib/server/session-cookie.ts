/**
 * The session cookie's attributes: HttpOnly, SameSite=Lax, path /; SvelteKit makes it
 * Secure everywhere but plain-http localhost.
 */
export function sessionCookieOptions(expiresAt: Date) {
	return { path: '/', httpOnly: true, sameSite: 'lax' as const, expires: expiresAt };
}
