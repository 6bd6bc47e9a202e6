/**
 * The items a team member may raise to a colleague, as `kind:id` choices with a label
 * in the reader's words, taken from the policy-built view (so only visible items).
 */
import { m } from '$lib/paraglide/messages';
import { memberName } from '$lib/explain';
import { areaLabel } from '$lib/labels';
import type { FamilyView } from '$lib/server/policy/view';

export type TagItem = { value: string; label: string };

export function taggableItems(view: FamilyView): TagItem[] {
	const about = (subject: string | null) => memberName(view, subject);
	return [
		...view.services.map((s) => ({ value: `service:${s.id}`, label: m.tag_item_service({ name: s.name, member: about(s.subject) }) })),
		...view.goals.map((g) => ({ value: `goal:${g.id}`, label: m.tag_item_goal({ text: g.text }) })),
		...view.tasks.map((t) => ({ value: `task:${t.id}`, label: m.tag_item_task({ text: t.text }) })),
		...view.assessments.map((a) => ({ value: `assessment:${a.id}`, label: m.tag_item_assessment({ area: areaLabel(a.area), member: about(a.subject) }) })),
		...view.consultations.filter((c) => c.notes).map((c) => ({ value: `consultation:${c.id}`, label: m.tag_item_consultation({ member: about(c.subject) }) }))
	];
}

/** The label of a tagged item, or a neutral word when the reader no longer sees it. */
export function taggedItemLabel(view: FamilyView, kind: string, id: string): string {
	return taggableItems(view).find((item) => item.value === `${kind}:${id}`)?.label ?? m.tag_item_unknown();
}
