/**
 * Decisions about a principal alone, before any family exists: no family facts are needed.
 * `decide(null, who, action)` answers them.
 */
import type { OrganisationKind } from '../../domain';
import { unhandled } from './preamble';
import { allow, deny, type Decision, type Principal } from './types';

export type PrincipalAction = { type: 'family.start'; organisationKind: OrganisationKind | null };

export function decidesPrincipal(who: Principal, action: PrincipalAction): Decision {
	switch (action.type) {
		case 'family.start':
			// Child welfare holds the statutory client relationship (P3): its professionals start families.
			if (who.kind === 'administrator') return deny('A1');
			return who.kind === 'professional' && action.organisationKind === 'child-welfare' ? allow(['P3']) : deny('P3');
		default:
			return unhandled(action.type);
	}
}
