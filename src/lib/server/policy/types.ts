/**
 * The policy layer's vocabulary: one family's raw record (never sent to a client as is),
 * the principal asking, and the decisions with the POLICY.md rule ids behind them.
 */
import type { ConsentCategory, Feeling, HideableCategory, LogCategory, MeetingAnswers, PathStep, PersonRef, Stage } from '../../domain';

export type { PersonRef };

export type MemberRecord = {
	id: string;
	name: string;
	birthDate: string;
	language: string | null;
	interpreter: boolean;
	protectedIdentity: boolean;
	mature: boolean | null;
	hiddenFromCustodians: HideableCategory[];
	/** Custodian member ids as recorded; they count only while the member is under 18. */
	custodians: string[];
	informationRights: { child: string; categories: HideableCategory[] }[];
};

export type ProfessionalRecord = {
	id: string;
	name: string;
	title: string;
	phone: string | null;
	email: string | null;
	organisationId: string;
	organisationName: string;
	authority: boolean;
};

export type TeamRecord = { id: number; professional: ProfessionalRecord; role: 'coordinator' | 'member'; from: string; until: string | null };
export type ServiceRecord = {
	id: string; subject: string; name: string; providerId: string; providerName: string; unit: string | null;
	status: 'planned' | 'active' | 'ended'; start: string | null; end: string | null; contact: ProfessionalRecord | null;
};
export type GoalRecord = { id: string; subject: string | null; text: string };
export type TaskRecord = {
	id: string; goal: string; assigneeMember: string | null; assigneeProfessional: ProfessionalRecord | null;
	text: string; due: string | null; done: boolean;
};
export type AssessmentRecord = { id: string; subject: string | null; area: string; author: ProfessionalRecord; text: string; created: string | null };
export type VoiceRecord = {
	id: string; author: string; kind: 'view' | 'checkin' | 'meeting-prep' | 'feedback'; text: string;
	shareWithFamily: boolean; shareWithTeam: boolean; created: string;
	meeting: string | null; goal: string | null; consultation: string | null; feeling: Feeling | null; answers: MeetingAnswers | null; score: number | null;
};
/** A meeting: family-level basic data; participants are member and professional ids. */
export type MeetingRecord = {
	id: string; start: string; title: string | null; members: string[]; professionals: ProfessionalRecord[];
	/** Where or how it is held; the languages for which an interpreter is booked. */
	place: string | null; interpreterBooked: string[];
};
export type ConsentRecord = {
	id: string; decision: 'grant' | 'refuse'; grantor: string; subject: string | null;
	granteeProfessional: string | null; granteeOrganisation: string | null; granteeName: string;
	categories: ConsentCategory[]; from: string; until: string | null; revoked: string | null; recordedBy: string | null;
};
export type BlockRecord = {
	id: string; member: string; child: string | null; reason: string; setBy: string;
	from: string; until: string | null; review: string; note: string | null;
};
export type TrafficLight = 'green' | 'yellow' | 'red';
export type InvitationAnswer = { information: TrafficLight; concern: TrafficLight; available: TrafficLight; note: string | null };
export type InvitationRecord = {
	id: string; from: ProfessionalRecord; to: ProfessionalRecord; text: string; created: string;
	answered: string | null; withdrawn: boolean; answer: InvitationAnswer | null;
};
export type EmergencyRecord = { id: string; professional: ProfessionalRecord; reason: string; opened: string; reviewedAt: string | null; reviewedBy: string | null };
/** How the family fared (end, 6 and 12 months): family-level `assessment` data. */
export type OutcomeRecord = { id: string; point: 'end' | '6m' | '12m'; outcome: 'better' | 'unchanged' | 'worse' | 'placed'; recorded: string; recordedBy: string };
/** A consultation: the team's notes are `assessment` data about the child, its answer `plan` data. */
export type ConsultationRecord = {
	id: string; subject: string; createdBy: ProfessionalRecord; created: string; question: string;
	situation: string | null; rootCauses: string | null; plan: string | null; answer: string | null; answeredBy: ProfessionalRecord | null; answered: string | null;
};
/** A tag raises an item to a named team professional (T1). */
export type TagRecord = {
	id: string; itemKind: 'service' | 'goal' | 'task' | 'assessment' | 'voice' | 'consultation'; itemId: string;
	from: ProfessionalRecord; to: ProfessionalRecord; note: string | null; created: string; handled: string | null;
};
/** "I don't feel safe" (W7, S1); `handledAt`/`handledBy`: the coordinator marked it handled. */
export type SafetySignalRecord = { id: string; member: string; word: string | null; created: string; handledAt: string | null; handledBy: ProfessionalRecord | null };

/** A message of a thread; `withdrawnAt`: its author withdrew it (shown as withdrawn to everyone). */
export type MessageRecord = { id: string; author: PersonRef; text: string; sent: string; withdrawnAt: string | null };
/** A conversation inside the family (G1-G5): members and professionals by id, messages oldest first. */
export type ThreadRecord = {
	id: string; created: string; startedBy: PersonRef | null;
	members: string[]; professionals: ProfessionalRecord[]; messages: MessageRecord[];
};

/** Everything stored about one family. Only the policy layer reads this. */
export type FamilyRecord = {
	id: string;
	name: string;
	stage: Stage;
	path: PathStep[];
	members: MemberRecord[];
	team: TeamRecord[];
	services: ServiceRecord[];
	goals: GoalRecord[];
	tasks: TaskRecord[];
	assessments: AssessmentRecord[];
	voice: VoiceRecord[];
	consents: ConsentRecord[];
	blocks: BlockRecord[];
	invitations: InvitationRecord[];
	emergencyAccesses: EmergencyRecord[];
	safetySignals: SafetySignalRecord[];
	meetings: MeetingRecord[];
	outcomes: OutcomeRecord[];
	consultations: ConsultationRecord[];
	tags: TagRecord[];
	threads: ThreadRecord[];
};

export type Principal =
	| { kind: 'member'; memberId: string; familyId: string; name: string }
	| { kind: 'professional'; professionalId: string; organisationId: string; authority: boolean; name: string; manager?: boolean }
	| { kind: 'administrator'; administratorId: string; name: string };

export type ProfessionalPrincipal = Extract<Principal, { kind: 'professional' }>;
export type MemberPrincipal = Extract<Principal, { kind: 'member' }>;

/**
 * Rule ids of POLICY.md. W1-W6 number the bullets of its "Writes (version 1)" section
 * in order: W1 voice, W2 task ticking, W3 goals and tasks, W4 consents, W5 blocks, team,
 * maturity and information rights, W6 hiddenFromCustodians. S1 and W7 are the
 * portal's own addition (not in POLICY.md version 1): a safety signal is read only by
 * its sender and the family's coordinator (S1); any member may send one (W7). So are W8,
 * assessment notes written by the coordinator or a team member who may read the
 * subject's assessments, and W9, services and the service path kept by the coordinator.
 * O1: a manager counts a family in the outcome figures (numbers only, never a name or
 * an item) when a professional of the manager's organisation coordinated it in the period.
 * T1: a tag is seen by its sender, its recipient and the coordinator, each only while
 * they may see the tagged item itself; it is made between active team members who both may.
 * F1: accessibility feedback (Act 306/2019) is sent by anyone, signed in or not; only
 * administrators read it and mark it answered. It holds no family data (A1 still holds).
 * G1-G5: POLICY.md version 2, messages (policy/threads.ts).
 * K1 (POLICY.md version 2): a meeting's calendar entry (.ics, calendar feed) goes to a
 * person who may see the meeting, decided at the moment it is read.
 */
export type RuleId =
	| 'M0' | 'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7' | 'M8' | 'M9' | 'M10'
	| 'P1' | 'P2' | 'P3' | 'P4' | 'P5' | 'P6' | 'P7' | 'P8' | 'P9'
	| 'C1' | 'B1' | 'L1' | 'L2' | 'A1'
	| 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'S1' | 'W7' | 'W8' | 'W9' | 'O1' | 'T1' | 'F1'
	| 'G1' | 'G2' | 'G3' | 'G4' | 'G5'
	// POLICY.md version 2: notifications (N2 is decided by `notify.item`).
	| 'N1' | 'N2' | 'N3'

	| 'K1';

/** Why something was allowed: the rules, and for P4/P7 the consents in force. */
export type Allow = { allow: true; rules: RuleId[]; consents: string[] };
/** Why something was denied: `rules` names the rules that took it away, empty when no rule allowed it (deny by default). */
export type Deny = { allow: false; rules: RuleId[] };
export type Decision = Allow | Deny;

export const deny = (...rules: RuleId[]): Deny => ({ allow: false, rules });
export const allow = (rules: RuleId[], consents: string[] = []): Allow => ({ allow: true, rules, consents });

/** Categories of the item table in POLICY.md. */
/** What a read or a log entry is about (`domain.ts`). */
export type Category = LogCategory;

/** The clock of one request: the Helsinki date for periods and ages, the instant for the 24-hour window. */
export type Clock = { today: string; now: Date };
