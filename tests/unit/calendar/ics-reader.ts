/**
 * A small reader of the calendar files the portal writes, independent of the writer:
 * unfolds lines, reads each VEVENT's properties, and turns a `TZID=Europe/Helsinki`
 * local time into an instant through the file's own VTIMEZONE (offsets and the
 * `BYMONTH=n;BYDAY=-1SU` rules), as a calendar application would.
 */
export type IcsEvent = Record<string, { params: string; value: string }>;

export function unfold(text: string): string[] {
	return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((line) => line.length > 0);
}

export function eventsOf(text: string): IcsEvent[] {
	const events: IcsEvent[] = [];
	let current: IcsEvent | null = null;
	for (const line of unfold(text)) {
		if (line === 'BEGIN:VEVENT') current = {};
		else if (line === 'END:VEVENT') { events.push(current!); current = null; }
		else if (current) {
			const colon = line.indexOf(':');
			const [name, ...params] = line.slice(0, colon).split(';');
			current[name] = { params: params.join(';'), value: line.slice(colon + 1) };
		}
	}
	return events;
}

type Observance = { offsetTo: number; offsetFrom: number; month: number; localHour: number };

const offsetMinutes = (text: string) => (text.startsWith('-') ? -1 : 1) * (Number(text.slice(1, 3)) * 60 + Number(text.slice(3, 5)));

/** The observances of the file's VTIMEZONE (each a yearly last-Sunday rule). */
export function observancesOf(text: string): Observance[] {
	const lines = unfold(text);
	const out: Observance[] = [];
	let block: Record<string, string> | null = null;
	for (const line of lines) {
		if (line === 'BEGIN:DAYLIGHT' || line === 'BEGIN:STANDARD') block = {};
		else if ((line === 'END:DAYLIGHT' || line === 'END:STANDARD') && block) {
			const rule = /^FREQ=YEARLY;BYMONTH=(\d+);BYDAY=-1SU$/.exec(block.RRULE);
			if (!rule) throw new Error(`unexpected RRULE ${block.RRULE}`);
			out.push({ offsetTo: offsetMinutes(block.TZOFFSETTO), offsetFrom: offsetMinutes(block.TZOFFSETFROM), month: Number(rule[1]), localHour: Number(block.DTSTART.slice(9, 11)) });
			block = null;
		} else if (block) {
			const colon = line.indexOf(':');
			block[line.slice(0, colon)] = line.slice(colon + 1);
		}
	}
	return out;
}

function lastSunday(year: number, month: number): number {
	const last = new Date(Date.UTC(year, month, 0));
	return last.getUTCDate() - last.getUTCDay();
}

/** The UTC instant at which an observance begins in a year. */
function onset(year: number, o: Observance): number {
	return Date.UTC(year, o.month - 1, lastSunday(year, o.month), o.localHour) - o.offsetFrom * 60_000;
}

/** The offset (minutes east of UTC) the VTIMEZONE gives an instant. */
export function offsetAt(observances: Observance[], instant: number): number {
	const year = new Date(instant).getUTCFullYear();
	const onsets = [year - 1, year].flatMap((y) => observances.map((o) => ({ at: onset(y, o), o }))).filter((x) => x.at <= instant);
	return onsets.sort((a, b) => b.at - a.at)[0].o.offsetTo;
}

/** A `YYYYMMDDTHHMMSS` local time in the VTIMEZONE, as an instant. */
export function instantOf(observances: Observance[], local: string): number {
	const wall = Date.UTC(Number(local.slice(0, 4)), Number(local.slice(4, 6)) - 1, Number(local.slice(6, 8)), Number(local.slice(9, 11)), Number(local.slice(11, 13)), Number(local.slice(13, 15)));
	// The offset in force at the local time: try the standard and the summer offset, keep the one that agrees.
	for (const o of observances) {
		const candidate = wall - o.offsetTo * 60_000;
		if (offsetAt(observances, candidate) === o.offsetTo) return candidate;
	}
	throw new Error(`${local} does not exist in the zone`);
}
