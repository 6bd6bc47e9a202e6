/**
 * A browser's user agent as a person names their device ("Firefox, Windows"), short
 * enough to store with a session and a sign-in: the full string is not kept.
 */
const BROWSERS: [RegExp, string][] = [
	[/Edg\//, 'Edge'], [/OPR\/|Opera/, 'Opera'], [/Firefox\//, 'Firefox'], [/SamsungBrowser\//, 'Samsung Internet'],
	[/Chrome\/|Chromium\/|CriOS\//, 'Chrome'], [/Safari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/iPhone/, 'iPhone'], [/iPad/, 'iPad'], [/Android/, 'Android'], [/Windows/, 'Windows'],
	[/Mac OS X|Macintosh/, 'macOS'], [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux']
];

/** "Browser, system", one of them, or null when neither is recognised (scripts, curl). */
export function deviceOf(userAgent: string | null | undefined): string | null {
	if (!userAgent) return null;
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
	const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
	return [browser, system].filter(Boolean).join(', ') || null;
}
