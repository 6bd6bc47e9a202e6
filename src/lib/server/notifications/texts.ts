/**
 * N1: the words of a notification. One neutral template per kind and channel, in the
 * recipient's language: the kind of news and a link to the portal (sign-in first), never
 * a name, family, organisation, service, place or free text. The templates take nothing
 * but the link, so no content can reach them.
 */
import { m } from '$lib/paraglide/messages';
import { isLocale, type Locale } from '$lib/paraglide/runtime';
import type { Channel, NotificationKind } from './types';

type Template = (inputs: { link: string }, options: { locale: Locale }) => string;

const TEMPLATES: Record<NotificationKind, Template> = {
	'safety-signal': m.notify_text_safety_signal,
	'emergency-access': m.notify_text_emergency_access,
	invitation: m.notify_text_invitation,
	tag: m.notify_text_tag,
	'consultation-answer': m.notify_text_consultation_answer,
	'task-due': m.notify_text_task_due,
	'task-overdue': m.notify_text_task_overdue,
	'meeting-tomorrow': m.notify_text_meeting_tomorrow,
	message: m.notify_text_message
};

/** The portal page each kind links to: the person's home, where the item waits after sign-in. */
export function linkPath(kind: NotificationKind, recipientKind: 'member' | 'professional' | 'on-duty'): string {
	if (recipientKind === 'member') return kind === 'meeting-tomorrow' ? '/family/meetings' : kind === 'task-due' || kind === 'task-overdue' ? '/family/plan' : '/family';
	return '/pro';
}

export type NotificationText = { subject: string; text: string };

/** The text of one notification (an e-mail's subject and body; a text message's body). */
export function notificationText(kind: NotificationKind, channel: Channel, link: string, locale: string | null | undefined): NotificationText {
	const lang: Locale = locale && isLocale(locale) ? locale : 'fi';
	const line = TEMPLATES[kind]({ link }, { locale: lang });
	if (channel === 'sms') return { subject: '', text: line };
	return { subject: m.notify_mail_subject({}, { locale: lang }), text: `${line}\n\n${m.notify_mail_footer({}, { locale: lang })}\n` };
}
