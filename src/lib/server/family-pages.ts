/**
 * The family's pages (`/family` and the pages behind its navigation): one load that reads
 * the member's view through the policy, and the form actions each page offers. A
 * successful action lands the person back where they were, without JavaScript: a 303 to
 * the same page with `?done=ACTION&at=ANCHOR#ANCHOR` (the task ticked, or the section of
 * the form), where the page shows what happened.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { getDb } from './db';
import { currentClock, readAccessLog, readFamilyView } from './family-access';
import { groupLooks } from './access-log-groups';
import {
	answerMeeting, createVoice, decideConsent, sendSafetySignal, deleteVoice, revokeConsent, setHiddenFromCustodians, tickTask, updateVoice
} from './writes';
import { byId, doneAction, formAction, withGrantee } from './form-actions';
import { requireMember } from './guards';
import type { MemberPrincipal } from './policy/types';
import type { Context } from './writes/skeleton';
import type { WriteResult } from './write-result';
import { RenderOnly } from '$lib/render-only';

const SHOWN_LOG_ROWS = 50;

/** An anchor is an id of the page: letters, digits and `-_.` only, so that it never breaks out of the URL or the attribute. */
const ANCHOR = /^[A-Za-z0-9._-]{1,80}$/;

/**
 * What every family page gets: the member's view (the policy's, W/M rules), who they are,
 * today's date, and where the last action landed (`done`, `at`). `withLog`: the page
 * shows who has looked (L2), one row per professional and day, emergencies first.
 */
export function loadFamilyPage(event: RequestEvent, options: { withLog?: boolean } = {}) {
	const me = requireMember(event);
	const clock = currentClock();
	const view = readFamilyView(getDb(), me, me.familyId, clock, 'family-page');
	if (!view) error(404, 'Not found');
	const at = event.url.searchParams.get('at');
	const looks = options.withLog ? groupLooks(readAccessLog(getDb(), me, me.familyId) ?? []) : null;
	return {
		view: new RenderOnly(view),
		log: looks ? new RenderOnly({ groups: looks.slice(0, SHOWN_LOG_ROWS), total: looks.length }) : null,
		me: { id: me.memberId, name: me.name },
		today: clock.today,
		done: doneAction(event.url),
		at: at && ANCHOR.test(at) ? at : null
	};
}

type MemberWrite = (ctx: Context & { who: MemberPrincipal }, input: Record<string, unknown>) => WriteResult;
type FamilyAction = { write: MemberWrite; lists?: string[]; anchor: (input: Record<string, unknown>) => string };

const section = (anchor: string) => () => anchor;
const taskAnchor = (input: Record<string, unknown>) => `at-task-${String(input.id ?? '')}`;

/** Every action of the family's pages, with where each lands: the item or the section of its form. */
const FAMILY_ACTIONS = {
	sendSafetySignal: { write: sendSafetySignal, anchor: section('at-unsafe') },
	createVoice: { write: createVoice, anchor: section('at-voice') },
	checkIn: { write: createVoice, anchor: section('at-checkin') },
	askConsultation: { write: createVoice, anchor: section('consultation-questions') },
	answerMeeting: { write: answerMeeting, anchor: section('at-meetings') },
	updateVoice: { write: (ctx, input) => updateVoice(ctx, String(input.id ?? ''), input), anchor: section('at-voice') },
	deleteVoice: { write: byId(deleteVoice), anchor: section('at-voice') },
	tickTask: { write: (ctx, input) => tickTask(ctx, String(input.id ?? ''), input.done === 'true'), anchor: taskAnchor },
	decideConsent: { write: (ctx, input) => decideConsent(ctx, withGrantee(input)), lists: ['categories'], anchor: section('at-consents') },
	revokeConsent: { write: byId(revokeConsent), anchor: section('at-consents') },
	setHidden: { write: setHiddenFromCustodians, lists: ['categories'], anchor: section('at-hide') }
} satisfies Record<string, FamilyAction>;

export type FamilyActionName = keyof typeof FAMILY_ACTIONS;

/** The anchor a redirect lands on: the action's own, or the section's when the item's id is not a safe anchor. */
function landing(name: FamilyActionName, input: Record<string, unknown>): string {
	const anchor = FAMILY_ACTIONS[name].anchor(input);
	return ANCHOR.test(anchor) ? anchor : 'main';
}

/**
 * The form actions of one family page: each is `formAction` around one write on the
 * member's own family (the write lets the policy decide: W1, W2, W4, W6), redirecting
 * back to this page at the place of the form.
 */
export function familyPageActions<N extends FamilyActionName>(...names: N[]): Record<N, (event: RequestEvent) => Promise<unknown>> {
	const entries = names.map((name) => {
		const { write, lists = [] } = FAMILY_ACTIONS[name] as FamilyAction;
		return [name, formAction({
			name,
			guard: requireMember,
			lists,
			write: (input, who: MemberPrincipal) => write({ db: getDb(), who, familyId: who.familyId }, input),
			onSuccess: (_result, _who, event, input) => {
				const anchor = landing(name, input);
				redirect(303, `${event.url.pathname}?done=${encodeURIComponent(name)}&at=${anchor}#${anchor}`);
			}
		})] as const;
	});
	return Object.fromEntries(entries) as Record<N, (event: RequestEvent) => Promise<unknown>>;
}
