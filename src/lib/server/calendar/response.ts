/** The HTTP answer of a calendar file: never cached, never indexed, a neutral file name. */
export function calendarResponse(body: string, download: boolean): Response {
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, no-store',
			'X-Robots-Tag': 'noindex',
			...(download ? { 'Content-Disposition': 'attachment; filename="meeting.ics"' } : {})
		}
	});
}
