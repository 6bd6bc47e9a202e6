/**
 * A person's own notification settings (POLICY.md N3), family members and professionals
 * alike: the channels (e-mail, text message, both, none), the addresses and the quiet
 * hours. Only their own row is read or written: no family data.
 */
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import * as t from '../db/schema';
import { helsinkiToday } from '../time';
import { invalid, type WriteResult } from '../write-result';
import type { MemberPrincipal, ProfessionalPrincipal } from '../policy/types';
import type { Channel, NotifySettings } from './types';

export type Person = MemberPrincipal | ProfessionalPrincipal;
export type ChannelChoice = 'email' | 'sms' | 'both' | 'none';

export type SettingsView = {
	choice: ChannelChoice; email: string; phone: string; quietFrom: string; quietUntil: string;
	/** A coordinator today: safety signals and emergency accesses reach them whatever they choose. */
	coordinator: boolean;
};

function ownRow(db: Db, who: Person) {
	return who.kind === 'member'
		? db.select({ email: t.members.email, phone: t.members.phone, notify: t.members.notify }).from(t.members).where(eq(t.members.id, who.memberId)).get()
		: db.select({ email: t.professionals.email, phone: t.professionals.phone, notify: t.professionals.notify }).from(t.professionals).where(eq(t.professionals.id, who.professionalId)).get();
}

/** The choice a form shows: the stored one, or the default (e-mail when an address exists). */
export function choiceOf(settings: NotifySettings | null, email: string | null): ChannelChoice {
	const channels: Channel[] = settings?.channels ?? (email ? ['email'] : []);
	if (channels.includes('email') && channels.includes('sms')) return 'both';
	return channels[0] ?? 'none';
}

/** The person's settings as the form shows them. */
export function notificationSettingsOf(db: Db, who: Person, now: Date = new Date()): SettingsView {
	const row = ownRow(db, who);
	return {
		choice: choiceOf(row?.notify ?? null, row?.email ?? null),
		email: row?.email ?? '', phone: row?.phone ?? '',
		quietFrom: row?.notify?.quiet?.from ?? '', quietUntil: row?.notify?.quiet?.until ?? '',
		coordinator: who.kind === 'professional' && isCoordinatorToday(db, who.professionalId, helsinkiToday(now))
	};
}

function isCoordinatorToday(db: Db, professionalId: string, today: string): boolean {
	return db.select({ id: t.teamMemberships.id }).from(t.teamMemberships).where(and(
		eq(t.teamMemberships.professionalId, professionalId), eq(t.teamMemberships.role, 'coordinator'), lte(t.teamMemberships.from, today),
		// [from, until): begun by today and not yet ended.
		or(isNull(t.teamMemberships.until), gt(t.teamMemberships.until, today))
	)).all().length > 0;
}

const time = z.string().trim().refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'time');
const settingsInput = z.object({
	channel: z.enum(['email', 'sms', 'both', 'none'], { error: 'required' }),
	email: z.string().trim().max(254, 'too-long').refine((v) => v === '' || z.email().safeParse(v).success, 'email'),
	phone: z.string().trim().max(32, 'too-long').transform((v) => v.replace(/[\s()-]/g, ''))
		.refine((v) => v === '' || /^\+[1-9]\d{6,14}$/.test(v), 'phone'),
	quietFrom: time, quietUntil: time
}).superRefine((v, ctx) => {
	if ((v.channel === 'email' || v.channel === 'both') && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'no-email' });
	if ((v.channel === 'sms' || v.channel === 'both') && !v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'no-phone' });
	if (Boolean(v.quietFrom) !== Boolean(v.quietUntil)) ctx.addIssue({ code: 'custom', path: [v.quietFrom ? 'quietUntil' : 'quietFrom'], message: 'quiet-both' });
	else if (v.quietFrom && v.quietFrom === v.quietUntil) ctx.addIssue({ code: 'custom', path: ['quietUntil'], message: 'quiet-same' });
});

const CHANNELS_OF: Record<ChannelChoice, Channel[]> = { email: ['email'], sms: ['sms'], both: ['email', 'sms'], none: [] };

/**
 * Saves the person's own choice; a bad field writes nothing and says which. A young
 * person turns notifications off with `none` (N3). A coordinator's `none` still lets
 * safety signals and emergency accesses through (queue.ts `chosenChannels`).
 */
export function saveNotificationSettings(db: Db, who: Person, input: unknown): WriteResult {
	// A professional's e-mail and phone are also their contact shown to families: kept by the administrators, not here.
	const own = who.kind === 'professional' ? ownRow(db, who) : undefined;
	const fixed = own ? { email: own.email ?? '', phone: own.phone ?? '' } : {};
	const parsed = settingsInput.safeParse({ email: '', phone: '', quietFrom: '', quietUntil: '', ...(input as object), ...fixed });
	if (!parsed.success) return invalid(parsed.error);
	const v = parsed.data;
	const notify: NotifySettings = { channels: CHANNELS_OF[v.channel], quiet: v.quietFrom ? { from: v.quietFrom, until: v.quietUntil } : null };
	if (who.kind === 'member') db.update(t.members).set({ email: v.email || null, phone: v.phone || null, notify }).where(eq(t.members.id, who.memberId)).run();
	else db.update(t.professionals).set({ notify }).where(eq(t.professionals.id, who.professionalId)).run();
	return { ok: true };
}
