/**
 * L2 with G5 and M6: who may read a family's access log, and what of each entry. The
 * access log (access-log.ts) stores and lists the entries; this decides what leaves.
 */
import { decide } from './decide';
import type { FamilyFacts } from './facts';
import type { Principal } from './types';
import type { LogRead } from './view-types';
import { helsinkiDayOf } from '../time';

/** An entry as stored: who read, when, with what outcome, which reads. */
export type StoredLogEntry = { professionalId: string; at: string; outcome: 'allowed' | 'denied'; reads: LogRead[] };

/** The family's members and its coordinator read its access log (L2); nobody else. */
export function readsAccessLog(facts: FamilyFacts, who: Principal): boolean {
	return who.kind === 'member' || isCoordinator(facts, who);
}

/**
 * What of one entry `who` sees, or null when nothing: the reads shown, and whether the
 * reader is named. Family members see only the reads about data they may see; denied
 * attempts only the coordinator sees. A member with any active block learns that his data
 * was read, when and what, but of the readers only the coordinator's name (M6): the
 * shelter's or the police's name is where a violent parent would look. The same for the
 * reads made while he was blocked, after the block has ended. Unnamed, a read keeps what
 * and whose, not why: a consent's id names its grantee ("c-jari-eveliina-shelter").
 */
export function visibleLogEntry(facts: FamilyFacts, who: Principal, entry: StoredLogEntry): { reads: LogRead[]; named: boolean } | null {
	const visible = isCoordinator(facts, who) ? entry.reads.filter((r) => seesThreadOfRead(facts, who, r))
		: who.kind !== 'member' || entry.outcome === 'denied' ? [] : entry.reads.filter((r) => r.allowed && memberSeesLogRead(facts, who, r));
	if (visible.length === 0) return null;
	const named = facts.namesProfessionalTo(who, entry.professionalId, helsinkiDayOf(entry.at));
	return { named, reads: named ? visible : visible.map(({ subject, category, allowed }) => ({ subject, category, allowed, rules: [], consents: [] })) };
}

function isCoordinator(facts: FamilyFacts, who: Principal): boolean {
	return who.kind === 'professional' && facts.teamRole(who.professionalId) === 'coordinator';
}

/**
 * G5: a read of a thread's messages is seen only by those who read the thread themselves:
 * its family participants and, like the thread, a coordinator who takes part in it (G1:
 * the entry's thread id would tell of a thread she is not in). Other reads pass.
 */
function seesThreadOfRead(facts: FamilyFacts, who: Principal, read: LogRead): boolean {
	if (read.category !== 'messages') return true;
	const thread = facts.record.threads.find((t) => t.id === read.thread);
	return thread !== undefined && decide(facts, who, { type: 'read.thread', thread }).allow;
}

/** L2 for one read: own data; a non-mature child's data for an unblocked custodian; family-level data for unblocked adults (the plan: for those who read it, M7 v2). */
function memberSeesLogRead(facts: FamilyFacts, me: Extract<Principal, { kind: 'member' }>, read: LogRead): boolean {
	if (read.category === 'messages') return seesThreadOfRead(facts, me, read);
	if (read.subject === me.memberId) return true;
	// S1: that the coordinator read a safety signal is seen by its sender only.
	if (read.category === 'safety') return false;
	if (read.subject === null) {
		if (!facts.isAdult(me.memberId) || facts.blockedForFamily(me.memberId)) return false;
		// M7 (version 2): who no longer reads the family-level plan is not told of its reads either.
		return read.category !== 'plan' || decide(facts, me, { type: 'read.category', category: 'plan', subject: null }).allow;
	}
	const child = read.subject;
	if (!facts.isCustodianOf(me.memberId, child) || facts.isMatureChild(child)) return false;
	if (facts.blockedForFamily(me.memberId) || facts.blockedForChild(me.memberId, child)) return false;
	return !(facts.member(child)?.hiddenFromCustodians as string[] | undefined)?.includes(read.category);
}
