/**
 * The writing tools of a family summary, in one list: the tool menu at the top of the
 * summary links to each (`?tool=ID#tool-ID`, which draws its form and scrolls to it,
 * without JavaScript), and TeamTools and CoordinatorTools draw the same ones below.
 */
import { m } from '$lib/paraglide/messages';
import type { FamilyView } from '$lib/server/policy/view';

export type SummaryTool = { id: string; label: () => string };

/** Tagging needs a colleague to tag and something to tag. */
export function canTag(view: FamilyView): boolean {
	const team = view.basic?.team ?? [];
	return team.length > 1 && view.services.length + view.goals.length + view.tasks.length + view.assessments.length + view.consultations.length > 0;
}

/** The maturity and information-right tool concerns children: none, no tool. */
export function hasChildren(view: FamilyView): boolean {
	return (view.basic?.members ?? []).some((x) => x.child);
}

/** What any team member may write (TeamTools), in the order drawn there. */
export function teamTools(view: FamilyView): SummaryTool[] {
	return [
		{ id: 'assessment', label: m.tools_assessment },
		{ id: 'meeting', label: m.meeting_schedule },
		...(canTag(view) ? [{ id: 'tag', label: m.tag_form }] : []),
		{ id: 'consultation', label: m.consultation_open },
		{ id: 'invite', label: m.invite_heading },
		{ id: 'plan', label: m.tools_plan }
	];
}

/** What the coordinator keeps (CoordinatorTools), in the order drawn there. */
export function coordinatorTools(view: FamilyView): SummaryTool[] {
	return [
		{ id: 'members', label: m.tools_members },
		{ id: 'path', label: m.tools_path },
		{ id: 'outcome', label: m.tools_outcome },
		{ id: 'services', label: m.tools_services },
		{ id: 'team', label: m.tools_team },
		{ id: 'consent', label: m.tools_consent },
		{ id: 'revoke', label: m.summary_revoke_tool },
		{ id: 'blocks', label: m.tools_blocks },
		...(hasChildren(view) ? [{ id: 'children', label: m.tools_children }] : [])
	];
}

/** The link that opens one tool and scrolls to its form. */
export const toolHref = (id: string) => `?tool=${id}#tool-${id}`;
