/**
 * What a form action answered, in the reader's words: the "done" sentence of the
 * action, or the error with each field's message, and the failed form's state.
 */
import { m } from '$lib/paraglide/messages';
import type { Failed } from '$lib/form-state';

const DONE: Record<string, () => string> = {
	tickTask: m.action_done_tickTask, createVoice: m.action_done_createVoice, checkIn: m.action_done_checkIn,
	answerMeeting: m.action_done_answerMeeting, answerInvitation: m.action_done_answerInvitation, sendSafetySignal: m.action_done_sendSafetySignal,
	decideConsent: m.action_done_decideConsent, recordConsent: m.action_done_decideConsent, setHidden: m.action_done_setHidden,
	revokeConsent: m.action_done_revokeConsent, updateVoice: m.action_done_updateVoice, deleteVoice: m.action_done_deleteVoice,
	reviewEmergency: m.action_done_reviewEmergency, createGoal: m.action_done_saved, createTask: m.action_done_saved,
	addAssessment: m.action_done_saved, addService: m.action_done_saved, endService: m.action_done_saved,
	moveServicePath: m.action_done_saved, recordOutcome: m.action_done_saved, askConsultation: m.action_done_askConsultation,
	openConsultation: m.action_done_saved, recordConsultation: m.action_done_saved, addTag: m.action_done_addTag, scheduleMeeting: m.action_done_scheduleMeeting, recordMeetingDetails: m.meeting_details_done, handleTag: m.action_done_saved, setBlock: m.action_done_saved, changeBlock: m.action_done_saved, liftBlock: m.action_done_saved,
	addTeamMember: m.action_done_saved, endTeamMembership: m.action_done_saved, setMature: m.action_done_saved,
	setInformationRight: m.action_done_saved, inviteProfessional: m.action_done_inviteProfessional, withdrawInvitation: m.action_done_saved,
	changePassword: m.action_done_changePassword, createOrganisation: m.action_done_createOrganisation,
	createProfessional: m.action_done_createProfessional, resetPassword: m.action_done_resetPassword,
	deactivate: m.action_done_deactivate, activate: m.action_done_activate,
	welcome: m.action_done_welcome, startFamily: m.action_done_startFamily, addMember: m.action_done_addMember,
	proposeRight: m.action_done_proposeRight, confirmRight: m.action_done_confirmRight, rejectRight: m.action_done_rejectRight,
	withdrawRight: m.action_done_withdrawRight, revokeRight: m.action_done_revokeRight,
	startThread: m.messages_done_sent, replyInThread: m.messages_done_sent, withdrawMessage: m.messages_done_withdrawn, addThreadParticipant: m.messages_done_added,
	resetFactor: m.factor_admin_reset_done
};
const ERRORS: Record<string, () => string> = {
	forbidden: m.action_error_forbidden, 'not-found': m.action_error_not_found, invalid: m.action_error_invalid,
	'own-proposal': m.action_error_own_proposal, 'not-proposer': m.action_error_not_proposer, expired: m.action_error_expired, closed: m.action_error_closed
};
const FIELDS: Record<string, () => string> = {
	required: m.field_required, 'too-long': m.field_too_long, 'after-from': m.field_after_from, date: m.field_date,
	'answer-something': m.field_answer_something, 'feeling-required': m.field_feeling_required,
	'meeting-ahead': m.field_meeting_ahead, 'meeting-past': m.field_meeting_past, 'one-coordinator': m.field_one_coordinator,
	unknown: m.field_unknown, 'family-unknown': m.field_family_unknown, 'family-ambiguous': m.field_family_ambiguous,
	'reason-short': m.field_reason_short, 'already-on-team': m.field_already_on_team,
	'password-short': m.field_password_short, 'password-mismatch': m.field_password_mismatch, 'password-same': m.field_password_same,
	'password-wrong': m.field_password_wrong, username: m.field_username, taken: m.field_taken,
	'name-characters': m.field_name_characters, 'name-letters': m.field_name_letters, 'username-scripts': m.field_username_scripts,
	'code-invalid': m.field_code_invalid, 'has-sign-in': m.field_has_sign_in, future: m.field_future, language: m.field_language, time: m.field_time,
	'right-held': m.field_right_held, 'right-proposed': m.field_right_proposed, 'right-not-held': m.field_right_not_held, 'right-needs-two': m.field_right_needs_two,
	participant: m.messages_field_participant, confirm: m.messages_field_confirm
};

type Answer = { done?: string; action?: string; error?: string; issues?: Record<string, string>; values?: Record<string, unknown> } | null;

export function fieldError(code: string | undefined): string | undefined {
	return code ? (FIELDS[code] ?? m.action_error_invalid)() : undefined;
}

/** `form`: what a failed action answered; `done`: the action a successful one redirected with. */
export function actionOutcome(form: unknown, done: string | null = null): { done?: string; error?: string; failed: Failed } {
	const answer = (form ?? null) as Answer;
	const succeeded = answer ? answer.done : done;
	return {
		done: succeeded && !answer?.error ? (DONE[succeeded] ?? m.action_done_saved)() : undefined,
		error: answer?.error ? (ERRORS[answer.error] ?? m.action_error_invalid)() : undefined,
		failed: answer?.error ? answer : null
	};
}
