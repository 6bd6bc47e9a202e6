import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { doneAction, formAction } from '$lib/server/form-actions';
import { requireSignedIn } from '$lib/server/guards';
import { notificationSettingsOf, saveNotificationSettings, type Person } from '$lib/server/notifications/settings';
import type { Actions, PageServerLoad } from './$types';

/** Family members and professionals have notification settings; administrators get none (no family news reaches them). */
function requirePerson(event: { locals: App.Locals }): Person {
	const who = requireSignedIn(event);
	if (who.kind === 'administrator') error(404, 'Not found');
	return who;
}

export const load: PageServerLoad = (event) => {
	const who = requirePerson(event);
	return { settings: notificationSettingsOf(getDb(), who), kind: who.kind, done: doneAction(event.url) };
};

export const actions: Actions = {
	save: formAction({
		name: 'save', guard: requirePerson,
		write: (input, who) => saveNotificationSettings(getDb(), who, input)
	})
};
