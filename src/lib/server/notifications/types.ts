/**
 * The vocabulary of notifications (POLICY.md N1-N3, FORMAT.md "Version 2 additions"):
 * what can be announced, over which channel, and a person's own settings. No contents:
 * a notification knows its kind and the id of the item, never the item's text.
 */

/** Every kind of notification; each has one neutral text per channel and language (N1). */
export const NOTIFICATION_KINDS = [
	'safety-signal', 'emergency-access', 'invitation', 'tag', 'consultation-answer',
	'task-due', 'task-overdue', 'meeting-tomorrow', 'message'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/**
 * N3: the kinds that always reach the coordinator (her settings cannot turn them off) and
 * go before every other notification when sent.
 */
export const SAFETY_KINDS: readonly NotificationKind[] = ['safety-signal', 'emergency-access'];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * queued: waiting (for its time, quiet hours or a retry); sent; logged: no SMTP_URL or
 * SMS_URL, so it was written to the server log instead; failed: gave up after the last
 * attempt, the error kept; dropped: the recipient may no longer see the item (N2) or no
 * longer wants this channel (N3) when its turn came.
 */
export const NOTIFICATION_STATUSES = ['queued', 'sent', 'logged', 'failed', 'dropped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** member, professional, or the on-duty address of an organisation (N3). */
export const RECIPIENT_KINDS = ['member', 'professional', 'on-duty'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
export type Recipient = { kind: RecipientKind; id: string };

/** Quiet hours as Helsinki wall-clock times `HH:MM`; `from` after `until` spans midnight. */
export type QuietHours = { from: string; until: string };
/** A person's choice (N3); `channels: []` turns notifications off. */
export type NotifySettings = { channels: Channel[]; quiet?: QuietHours | null };
/** Where an organisation's unopened safety signals and emergency accesses go (N3). */
export type OnDuty = { email?: string | null; phone?: string | null; afterMinutes: number };
