/**
 * N2 (POLICY.md version 2): a notification about an item goes only to a person who may
 * see that item at the moment it is sent, decided by the same read rules as a page.
 * Asked by the notification worker just before sending; a deny drops the notification.
 */
import { SAFETY_KINDS, type NotificationKind } from '../notifications/types';
import type { FamilyFacts } from './facts';
import { allow, deny, type Decision } from './types';
import type { ReadAction } from './decide';

/**
 * N3: whether a notification reaches its recipient whatever their settings say: a safety
 * signal or an emergency access to the coordinator ignores an empty channel choice and
 * quiet hours. Asked when choosing channels (queue.ts) and when sending (worker.ts).
 */
export function overridesSettings(kind: NotificationKind, recipientKind: 'member' | 'professional' | 'on-duty'): boolean {
	return recipientKind === 'professional' && SAFETY_KINDS.includes(kind);
}

/** The read that stands behind a notification of this kind about this item, or null when there is none. */
export function readBehind(facts: FamilyFacts, kind: NotificationKind, itemId: string): ReadAction | null {
	const r = facts.record;
	const find = <T extends { id: string }>(list: T[]) => list.find((x) => x.id === itemId);
	switch (kind) {
		case 'safety-signal': {
			const signal = find(r.safetySignals);
			return signal ? { type: 'read.safetySignal', signal } : null;
		}
		case 'emergency-access': {
			const emergency = find(r.emergencyAccesses);
			return emergency ? { type: 'read.emergency', emergency } : null;
		}
		case 'invitation': {
			const invitation = find(r.invitations);
			return invitation ? { type: 'read.invitation', invitation } : null;
		}
		case 'tag': {
			const tag = find(r.tags);
			return tag ? { type: 'read.tag', tag } : null;
		}
		case 'consultation-answer': {
			const consultation = find(r.consultations);
			return consultation?.answer ? { type: 'read.consultationAnswer', consultation } : null;
		}
		case 'task-due':
		case 'task-overdue': {
			const task = find(r.tasks);
			return task ? { type: 'read.task', task } : null;
		}
		case 'meeting-tomorrow': {
			const meeting = find(r.meetings);
			return meeting ? { type: 'read.meeting', meeting } : null;
		}
		case 'message': {
			// G1-G3: the thread's own read; a thread the person is not in, or no longer may read, is never announced.
			const thread = find(r.threads);
			return thread ? { type: 'read.thread', thread } : null;
		}
		default: {
			const unknown: never = kind;
			return unknown;
		}
	}
}

/**
 * N2: allowed with the rules of the read behind it, or denied (a missing item, or a read
 * the policy refuses: M3-M6, M9, S1, P1, P8 ...).
 */
export function notifiesItem(facts: FamilyFacts, kind: NotificationKind, itemId: string, decideRead: (action: ReadAction) => Decision): Decision {
	const read = readBehind(facts, kind, itemId);
	if (!read) return deny('N2');
	const decision = decideRead(read);
	return decision.allow ? allow(['N2', ...decision.rules], decision.consents) : deny('N2', ...decision.rules);
}
