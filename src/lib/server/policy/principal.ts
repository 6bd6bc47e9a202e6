/**
 * Decisions about a principal alone, before any family exists: no family facts are needed.
 * `decide(null, who, action)` answers them.
 */
import type { OrganisationKind } from '../../domain';
import { unhandled } from './preamble';
import { allow, deny, type Decision, type Principal } from './types';

export type PrincipalAction =
	| { type: 'family.start'; organisationKind: OrganisationKind | null }
	| { type: 'accessibilityFeedback.read' }
	| { type: 'accessibilityFeedback.answer' };

const PRINCIPAL_ACTIONS: Record<PrincipalAction['type'], true> = {
	'family.start': true, 'accessibilityFeedback.read': true, 'accessibilityFeedback.answer': true
};

/** Whether an action is decided about the principal alone (no family facts). */
export function isPrincipalAction(action: { type: string }): action is PrincipalAction {
	return Object.hasOwn(PRINCIPAL_ACTIONS, action.type);
}

export function decidesPrincipal(who: Principal, action: PrincipalAction): Decision {
	switch (action.type) {
		case 'family.start':
			// Child welfare holds the statutory client relationship (P3): its professionals start families.
			if (who.kind === 'administrator') return deny('A1');
			return who.kind === 'professional' && action.organisationKind === 'child-welfare' ? allow(['P3']) : deny('P3');
		case 'accessibilityFeedback.read':
		case 'accessibilityFeedback.answer':
			// F1: the administrators run the feedback channel; the messages name no family, but
			// they may describe a sender's situation, so professionals and members do not read them.
			return who.kind === 'administrator' ? allow(['F1']) : deny('F1');
		default:
			return unhandled(action);
	}
}
