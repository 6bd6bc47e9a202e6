/**
 * Every value list of the domain, once (POLICY.md and FORMAT.md terms). The schema, the
 * policy, the scenario loader and the components import them from here, and the label
 * tables in `labels.ts` are typed by them: a new value without a label does not compile.
 */

export const ORGANISATION_KINDS = ['child-welfare', 'adult-social-work', 'health', 'school', 'ngo', 'police', 'other'] as const;
export const STAGES = ['referral', 'assessment', 'plan', 'working', 'review', 'ended', 'follow-up'] as const;
export const SERVICE_STATUSES = ['planned', 'active', 'ended'] as const;
export const ASSESSMENT_AREAS = [
	'child-strengths', 'physical-health', 'mental-health', 'social-skills', 'development',
	'parenting-strengths', 'care', 'safety', 'supporting-the-child', 'understanding-the-child',
	'emotional-bond', 'boundaries', 'consistency', 'other'
] as const;
export const VOICE_KINDS = ['view', 'checkin', 'meeting-prep', 'feedback'] as const;
/** The picture cards of a feelings check-in; each is drawn and named in the UI. */
export const FEELINGS = ['happy', 'calm', 'okay', 'tired', 'worried', 'sad', 'angry', 'scared'] as const;
/** The questions always asked before a meeting and after it (BRIEF.md, seed project). */
export const PREP_QUESTIONS = ['howAreYou', 'helpWith', 'talkAbout', 'whoShouldCome'] as const;
export const FEEDBACK_QUESTIONS = ['howDidItFeel', 'talkedAboutWhatYouWanted'] as const;
export const CONSENT_CATEGORIES = ['basic', 'services', 'plan', 'assessment'] as const;
export const HIDEABLE_CATEGORIES = ['services', 'plan'] as const;
/** What an access-log entry can be about: the data categories, the safety signals (S1) and a thread's messages (G5). */
export const LOG_CATEGORIES = [...CONSENT_CATEGORIES, 'voice', 'safety', 'messages'] as const;
export const BLOCK_REASONS = ['custody-dispute', 'violence', 'restraining-order', 'abduction', 'other'] as const;
export const TEAM_ROLES = ['coordinator', 'member'] as const;
/** The seed project's outcome measure, at the end of the work and 6 and 12 months after. */
export const OUTCOME_POINTS = ['end', '6m', '12m'] as const;
export const OUTCOMES = ['better', 'unchanged', 'worse', 'placed'] as const;
/** A mapping invitation's answers: green yes, yellow partly, red no. */
export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const;
/** What an invitee answers with a traffic light each: has information, shares the concern, is available. */
export const INVITATION_QUESTIONS = ['information', 'concern', 'available'] as const;
/** The kinds of item a tag (T1) can raise to a colleague. */
export const TAG_ITEM_KINDS = ['service', 'goal', 'task', 'assessment', 'voice', 'consultation'] as const;
export const ACCOUNT_KINDS = ['member', 'professional', 'administrator'] as const;
/**
 * Where a professional's read happened (L1): the family's summary page, the work list at
 * `/pro`, the family's JSON (`GET /api/v1/families/{id}`), the list of families (API),
 * the family's messages page, a calendar feed or `.ics`. N3 asks it: only some show a
 * safety signal or an emergency access.
 */
export const READ_SURFACES = ['family-page', 'work-list', 'family-api', 'family-list', 'messages', 'calendar'] as const;
/** The reads that show the coordinator a family's unopened safety signals and emergency accesses (N3 "opened"). */
export const SURFACES_SHOWING_ALERTS = ['family-page', 'work-list', 'family-api'] as const satisfies readonly (typeof READ_SURFACES)[number][];

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export type Stage = (typeof STAGES)[number];
export type ReadSurface = (typeof READ_SURFACES)[number];
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export type AssessmentArea = (typeof ASSESSMENT_AREAS)[number];
export type VoiceKind = (typeof VOICE_KINDS)[number];
export type Feeling = (typeof FEELINGS)[number];
export type MeetingQuestion = (typeof PREP_QUESTIONS)[number] | (typeof FEEDBACK_QUESTIONS)[number];
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];
export type HideableCategory = (typeof HIDEABLE_CATEGORIES)[number];
export type LogCategory = (typeof LOG_CATEGORIES)[number];
export type BlockReason = (typeof BLOCK_REASONS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomePoint = (typeof OUTCOME_POINTS)[number];
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export type TagItemKind = (typeof TAG_ITEM_KINDS)[number];
/** When the family entered (or is planned to enter) a stage of the service path. */
export type PathStep = { stage: Stage; from: string };
/** Answers to the meeting questions, by question key; only the questions answered. */
export type MeetingAnswers = Partial<Record<MeetingQuestion, string>>;
/** The longest message in a thread (G1-G5), in characters. */
export const MESSAGE_MAX_LENGTH = 4000;
/** Who takes part in a thread: a member or a professional, by id. */
export type PersonRef = { kind: 'member' | 'professional'; id: string };
