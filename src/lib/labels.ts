/**
 * Display names of the domain's enumerations, in the reader's language. Each table is
 * typed by its value list (`domain.ts`): a value without a label does not compile.
 */
import { m } from '$lib/paraglide/messages';
import type {
	AssessmentArea, BlockReason, Feeling, LogCategory, MeetingQuestion, OrganisationKind, Outcome, OutcomePoint, ServiceStatus, Stage, VoiceKind
} from './domain';

type Labels<K extends string> = Record<K, () => string>;

const stages: Labels<Stage> = {
	referral: m.stage_referral, assessment: m.stage_assessment, plan: m.stage_plan, working: m.stage_working,
	review: m.stage_review, ended: m.stage_ended, 'follow-up': m.stage_follow_up
};
const statuses: Labels<ServiceStatus> = {
	planned: m.service_status_planned, active: m.service_status_active, ended: m.service_status_ended
};
const areas: Labels<AssessmentArea> = {
	'child-strengths': m.area_child_strengths, 'physical-health': m.area_physical_health, 'mental-health': m.area_mental_health,
	'social-skills': m.area_social_skills, development: m.area_development, 'parenting-strengths': m.area_parenting_strengths,
	care: m.area_care, safety: m.area_safety, 'supporting-the-child': m.area_supporting_the_child,
	'understanding-the-child': m.area_understanding_the_child, 'emotional-bond': m.area_emotional_bond,
	boundaries: m.area_boundaries, consistency: m.area_consistency, other: m.area_other
};
const categories: Labels<LogCategory> = {
	basic: m.category_basic, services: m.category_services, plan: m.category_plan, assessment: m.category_assessment, voice: m.category_voice, safety: m.category_safety, messages: m.messages_category
};
const reasons: Labels<BlockReason> = {
	'custody-dispute': m.reason_custody_dispute, violence: m.reason_violence, 'restraining-order': m.reason_restraining_order,
	abduction: m.reason_abduction, other: m.reason_other
};
const voiceKinds: Labels<VoiceKind> = {
	view: m.voice_kind_view, checkin: m.voice_kind_checkin, 'meeting-prep': m.voice_kind_meeting_prep, feedback: m.voice_kind_feedback
};
const feelings: Labels<Feeling> = {
	happy: m.feeling_happy, calm: m.feeling_calm, okay: m.feeling_okay, tired: m.feeling_tired,
	worried: m.feeling_worried, sad: m.feeling_sad, angry: m.feeling_angry, scared: m.feeling_scared
};
const questions: Labels<MeetingQuestion> = {
	howAreYou: m.q_how_are_you, helpWith: m.q_help_with, talkAbout: m.q_talk_about, whoShouldCome: m.q_who_should_come,
	howDidItFeel: m.q_how_did_it_feel, talkedAboutWhatYouWanted: m.q_talked_about_what_you_wanted
};
const outcomes: Labels<Outcome> = {
	better: m.outcome_better, unchanged: m.outcome_unchanged, worse: m.outcome_worse, placed: m.outcome_placed
};
const outcomePoints: Labels<OutcomePoint> = { end: m.outcome_point_end, '6m': m.outcome_point_6m, '12m': m.outcome_point_12m };
const organisationKinds: Labels<OrganisationKind> = {
	'child-welfare': m.org_kind_child_welfare, 'adult-social-work': m.org_kind_adult_social_work, health: m.org_kind_health,
	school: m.org_kind_school, ngo: m.org_kind_ngo, police: m.org_kind_police, other: m.org_kind_other
};

/** A label function that takes any string (views carry plain strings) and falls back to the key. */
const label = <K extends string>(table: Labels<K>) => (key: string) => (table as Record<string, () => string>)[key]?.() ?? key;

export const stageLabel = label(stages);
export const statusLabel = label(statuses);
export const areaLabel = label(areas);
export const categoryLabel = label(categories);
export const reasonLabel = label(reasons);
export const voiceKindLabel = label(voiceKinds);
export const feelingLabel = label(feelings);
export const questionLabel = label(questions);
export const outcomeLabel = label(outcomes);
export const outcomePointLabel = label(outcomePoints);
export const organisationKindLabel = label(organisationKinds);

/** D1: the rights two administrators give, and what the administration log records. */
export const rightLabel = label({ authority: m.admin_right_authority, manager: m.admin_right_manager });

const administrationActions: Record<string, (right: string) => string> = {
	propose: (right) => m.admin_log_propose({ right }), confirm: (right) => m.admin_log_confirm({ right }),
	reject: (right) => m.admin_log_reject({ right }), withdraw: (right) => m.admin_log_withdraw({ right }),
	revoke: (right) => m.admin_log_revoke({ right }), 'create-professional': () => m.admin_log_create_professional(),
	'reset-password': () => m.admin_log_reset_password(), deactivate: () => m.admin_log_deactivate(), activate: () => m.admin_log_activate(),
	'answer-feedback': () => m.a11y_log_answered(),
	'reset-factor': () => m.factor_admin_log_reset()
};

export function administrationActionLabel(action: string, right: string | null): string {
	return administrationActions[action]?.(right ? rightLabel(right) : '') ?? action;
}
