/**
 * The portal's calendar files read back by Mozilla's `ical.js` (Thunderbird's parser),
 * independent of the writer (ical-generator and our VTIMEZONE): a Helsinki time is turned
 * into an instant through the file's own VTIMEZONE, registered with ical.js's time-zone
 * service as a calendar application does on import, never through the runtime's zone data.
 */
import ICAL from 'ical.js';

export type ReadEvent = {
	/** The VEVENT component itself, for any property. */
	component: ICAL.Component;
	/** Property names in upper case, as written. */
	properties: string[];
	/** A property's value as text ('' when absent). */
	text: (name: string) => string;
	/** The start's TZID parameter, e.g. `Europe/Helsinki`. */
	startZone: string | null;
	/** The start and end as wall-clock times in their zone, `2027-03-25T15:00:00`. */
	startWall: string; endWall: string;
	/** The start and end as instants (milliseconds), through the file's VTIMEZONE. */
	startInstant: number; endInstant: number;
};

export type ReadCalendar = {
	calendar: ICAL.Component;
	/** The file's own Europe/Helsinki zone (null when it has no VTIMEZONE). */
	timezone: ICAL.Timezone | null;
	events: ReadEvent[];
};

/** Parses an .ics text; fails on anything ical.js cannot read. */
export function readIcs(text: string): ReadCalendar {
	const calendar = new ICAL.Component(ICAL.parse(text));
	const zoneComponent = calendar.getFirstSubcomponent('vtimezone');
	const timezone = zoneComponent ? new ICAL.Timezone(zoneComponent) : null;
	// The file's own zone replaces any earlier one under the same name (the service is global).
	if (timezone) ICAL.TimezoneService.register(timezone);
	const events = calendar.getAllSubcomponents('vevent').map((component): ReadEvent => {
		const event = new ICAL.Event(component);
		const dtstart = component.getFirstProperty('dtstart');
		return {
			component,
			properties: component.getAllProperties().map((p) => p.name.toUpperCase()),
			text: (name) => String(component.getFirstPropertyValue(name.toLowerCase()) ?? ''),
			startZone: (dtstart?.getParameter('tzid') as string | undefined) ?? null,
			startWall: event.startDate.toString(), endWall: event.endDate.toString(),
			startInstant: event.startDate.toJSDate().getTime(), endInstant: event.endDate.toJSDate().getTime()
		};
	});
	return { calendar, timezone, events };
}

/**
 * The offset east of UTC in minutes that a VTIMEZONE gives an instant, from ical.js's own
 * expansion of its observances (`changes`, each the UTC instant an offset begins). Not by
 * converting the instant to a wall time: in the autumn's repeated hour a wall time names
 * two instants, and ical.js reads it as the later one.
 */
export function zoneOffsetAt(timezone: ICAL.Timezone, instant: number): number {
	const year = new Date(instant).getUTCFullYear();
	timezone.utcOffset(ICAL.Time.fromData({ year: year + 1, month: 1, day: 1 })); // expands the changes through the year
	let offset: number | null = null;
	for (const change of timezone.changes as { year: number; month: number; day: number; hour: number; minute: number; second: number; utcOffset: number }[]) {
		if (Date.UTC(change.year, change.month - 1, change.day, change.hour, change.minute, change.second) > instant) break;
		offset = change.utcOffset;
	}
	if (offset === null) throw new Error(`${timezone.tzid} has no offset at ${new Date(instant).toISOString()}`);
	return offset / 60;
}

/**
 * What a calendar application could show of a file, as ical.js read it: each component
 * (as `begin:vevent`), each property's name, parameters and values, one a line.
 */
export function allValues(component: ICAL.Component): string {
	const lines = [`begin:${component.name}`];
	for (const property of component.getAllProperties()) {
		const parameters = property.toJSON()[1] as Record<string, unknown>;
		lines.push(property.name, ...Object.entries(parameters).flat().map(String), ...property.getValues().map(String));
	}
	for (const sub of component.getAllSubcomponents()) lines.push(allValues(sub));
	return lines.join('\n');
}
