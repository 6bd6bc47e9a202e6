/**
 * What every decision starts with, written once: administrators see no family data (A1)
 * and a member decides only in their own family (M8). And the end of every `switch` over
 * actions: a case left out is a type error, and at run time it is denied.
 */
import type { FamilyFacts } from './facts';
import { deny, type Decision, type Principal } from './types';

/** The denial for someone outside the family (A1, M8), or null for whom the rules decide. */
export function outsider(facts: FamilyFacts, who: Principal): Decision | null {
	if (who.kind === 'administrator') return deny('A1');
	if (who.kind === 'member' && !facts.member(who.memberId)) return deny('M8');
	return null;
}

/** The same preamble before a family is loaded: whether the principal may reach it at all (A1, M8). */
export function reachesFamily(who: Principal, familyId: string): boolean {
	if (who.kind === 'administrator') return false;
	return who.kind !== 'member' || who.familyId === familyId;
}

/** The `default` of an exhaustive switch: `never` at compile time, denied at run time (an unknown action). */
export function unhandled(action: never): Decision {
	void action;
	return deny();
}
