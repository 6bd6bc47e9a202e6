/**
 * Queueing notifications in the outbox (POLICY.md N1-N3). Every event's notifications are
 * queued inside the transaction of the write that makes the event, so that a write that
 * fails queues nothing and a committed one is never forgotten, also across a restart.
 * The unique key (event, recipient, channel) drops a second queueing of the same event.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedOnConnection, type Sqlite } from '../db/prepared';
import * as t from '../db/schema';
import { decide } from '../policy/decide';
import type { FamilyFacts } from '../policy/facts';
import type { Principal } from '../policy/types';
import type { Tx } from '../writes/skeleton';
import { overridesSettings } from '../policy/notify';
import type { Channel, NotificationKind, NotifySettings, Recipient } from './types';

/** Something new for some people: the kind, the item it is about and who should hear of it. */
export type NotificationEvent = {
	kind: NotificationKind;
	familyId: string;
	/** The item whose visibility N2 checks at send time (a signal, task, meeting, thread ...). */
	itemId: string;
	/** Unique per event; defaults to the item's id (a reminder adds its day: `task-1@2026-12-03`). */
	eventId?: string;
	recipients: Recipient[];
	/** When the event happened; the notification is due from then. */
	at: Date;
};

type Db_ = Db | Tx;

/**
 * Queues one event's notifications: one row per recipient and channel they have chosen
 * (N3) and can be reached on. Call it with the write's transaction (`inTransaction`'s
 * `tx`), after the write itself. Returns how many rows were new. Engineer G's "a new
 * message" calls this with kind `message`, the thread's id and the other participants.
 */
export function queueNotification(tx: Db_, event: NotificationEvent): number {
	const at = event.at.toISOString();
	const { insert } = statementsOf(tx);
	let queued = 0;
	for (const recipient of uniqueRecipients(event.recipients)) {
		for (const channel of channelsOf(tx, recipient, event.kind)) {
			queued += insert.run(event.kind, event.eventId ?? event.itemId, event.itemId, event.familyId, recipient.kind, recipient.id, channel, at, at).changes;
		}
	}
	return queued;
}

/**
 * The outbox's statements, prepared once per connection: queueing runs inside every write
 * that makes an event, and the query builder's two calls per person cost ~0.2 ms where
 * these cost a few microseconds (npm run bench measures what queueing adds to a write).
 */
function prepareStatements(sqlite: Sqlite) {
	return {
		insert: sqlite.prepare(`INSERT INTO notifications (kind, event_id, item_id, family_id, recipient_kind, recipient_id, channel, status, attempts, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?) ON CONFLICT DO NOTHING`),
		member: sqlite.prepare('SELECT email, phone, notify FROM members WHERE id = ?'),
		professional: sqlite.prepare('SELECT email, phone, notify FROM professionals WHERE id = ?')
	};
}
const statementsOf = (db: Db_) => preparedOnConnection(db, prepareStatements);

function uniqueRecipients(recipients: Recipient[]): Recipient[] {
	const seen = new Set<string>();
	return recipients.filter((r) => {
		const key = `${r.kind}:${r.id}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Where a person can be reached and what they chose (N3). */
export type Contact = { email: string | null; phone: string | null; settings: NotifySettings | null };

/** A person's contact and settings, or null when there is no such person (or on-duty address). */
export function contactOf(db: Db_, recipient: Recipient): Contact | null {
	if (recipient.kind === 'member' || recipient.kind === 'professional') {
		const row = statementsOf(db)[recipient.kind].get(recipient.id) as { email: string | null; phone: string | null; notify: string | null } | undefined;
		return row ? { email: row.email, phone: row.phone, settings: row.notify === null ? null : (JSON.parse(row.notify) as NotifySettings) } : null;
	}
	const row = db.select({ onDuty: t.organisations.onDuty }).from(t.organisations).where(eq(t.organisations.id, recipient.id)).get();
	if (!row?.onDuty) return null;
	// An on-duty address takes every channel it has; it has no quiet hours.
	return { email: row.onDuty.email ?? null, phone: row.onDuty.phone ?? null, settings: { channels: ['email', 'sms'] } };
}

/**
 * The channels a notification of this kind goes on (N3): the person's choice (default:
 * e-mail when there is an address), only where they have an address. A safety signal or
 * an emergency access to a professional (it goes only to the coordinator) cannot be
 * turned off: with no channel chosen, e-mail where an address exists, else a text message.
 */
export function chosenChannels(contact: Contact, kind: NotificationKind, recipient: Recipient): Channel[] {
	const reachable = (c: Channel) => (c === 'email' ? Boolean(contact.email) : Boolean(contact.phone));
	const chosen = (contact.settings?.channels ?? ['email']).filter(reachable);
	if (chosen.length > 0 || !overridesSettings(kind, recipient.kind)) return chosen;
	return (['email', 'sms'] as const).filter(reachable).slice(0, 1);
}

function channelsOf(db: Db_, recipient: Recipient, kind: NotificationKind): Channel[] {
	const contact = contactOf(db, recipient);
	return contact ? chosenChannels(contact, kind, recipient) : [];
}

// ---- who hears of what ----------------------------------------------------------

/** Everyone of the family a notification could go to, as principals the policy can be asked about. */
export function familyPrincipals(facts: FamilyFacts): { recipient: Recipient; who: Principal }[] {
	const members = facts.record.members.map((m) => ({
		recipient: { kind: 'member' as const, id: m.id },
		who: { kind: 'member' as const, memberId: m.id, familyId: facts.record.id, name: m.name }
	}));
	const pros = [...new Map(facts.activeTeam.map((tm) => [tm.professional.id, tm.professional])).values()].map((p) => ({
		recipient: { kind: 'professional' as const, id: p.id },
		who: { kind: 'professional' as const, professionalId: p.id, organisationId: p.organisationId, authority: p.authority, name: p.name }
	}));
	return [...members, ...pros];
}

/** A principal for a recipient of the family, when the recipient is a member or a professional of the record. */
export function principalOf(facts: FamilyFacts, recipient: Recipient): Principal | null {
	if (recipient.kind === 'member') {
		const m = facts.member(recipient.id);
		return m ? { kind: 'member', memberId: m.id, familyId: facts.record.id, name: m.name } : null;
	}
	if (recipient.kind !== 'professional') return null;
	const p = [...facts.record.team.map((tm) => tm.professional), ...facts.record.invitations.map((i) => i.to),
		...facts.record.emergencyAccesses.map((e) => e.professional), ...facts.record.tags.map((tg) => tg.to)]
		.find((x) => x.id === recipient.id);
	return p ? { kind: 'professional', professionalId: p.id, organisationId: p.organisationId, authority: p.authority, name: p.name } : null;
}

/** The family's current coordinator as a recipient, if any. */
export function coordinatorOf(facts: FamilyFacts): Recipient[] {
	return facts.coordinator ? [{ kind: 'professional', id: facts.coordinator.professional.id }] : [];
}

/** A safety signal (W7): the coordinator at once (S1, N3); the on-duty address later, by the scheduler. */
export function queueSafetySignal(tx: Tx, facts: FamilyFacts, signalId: string, at: Date): number {
	return queueNotification(tx, { kind: 'safety-signal', familyId: facts.record.id, itemId: signalId, recipients: coordinatorOf(facts), at });
}

/** An emergency access opened (P8): the coordinator at once (N3); the on-duty address later. */
export function queueEmergencyAccess(tx: Tx, facts: FamilyFacts, emergencyId: string, at: Date): number {
	return queueNotification(tx, { kind: 'emergency-access', familyId: facts.record.id, itemId: emergencyId, recipients: coordinatorOf(facts), at });
}

/** A mapping invitation (P7): the invitee. */
export function queueInvitation(tx: Tx, familyId: string, invitationId: string, inviteeId: string, at: Date): number {
	return queueNotification(tx, { kind: 'invitation', familyId, itemId: invitationId, recipients: [{ kind: 'professional', id: inviteeId }], at });
}

/** A tag (T1): its recipient. */
export function queueTag(tx: Tx, familyId: string, tagId: string, recipientId: string, at: Date): number {
	return queueNotification(tx, { kind: 'tag', familyId, itemId: tagId, recipients: [{ kind: 'professional', id: recipientId }], at });
}

/**
 * The consultation team's answer: everyone who may read it (plan data about the child:
 * M1, M3, M5, M10, P3, P4), asked of the policy now; the author is not told of their own.
 */
export function queueConsultationAnswer(tx: Tx, facts: FamilyFacts, consultation: { id: string; subject: string }, authorId: string, at: Date): number {
	const readers = familyPrincipals(facts).filter(({ recipient, who }) =>
		!(recipient.kind === 'professional' && recipient.id === authorId)
		&& decide(facts, who, { type: 'read.category', category: 'plan', subject: consultation.subject }).allow);
	return queueNotification(tx, {
		kind: 'consultation-answer', familyId: facts.record.id, itemId: consultation.id, recipients: readers.map((r) => r.recipient), at
	});
}
