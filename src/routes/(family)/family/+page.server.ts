import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { currentClock, readAccessLog, readFamilyView } from '$lib/server/family-access';
import { groupLooks } from '$lib/server/access-log-groups';
import {
	answerMeeting, createVoice, decideConsent, sendSafetySignal, deleteVoice, revokeConsent, setHiddenFromCustodians, tickTask, updateVoice
} from '$lib/server/writes';
import { byId, doneAction, familyActions, withGrantee } from '$lib/server/form-actions';
import { requireMember } from '$lib/server/guards';
import { RenderOnly } from '$lib/render-only';
import type { Actions, PageServerLoad } from './$types';

const SHOWN_LOG_ROWS = 50;

export const load: PageServerLoad = (event) => {
	const me = requireMember(event);
	const clock = currentClock();
	const view = readFamilyView(getDb(), me, me.familyId, clock);
	if (!view) error(404, 'Not found');
	const looks = groupLooks(readAccessLog(getDb(), me, me.familyId) ?? []);
	return {
		view: new RenderOnly(view),
		// L2, one row per professional and day, emergencies first; the API has every entry.
		log: new RenderOnly({ groups: looks.slice(0, SHOWN_LOG_ROWS), total: looks.length }),
		me: { id: me.memberId, name: me.name },
		today: clock.today,
		done: doneAction(event.url)
	};
};

/** One action per intent, on the member's own family: the write lets the policy decide (W1, W2, W4, W6). */
const action = familyActions(requireMember, (me) => me.familyId);

export const actions: Actions = {
	sendSafetySignal: action('sendSafetySignal', sendSafetySignal),
	createVoice: action('createVoice', createVoice),
	checkIn: action('checkIn', createVoice),
	askConsultation: action('askConsultation', createVoice),
	answerMeeting: action('answerMeeting', answerMeeting),
	updateVoice: action('updateVoice', (ctx, input) => updateVoice(ctx, String(input.id ?? ''), input)),
	deleteVoice: action('deleteVoice', byId(deleteVoice)),
	tickTask: action('tickTask', (ctx, input) => tickTask(ctx, String(input.id ?? ''), input.done === 'true')),
	decideConsent: action('decideConsent', (ctx, input) => decideConsent(ctx, withGrantee(input)), ['categories']),
	revokeConsent: action('revokeConsent', byId(revokeConsent)),
	setHidden: action('setHidden', setHiddenFromCustodians, ['categories'])
};
