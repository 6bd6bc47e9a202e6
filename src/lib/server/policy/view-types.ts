/**
 * The shapes of a family's filtered view (view.ts builds them): the only shape in which
 * family data leaves the server, each item with the reasons it is shown.
 */
import type { FamilyFacts } from './facts';
import type { Standing, SubjectCategory } from './read';
import type { Category, FamilyRecord, InvitationRecord, Principal, RuleId } from './types';

export type Why = { rules: RuleId[]; consents: string[] };
export type ContactView = { id: string; name: string; title: string; organisation: string; organisationId: string; phone: string | null; email: string | null };

export type MemberView = {
	id: string; name: string; age: number; child: boolean; custodians: string[];
	language: string | null; interpreter: boolean;
	/** Professionals only: protected identity and the maturity the policy uses. */
	protectedIdentity?: boolean; mature?: boolean;
};
/** `membershipId`: the coordinator's handle for ending a membership (W5); nobody else gets it. */
export type TeamView = ContactView & { role: 'coordinator' | 'member'; from: string; until: string | null; membershipId?: number };
export type BasicView = { stage: FamilyRecord['stage']; path: FamilyRecord['path']; members: MemberView[]; team: TeamView[]; why: Why };
export type ConsultationView = {
	id: string; subject: string; created: string; answer: string | null; answered: string | null; why: Why;
	/** Only for readers of the child's assessments: the question and the team's structured notes. */
	notes?: { question: string; createdBy: string; situation: string | null; rootCauses: string | null; plan: string | null; answeredBy: string | null };
	/** The reader may record the team's notes and answer (W8). */
	canRecord: boolean;
};
export type TagView = {
	id: string; itemKind: string; itemId: string; from: string; to: { id: string; name: string }; note: string | null;
	created: string; handled: string | null; canHandle: boolean; why: Why;
};
export type MeetingView = {
	id: string; start: string; title: string | null;
	participants: { kind: 'member' | 'professional'; id: string; name: string }[];
	/** Where or how it is held, and the languages (tags) for which an interpreter is booked. */
	place: string | null; interpreterBooked: string[];
	/** Not yet begun, by the request's clock: preparation is asked before, feedback after. */
	upcoming: boolean; why: Why;
};
export type ServiceView = {
	id: string; subject: string; name: string; provider: string; providerName: string; unit?: string | null;
	status: string; start: string | null; end: string | null; contact: ContactView | null; why: Why;
};
export type GoalView = { id: string; subject: string | null; text: string; why: Why };
export type TaskView = {
	/** `goal`: the task's goal, only for a reader who may see that goal (M7 version 2: not to a blocked member); else null. */
	id: string; goal: string | null; subject: string | null; assignee: { kind: 'member' | 'professional'; id: string; name: string } | null;
	text: string; due: string | null; done: boolean; why: Why;
	/** The viewer may tick it done or not done (W2). */
	canTick: boolean;
	/** Not done and its due date has passed (the request's Helsinki date). */
	overdue: boolean;
};
export type AssessmentView = { id: string; subject: string | null; area: string; author: ContactView; text: string; created: string | null; why: Why };
export type VoiceView = {
	id: string; author: string; kind: string; text: string; shareWithFamily: boolean; shareWithTeam: boolean; created: string;
	meeting: string | null; feeling: string | null; answers: Record<string, string> | null; score: number | null; why: Why;
	consultation: string | null;
	/** The goal a view is about, only for a reader who may see that goal. */
	goal: string | null;
};
export type ConsentView = {
	id: string; decision: 'grant' | 'refuse'; grantor: string; subject: string | null;
	grantee: { professional: string } | { organisation: string }; granteeName: string;
	categories: string[]; from: string; until: string | null; revoked: string | null; why: Why;
	/** The viewer may revoke it (W4). */
	canRevoke: boolean;
	/** Family members: what the decision does today, in P4's terms (grants only). */
	state?: ConsentEffect;
};
/**
 * A grant's effect today: in force and effective; waiting for other entitled persons
 * (joint custody needs every custodian); outweighed by a refusal; or not in force.
 */
export type ConsentEffect = { kind: 'effective' } | { kind: 'waiting'; names: string[] } | { kind: 'refused' } | { kind: 'inactive'; why: ConsentInactive };
/**
 * Why a grant does nothing today, so the family reads it in words: it starts later, its
 * period ended, it was revoked, or its grantor no longer decides for the subject (P6).
 */
export type ConsentInactive = 'notYet' | 'ended' | 'revoked' | 'notEntitled';
export type BlockView = { id: string; member: string; scope: 'family' | { child: string }; reason: string; setBy: string; from: string; until: string | null; review: string; note: string | null; why: Why };
export type InvitationView = {
	id: string; from: ContactView; to: ContactView; text: string; created: string; answered: string | null; withdrawn: boolean; why: Why;
	answer: InvitationRecord['answer']; open: boolean; canAnswer: boolean; canWithdraw: boolean;
};
export type EmergencyView = { id: string; professional: ContactView; reason: string; opened: string; reviewedAt: string | null; why: Why; canReview: boolean };
/**
 * A signal for its sender and the coordinator (S1). `handled`: when and by whom the coordinator
 * marked it handled (the sender sees that someone acted); `canHandle`: the reader may mark it now.
 */
export type SafetySignalView = {
	id: string; member: string; word: string | null; created: string; why: Why;
	handled: { at: string; by: string | null } | null; canHandle: boolean;
};
/** What a guardian may see of a young person: her services, plan, meetings, what she shares with the family or only with the team. */
export type GuardianTopic = 'services' | 'plan' | 'meetings' | 'sharedVoice' | 'teamVoice';
/** One guardian (custodian, or a parent with an information right, M10) and what the policy lets them see of the young person today. */
export type GuardianSight = {
	id: string; name: string; relation: 'custodian' | 'informationRight';
	sees: GuardianTopic[];
	/** `hidden`: not seen because the young person hid it (M5). */
	notSees: { topic: GuardianTopic; hidden: boolean }[];
};
export type NotShared = { subject: string | null; category: SubjectCategory };

/**
 * One (subject, category) pair read or refused in a request, for the access log (L1);
 * a read of a thread's messages (G5) names the thread.
 */
export type LogRead = { subject: string | null; category: Category; allowed: boolean; rules: RuleId[]; consents: string[]; thread?: string };

/** Not an id (ids have no brackets): a professional whose name and id M6 keeps from the reader. */
export const UNNAMED_PROFESSIONAL = '(professional)';

/** A message as its thread's readers see it: a withdrawn one has no `text`. */
export type MessageView = { id: string; author: string; text?: string; sent: string; withdrawn: boolean; why: Why; canWithdraw: boolean };
/**
 * A thread the reader takes part in and may read (G1-G3). `participants` are member and
 * professional ids (FORMAT.md); `people` names them (and the authors) for the pages. To a
 * member with any block a professional other than the coordinator is UNNAMED_PROFESSIONAL,
 * with no name (M6), in `participants`, `people` and as a message's author.
 */
export type ThreadView = {
	id: string; participants: string[]; people: { kind: 'member' | 'professional'; id: string; name: string }[];
	messages: MessageView[]; why: Why; canReply: boolean;
	/** The coordinator may add a participant (after confirming the newcomer reads the whole thread). */
	canAdd: boolean;
	/** The newest message's time, for sorting the list (null: no message yet). */
	lastSent: string | null;
};

/** Who would see a new voice item of the viewer's today, by sharing choice (W1, V1-V3). */
/** `othersInTeam`: more of the team would read it than are named (M6: a blocked member is told the coordinator only). */
export type VoiceAudience = { family: string[]; team: string[]; othersInTeam: boolean };

export type FamilyView = {
	id: string;
	name: string;
	/** Family members only. */
	voiceAudience: VoiceAudience | null;
	/** Family members: whom they may grant or refuse consent for (P6); null = family-level items. */
	consentSubjects: (string | null)[];
	/** A mature young person: what they hide from their custodians (M5), which they may change; else null. */
	hiddenFromCustodians: string[] | null;
	/** The same young person only: what each of her guardians sees of her today, asked of the policy. */
	guardiansSee: GuardianSight[] | null;
	viewer: { kind: Principal['kind']; role?: 'coordinator' | 'member'; emergency?: boolean; invited?: boolean };
	/** M6: the neutral notice for a blocked member: only the coordinator's organisation. */
	notice: { organisation: string | null } | null;
	basic: BasicView | null;
	services: ServiceView[];
	goals: GoalView[];
	tasks: TaskView[];
	assessments: AssessmentView[];
	voice: VoiceView[];
	consents: ConsentView[];
	blocks: BlockView[];
	invitations: InvitationView[];
	emergencyAccesses: EmergencyView[];
	/** "I don't feel safe" signals: the sender's own and, for the coordinator, all (S1). */
	safetySignals: SafetySignalView[];
	/** How the family fared, as the coordinator recorded it: family-level assessment data (P3, P4, P8). */
	outcomes: { id: string; point: string; outcome: string; recorded: string; why: Why }[];
	/** Consultations: the team's notes for who may read the child's assessments, the answer for who may read their plan. */
	consultations: ConsultationView[];
	/** Tags the viewer sent, received or (coordinator) oversees, on items the viewer may see (T1). */
	tags: TagView[];
	/** Threads the viewer takes part in and may read, newest activity first (G1-G3). */
	threads: ThreadView[];
	/** Meetings, soonest first (basic data, M6 for blocked members). */
	meetings: MeetingView[];
	/** Professionals: which categories of which members are not shared with them (no contents). */
	notShared: NotShared[];
};

export type BuiltView = { view: FamilyView | null; reads: LogRead[]; facts: FamilyFacts; standing: Standing | null };
