/**
 * T1 tags: a team professional raises an item to a colleague on the team. Who may read,
 * create and handle a tag; each asks whether the people involved may see the tagged item,
 * which `decide` answers (passed in as `readsItem`, so that this file needs no cycle).
 */
import type { FamilyFacts } from './facts';
import { standingFor } from './read';
import { allow, deny, type Decision, type Principal, type TagRecord } from './types';

/** The read decision of a tagged item for a principal (a missing item is denied). */
export type ReadsItem = (who: Principal, kind: TagRecord['itemKind'], itemId: string) => Decision;

/** T1: the sender, the recipient and the coordinator, each only while they may see the item. */
export function readsTag(facts: FamilyFacts, who: Principal, tag: TagRecord, readsItem: ReadsItem): Decision {
	const standing = standingFor(facts, who);
	if (who.kind !== 'professional' || !standing?.role) return deny('T1');
	const party = tag.from.id === who.professionalId || tag.to.id === who.professionalId || standing.role === 'coordinator';
	if (!party) return deny('T1');
	const item = readsItem(who, tag.itemKind, tag.itemId);
	return item.allow ? allow(['T1', ...item.rules], item.consents) : deny('T1', ...item.rules);
}

/** T1: between active team members who both may see the item. */
export function createsTag(facts: FamilyFacts, who: Principal, kind: TagRecord['itemKind'], itemId: string, to: string, readsItem: ReadsItem): Decision {
	const standing = standingFor(facts, who);
	if (who.kind !== 'professional' || !standing?.role) return deny('T1');
	const recipient = facts.activeTeam.find((t) => t.professional.id === to)?.professional;
	if (!recipient || recipient.id === who.professionalId) return deny('T1');
	const asRecipient: Principal = { kind: 'professional', professionalId: recipient.id, organisationId: recipient.organisationId, authority: recipient.authority, name: recipient.name };
	const mine = readsItem(who, kind, itemId);
	const theirs = readsItem(asRecipient, kind, itemId);
	return mine.allow && theirs.allow ? allow(['T1', ...mine.rules], mine.consents) : deny('T1');
}

/** T1: the recipient or the coordinator marks an unhandled tag handled. */
export function handlesTag(facts: FamilyFacts, who: Principal, tag: TagRecord): Decision {
	if (who.kind !== 'professional' || tag.handled !== null) return deny('T1');
	return tag.to.id === who.professionalId || standingFor(facts, who)?.role === 'coordinator' ? allow(['T1']) : deny('T1');
}
