/**
 * "Why do I see this": the policy's rule ids of an item in plain words of the
 * reader's language.
 */
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDate } from '$lib/format';
import type { FamilyView, Why } from '$lib/server/policy/view';

export function memberName(view: FamilyView, id: string | null | undefined): string {
	if (!id) return m.family_level();
	return view.basic?.members.find((member) => member.id === id)?.name ?? id;
}

/** One sentence per rule; `about` is the item's subject or author. */
export function explain(why: Why, view: FamilyView, about: string | null = null): string[] {
	const name = memberName(view, about);
	return why.rules.map((rule) => {
		switch (rule) {
			case 'M1': return m.why_M1();
			case 'M2': return m.why_M2();
			case 'M3': return m.why_M3({ name });
			case 'M4': return m.why_M4({ name });
			case 'M7': return m.why_M7();
			case 'M10': return m.why_M10({ name });
			case 'P2': return m.why_P2();
			case 'P3': return m.why_P3();
			case 'P4': return explainConsent(why, view);
			case 'P5': return m.why_P5({ name });
			case 'P7': return m.why_P7();
			case 'P8': return m.why_P8();
			case 'C1': return m.why_C1();
			case 'B1': return m.why_B1();
			default: return rule;
		}
	});
}

/** "Amal and Karim consented from 1.9.2026 until 1.3.2027": the joint period of the grants in force. */
function explainConsent(why: Why, view: FamilyView): string {
	const grants = view.consents.filter((c) => why.consents.includes(c.id));
	const locale = getLocale();
	const names = [...new Set(grants.map((g) => memberName(view, g.grantor)))].join(', ');
	const from = grants.map((g) => g.from).sort().at(-1) ?? '';
	const untils = grants.map((g) => g.until).filter((u): u is string => u !== null).sort();
	if (untils.length === 0) return m.why_P4_open({ names, from: formatDate(from, locale) });
	return m.why_P4({ names, from: formatDate(from, locale), until: formatDate(untils[0], locale) });
}
