/** Where "add to calendar" of a meeting downloads its `.ics` (K1; the server decides whether it may). */
export function calendarHref(meetingId: string): string {
	return `/calendar/meetings/${encodeURIComponent(meetingId)}.ics`;
}
