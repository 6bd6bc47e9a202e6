/**
 * Items grouped by the person they are about: the policy decides per person and
 * category, so one "why" serves the whole group.
 */
export function bySubject<T>(items: T[], subjectOf: (item: T) => string | null): { subject: string | null; items: T[] }[] {
	const groups = new Map<string | null, T[]>();
	for (const item of items) {
		const key = subjectOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return [...groups].map(([subject, list]) => ({ subject, items: list }));
}
