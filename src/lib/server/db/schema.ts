/**
 * The portal's whole domain as one Drizzle schema (POLICY.md terms, FORMAT.md fields).
 *
 * Primary keys of scenario entities are the scenario's own string ids (FORMAT.md: the
 * portal keeps them as external ids). Dates are `YYYY-MM-DD` text (Europe/Helsinki
 * calendar days), periods are `[from, until)` with `until` null for open, timestamps
 * are ISO 8601 text. No national identity numbers, no addresses.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';

// The value lists live in one module shared with the policy, the loader and the components.
import {
	ACCOUNT_KINDS, ASSESSMENT_AREAS, BLOCK_REASONS, CONSENT_CATEGORIES, FEELINGS, ORGANISATION_KINDS, OUTCOME_POINTS,
	OUTCOMES, READ_SURFACES, SERVICE_STATUSES, STAGES, TAG_ITEM_KINDS, TEAM_ROLES, TRAFFIC_LIGHTS, VOICE_KINDS, type ConsentCategory, type HideableCategory, type MeetingAnswers, type PathStep
} from '../../domain';
import {
	CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_STATUSES, RECIPIENT_KINDS, type NotifySettings, type OnDuty
} from '../notifications/types';
export * from '../../domain';

export const organisations = sqliteTable('organisations', {
	id: text().primaryKey(),
	name: text().notNull(),
	kind: text({ enum: ORGANISATION_KINDS }).notNull(),
	/** Where unopened safety signals and emergency accesses go (POLICY.md N3); null: nowhere. */
	onDuty: text({ mode: 'json' }).$type<OnDuty>()
});

export const professionals = sqliteTable('professionals', {
	id: text().primaryKey(),
	name: text().notNull(),
	organisationId: text().notNull().references(() => organisations.id),
	title: text().notNull().default(''),
	phone: text(),
	email: text(),
	authority: integer({ mode: 'boolean' }).notNull().default(false),
	/** A manager sees the outcome figures of their organisation's families, never a name. */
	manager: integer({ mode: 'boolean' }).notNull().default(false),
	/** The professional's notification choice (N3); null: e-mail when an address exists, no quiet hours. */
	notify: text({ mode: 'json' }).$type<NotifySettings>()
}, (t) => [index('professionals_organisation_idx').on(t.organisationId)]);

export const administrators = sqliteTable('administrators', {
	id: text().primaryKey(),
	name: text().notNull()
});

export const families = sqliteTable('families', {
	id: text().primaryKey(),
	name: text().notNull(),
	stage: text({ enum: STAGES }).notNull(),
	/** The dates of the service path's stages, past and planned (basic data). */
	path: text({ mode: 'json' }).$type<PathStep[]>().notNull().default([])
});

export const members = sqliteTable('members', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	name: text().notNull(),
	birthDate: text().notNull(),
	language: text(),
	interpreter: integer({ mode: 'boolean' }).notNull().default(false),
	protectedIdentity: integer({ mode: 'boolean' }).notNull().default(false),
	/** The coordinator's maturity judgement: null = none, false does not lower the age rule. */
	mature: integer({ mode: 'boolean' }),
	hiddenFromCustodians: text({ mode: 'json' }).$type<HideableCategory[]>().notNull().default([]),
	/** Where notifications go (N1-N3); never part of the family's record or view. */
	email: text(),
	/** E.164, e.g. +358401234567. */
	phone: text(),
	/** The member's notification choice (N3); null: e-mail when an address exists, no quiet hours. */
	notify: text({ mode: 'json' }).$type<NotifySettings>()
}, (t) => [index('members_family_idx').on(t.familyId)]);

export const custody = sqliteTable('custody', {
	childId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	custodianId: text().notNull().references(() => members.id, { onDelete: 'cascade' })
}, (t) => [primaryKey({ columns: [t.childId, t.custodianId] })]);

export const informationRights = sqliteTable('information_rights', {
	adultId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	childId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	categories: text({ mode: 'json' }).$type<HideableCategory[]>().notNull()
}, (t) => [primaryKey({ columns: [t.adultId, t.childId] })]);

export const teamMemberships = sqliteTable('team_memberships', {
	id: integer().primaryKey({ autoIncrement: true }),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	professionalId: text().notNull().references(() => professionals.id),
	role: text({ enum: TEAM_ROLES }).notNull(),
	from: text().notNull(),
	until: text()
}, (t) => [
	index('team_family_idx').on(t.familyId),
	index('team_professional_idx').on(t.professionalId)
]);

export const services = sqliteTable('services', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	subjectId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	name: text().notNull(),
	providerId: text().notNull().references(() => organisations.id),
	unit: text(),
	status: text({ enum: SERVICE_STATUSES }).notNull(),
	start: text(),
	end: text(),
	contactId: text().references(() => professionals.id)
}, (t) => [index('services_family_idx').on(t.familyId)]);

export const goals = sqliteTable('goals', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	subjectId: text().references(() => members.id, { onDelete: 'cascade' }),
	text: text().notNull()
}, (t) => [index('goals_family_idx').on(t.familyId)]);

export const tasks = sqliteTable('tasks', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	goalId: text().notNull().references(() => goals.id, { onDelete: 'cascade' }),
	assigneeMemberId: text().references(() => members.id, { onDelete: 'set null' }),
	assigneeProfessionalId: text().references(() => professionals.id),
	text: text().notNull(),
	due: text(),
	done: integer({ mode: 'boolean' }).notNull().default(false)
}, (t) => [index('tasks_family_idx').on(t.familyId)]);

export const assessments = sqliteTable('assessments', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	subjectId: text().references(() => members.id, { onDelete: 'cascade' }),
	area: text({ enum: ASSESSMENT_AREAS }).notNull(),
	authorId: text().notNull().references(() => professionals.id),
	text: text().notNull(),
	created: text()
}, (t) => [index('assessments_family_idx').on(t.familyId)]);

export const voiceItems = sqliteTable('voice_items', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	authorId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	kind: text({ enum: VOICE_KINDS }).notNull(),
	text: text().notNull(),
	shareWithFamily: integer({ mode: 'boolean' }).notNull().default(false),
	shareWithTeam: integer({ mode: 'boolean' }).notNull().default(false),
	created: text().notNull(),
	/** Meeting preparation and feedback: the meeting they are about. */
	meetingId: text().references(() => meetings.id, { onDelete: 'set null' }),
	/** A view of one goal of the plan rather than of the whole situation. */
	goalId: text().references(() => goals.id, { onDelete: 'set null' }),
	/** A question or view the author sends to a consultation team. */
	consultationId: text().references(() => consultations.id, { onDelete: 'set null' }),
	/** A check-in's picture card. */
	feeling: text({ enum: FEELINGS }),
	/** Meeting preparation or feedback answers by question. */
	answers: text({ mode: 'json' }).$type<MeetingAnswers>(),
	/** Feedback: how likely the author would recommend the service, 0-10 (NPS). */
	score: integer()
}, (t) => [index('voice_family_idx').on(t.familyId)]);

/**
 * A meeting of the family and its team: family-level basic data (when, who comes).
 * Participants are member and professional ids.
 */
export const meetings = sqliteTable('meetings', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	start: text().notNull(),
	title: text(),
	memberIds: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
	professionalIds: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
	/** Where or how the meeting is held ("Itäkeskus family centre, room 3", "video call"). */
	place: text(),
	/** Languages (tags such as "ar") for which an interpreter is booked. */
	interpreterBooked: text({ mode: 'json' }).$type<string[]>().notNull().default([])
}, (t) => [index('meetings_family_idx').on(t.familyId)]);

export const consents = sqliteTable('consents', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	decision: text({ enum: ['grant', 'refuse'] }).notNull(),
	grantorId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	/** null: family-level items. */
	subjectId: text().references(() => members.id, { onDelete: 'cascade' }),
	granteeProfessionalId: text().references(() => professionals.id),
	granteeOrganisationId: text().references(() => organisations.id),
	categories: text({ mode: 'json' }).$type<ConsentCategory[]>().notNull(),
	from: text().notNull(),
	until: text(),
	revoked: text(),
	/** A professional who recorded a decision given on paper (P6); the grantor is still the member. */
	recordedBy: text().references(() => professionals.id)
}, (t) => [index('consents_family_idx').on(t.familyId)]);

export const blocks = sqliteTable('blocks', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	memberId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	/** null: family scope; otherwise the child the block is about. */
	childId: text().references(() => members.id, { onDelete: 'cascade' }),
	reason: text({ enum: BLOCK_REASONS }).notNull(),
	setBy: text().notNull().references(() => professionals.id),
	from: text().notNull(),
	until: text(),
	review: text().notNull(),
	note: text()
}, (t) => [index('blocks_family_idx').on(t.familyId)]);

export const invitations = sqliteTable('invitations', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	fromId: text().notNull().references(() => professionals.id),
	toId: text().notNull().references(() => professionals.id),
	text: text().notNull(),
	created: text().notNull(),
	answered: text(),
	withdrawn: integer({ mode: 'boolean' }).notNull().default(false),
	/** The invitee's answer (P7): three traffic lights and a note. */
	lightInformation: text({ enum: TRAFFIC_LIGHTS }),
	lightConcern: text({ enum: TRAFFIC_LIGHTS }),
	lightAvailable: text({ enum: TRAFFIC_LIGHTS }),
	answerNote: text()
}, (t) => [
	index('invitations_family_idx').on(t.familyId),
	index('invitations_to_idx').on(t.toId)
]);

export const emergencyAccesses = sqliteTable('emergency_accesses', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	professionalId: text().notNull().references(() => professionals.id),
	reason: text().notNull(),
	opened: text().notNull(),
	/** The coordinator's review (P8: flagged for review until then). */
	reviewedAt: text(),
	reviewedBy: text().references(() => professionals.id)
}, (t) => [
	index('emergency_family_idx').on(t.familyId),
	index('emergency_professional_idx').on(t.professionalId)
]);

/**
 * A consultation (seed 004): a team member brings a child's situation to the
 * consultation team with a question; the team records the situation, possible root
 * causes and a plan (assessment data about the child) and its answer to the family
 * (plan data about the child, which the family then sees).
 */
export const consultations = sqliteTable('consultations', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	subjectId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	createdBy: text().notNull().references(() => professionals.id),
	created: text().notNull(),
	question: text().notNull(),
	situation: text(),
	rootCauses: text(),
	plan: text(),
	answer: text(),
	answeredBy: text().references(() => professionals.id),
	answered: text()
}, (t) => [index('consultations_family_idx').on(t.familyId)]);

/** What a tag can raise: items a team member may see in the family summary. */

/**
 * A tag raises an item to a named team professional who may see it too; it is in their
 * reminders until they mark it handled.
 */
export const tags = sqliteTable('tags', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	itemKind: text({ enum: TAG_ITEM_KINDS }).notNull(),
	itemId: text().notNull(),
	fromId: text().notNull().references(() => professionals.id),
	toId: text().notNull().references(() => professionals.id),
	note: text(),
	created: text().notNull(),
	handled: text()
}, (t) => [index('tags_family_idx').on(t.familyId)]);

/** The coordinator's judgement of how the family fared: family-level `assessment` data. */
export const familyOutcomes = sqliteTable('family_outcomes', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	point: text({ enum: OUTCOME_POINTS }).notNull(),
	outcome: text({ enum: OUTCOMES }).notNull(),
	recorded: text().notNull(),
	recordedBy: text().notNull().references(() => professionals.id)
}, (t) => [uniqueIndex('family_outcomes_point_idx').on(t.familyId, t.point)]);

/**
 * "I don't feel safe": a member's one-tap signal to the family's coordinator (S1, W7).
 * Only the sender and the coordinator ever see it.
 */
export const safetySignals = sqliteTable('safety_signals', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	memberId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	word: text(),
	created: text().notNull(),
	/** When the coordinator marked it handled (an instant), and who: the sender sees that it was. */
	handledAt: text(),
	handledBy: text().references(() => professionals.id)
}, (t) => [index('safety_signals_family_idx').on(t.familyId)]);

/**
 * One row whose version every change to the professionals and organisations (which a
 * record names, in many families) raises, by triggers: every cached record is valid only
 * while it is unchanged, whoever wrote, whichever process.
 */
export const recordVersion = sqliteTable('record_version', {
	id: integer().primaryKey(),
	version: integer().notNull()
});

/**
 * One family's version: triggers raise it on every change to that family's data. A
 * cached record of the family is valid only while this and `record_version` are
 * unchanged. Rows are never deleted (not even with the family), so a version never
 * goes back to one a cache has seen.
 */
export const familyVersion = sqliteTable('family_version', {
	familyId: text().primaryKey(),
	version: integer().notNull()
});

/**
 * Sign-in accounts of all three kinds. Exactly one owner column is set, the one of the
 * account's kind (a CHECK, so that no code path can make one account both an
 * administrator's and a professional's: D1, separation of duties).
 */
export const accounts = sqliteTable('accounts', {
	id: text().primaryKey(),
	username: text().notNull(),
	passwordHash: text().notNull(),
	kind: text({ enum: ACCOUNT_KINDS }).notNull(),
	memberId: text().references(() => members.id, { onDelete: 'cascade' }),
	professionalId: text().references(() => professionals.id, { onDelete: 'cascade' }),
	administratorId: text().references(() => administrators.id, { onDelete: 'cascade' }),
	active: integer({ mode: 'boolean' }).notNull().default(true),
	/** Set when an administrator resets or creates the password: the next sign-in must change it. */
	mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
	/**
	 * The interface language the person chose with the language switch while signed in; it
	 * follows them to every device. Until they choose, a member gets `members.language`.
	 */
	locale: text()
}, (t) => [
	uniqueIndex('accounts_username_idx').on(t.username),
	// Directories and sign-in checks look accounts up by their owner.
	index('accounts_professional_idx').on(t.professionalId),
	index('accounts_member_idx').on(t.memberId),
	// Plain column names: a table rebuild renames the table, and SQLite keeps the CHECK's text as written.
	check('accounts_one_owner', sql`(kind = 'member' AND member_id IS NOT NULL AND professional_id IS NULL AND administrator_id IS NULL)
		OR (kind = 'professional' AND professional_id IS NOT NULL AND member_id IS NULL AND administrator_id IS NULL)
		OR (kind = 'administrator' AND administrator_id IS NOT NULL AND member_id IS NULL AND professional_id IS NULL)`)
]);

/**
 * A single-use, expiring code with which a family member creates their own sign-in: no
 * password is ever sent around. Only the SHA-256 of the code is kept.
 */
export const signInCodes = sqliteTable('sign_in_codes', {
	id: text().primaryKey(),
	memberId: text().notNull().references(() => members.id, { onDelete: 'cascade' }),
	codeHash: text().notNull(),
	createdBy: text().notNull().references(() => professionals.id),
	expiresAt: text().notNull(),
	usedAt: text()
}, (t) => [uniqueIndex('sign_in_codes_hash_idx').on(t.codeHash), index('sign_in_codes_member_idx').on(t.memberId)]);

export const sessions = sqliteTable('sessions', {
	/** SHA-256 of the session token, hex (Lucia's guide). */
	id: text().primaryKey(),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	expiresAt: integer().notNull(),
	/** A professional's or administrator's session reaches nothing until this is set (second factor, #17). */
	secondFactorVerified: integer({ mode: 'boolean' }).notNull().default(false),
	/** The browser as the person would name it ("Firefox on Windows"), for the account page's session list. */
	device: text(),
	/** Milliseconds; refreshed at most every few minutes, so that a request rarely writes. */
	lastUsedAt: integer()
}, (t) => [index('sessions_account_idx').on(t.accountId)]);

/** L1: append-only, hash-chained log of professionals' reads of family data. */
export const accessLog = sqliteTable('access_log', {
	seq: integer().primaryKey({ autoIncrement: true }),
	at: text().notNull(),
	professionalId: text().notNull(),
	organisationId: text().notNull(),
	familyId: text().notNull(),
	outcome: text({ enum: ['allowed', 'denied'] }).notNull(),
	emergency: integer({ mode: 'boolean' }).notNull().default(false),
	/** JSON array of {subject, category, rules, consents}: what was read and why. */
	reads: text().notNull(),
	/** Where the read happened; null in entries written before it was recorded. In the hash when set. */
	surface: text({ enum: READ_SURFACES }),
	prevHash: text().notNull(),
	hash: text().notNull()
}, (t) => [index('access_log_family_idx').on(t.familyId, t.seq)]);

export type AccessLogRow = typeof accessLog.$inferSelect;

/** The rights that only two administrators together grant (D1): P8 emergency access, O1 outcome figures. */
export const GRANTED_RIGHTS = ['authority', 'manager'] as const;
export type GrantedRight = (typeof GRANTED_RIGHTS)[number];
export const PROPOSAL_STATES = ['open', 'confirmed', 'rejected', 'withdrawn'] as const;

/**
 * D1: one administrator proposes to give a professional a right, another confirms (or
 * rejects) it; the proposer may withdraw it. An open proposal lapses at `expiresAt`. No
 * family data.
 */
export const rightProposals = sqliteTable('right_proposals', {
	id: text().primaryKey(),
	professionalId: text().notNull().references(() => professionals.id, { onDelete: 'cascade' }),
	right: text({ enum: GRANTED_RIGHTS }).notNull(),
	proposedBy: text().notNull().references(() => administrators.id),
	proposedAt: text().notNull(),
	expiresAt: text().notNull(),
	state: text({ enum: PROPOSAL_STATES }).notNull().default('open'),
	decidedBy: text().references(() => administrators.id),
	decidedAt: text()
}, (t) => [index('right_proposals_state_idx').on(t.state, t.expiresAt)]);

export const ADMINISTRATION_ACTIONS = [
	'propose', 'confirm', 'reject', 'withdraw', 'revoke',
	'create-professional', 'reset-password', 'deactivate', 'activate',
	// Accessibility feedback marked answered: the entry's `accountId` holds the feedback's id.
	'answer-feedback',
	// A professional's or administrator's second factor removed (lost phone or key): they enrol again.
	'reset-factor'
] as const;
export type AdministrationAction = (typeof ADMINISTRATION_ACTIONS)[number];

/**
 * Append-only log of what administrators did to accounts and rights: who, when, what,
 * which account (a trigger refuses updates). No family data, so administrators see it.
 * Ids are kept as text without foreign keys, so that an entry outlives what it names.
 */
export const administrationLog = sqliteTable('administration_log', {
	seq: integer().primaryKey({ autoIncrement: true }),
	at: text().notNull(),
	administratorId: text().notNull(),
	action: text({ enum: ADMINISTRATION_ACTIONS }).notNull(),
	accountId: text().notNull(),
	right: text({ enum: GRANTED_RIGHTS }),
	proposalId: text()
});

/**
 * Feedback on the portal's accessibility (Act 306/2019): anyone may send it, signed in
 * or not, and the administrators must answer within 14 days. It holds no family data;
 * `accountId` is the sender's account when signed in (kept as text without a foreign
 * key, like the administration log, so that the message outlives the account).
 */
export const accessibilityFeedback = sqliteTable('accessibility_feedback', {
	id: text().primaryKey(),
	created: text().notNull(),
	message: text().notNull(),
	/** How the sender wants an answer (e-mail or phone), null when anonymous. */
	contact: text(),
	/** The portal page (a same-origin path) the message is about, when known. */
	page: text(),
	accountId: text(),
	answeredAt: text(),
	answeredBy: text()
}, (t) => [index('accessibility_feedback_open_idx').on(t.answeredAt, t.created)]);

/**
 * Messages with the team (POLICY.md G1-G5). A thread is a conversation inside one family
 * with a fixed list of participants; every table carries `family_id`, so that its
 * `family_version` triggers (a custom migration) keep cached records fresh.
 */
export const threads = sqliteTable('threads', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	/** Who started it: a member or a professional (exactly one; null in a scenario file's thread). */
	startedByMember: text().references(() => members.id, { onDelete: 'set null' }),
	startedByProfessional: text().references(() => professionals.id),
	created: text().notNull()
}, (t) => [index('threads_family_idx').on(t.familyId)]);

/** A thread's participant: a member or a professional (exactly one), and when and by whom added. */
export const threadParticipants = sqliteTable('thread_participants', {
	id: integer().primaryKey({ autoIncrement: true }),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	threadId: text().notNull().references(() => threads.id, { onDelete: 'cascade' }),
	memberId: text().references(() => members.id, { onDelete: 'cascade' }),
	professionalId: text().references(() => professionals.id),
	addedAt: text().notNull(),
	/** The coordinator who added the participant later (null: there from the start). */
	addedBy: text().references(() => professionals.id)
}, (t) => [
	index('thread_participants_thread_idx').on(t.threadId),
	// The family record reads a family's participants and messages by family: without these, every record load scanned all of them.
	index('thread_participants_family_idx').on(t.familyId),
	uniqueIndex('thread_participants_member_idx').on(t.threadId, t.memberId),
	uniqueIndex('thread_participants_professional_idx').on(t.threadId, t.professionalId),
	check('thread_participants_one_person', sql`(${t.memberId} IS NULL) <> (${t.professionalId} IS NULL)`)
]);

/** A message: never edited or deleted; its author may withdraw it (`withdrawnAt`). */
export const threadMessages = sqliteTable('thread_messages', {
	id: text().primaryKey(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	threadId: text().notNull().references(() => threads.id, { onDelete: 'cascade' }),
	authorMember: text().references(() => members.id, { onDelete: 'cascade' }),
	authorProfessional: text().references(() => professionals.id),
	text: text().notNull(),
	sent: text().notNull(),
	withdrawnAt: text()
}, (t) => [
	index('thread_messages_thread_idx').on(t.threadId, t.sent),
	index('thread_messages_family_idx').on(t.familyId),
	check('thread_messages_one_author', sql`(${t.authorMember} IS NULL) <> (${t.authorProfessional} IS NULL)`)
]);

/**
 * How far a person has read a thread (for unread counts, G5). Not family data shown to
 * anyone and not part of the cached record: marking read does not invalidate the cache.
 */
export const threadReads = sqliteTable('thread_reads', {
	threadId: text().notNull().references(() => threads.id, { onDelete: 'cascade' }),
	readerKind: text({ enum: ['member', 'professional'] }).notNull(),
	readerId: text().notNull(),
	lastRead: text().notNull()
}, (t) => [primaryKey({ columns: [t.threadId, t.readerKind, t.readerId] })]);

/**
 * The durable outbox of notifications (POLICY.md N1-N3): a row is queued in the same
 * transaction as the write that makes its event, and the worker sends it. The unique key
 * (event, recipient, channel) makes the same event reach the same person on the same
 * channel once, also across restarts and repeated scheduler passes. No contents: the
 * text is made from the kind when sent. Not part of any family's record (no version trigger).
 */
export const notifications = sqliteTable('notifications', {
	id: integer().primaryKey({ autoIncrement: true }),
	kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
	/** The event: the item's id, and for the scheduler's reminders the item and its day. */
	eventId: text().notNull(),
	/** The item whose visibility N2 checks when the notification is sent. */
	itemId: text().notNull(),
	familyId: text().notNull().references(() => families.id, { onDelete: 'cascade' }),
	recipientKind: text({ enum: RECIPIENT_KINDS }).notNull(),
	/** A member or professional id, or the organisation id of an on-duty address. */
	recipientId: text().notNull(),
	channel: text({ enum: CHANNELS }).notNull(),
	status: text({ enum: NOTIFICATION_STATUSES }).notNull().default('queued'),
	attempts: integer().notNull().default(0),
	nextAttemptAt: text().notNull(),
	lastError: text(),
	createdAt: text().notNull(),
	sentAt: text(),
	/**
	 * When the worker claimed the row to hand it over, cleared when the attempt ends. Set
	 * on a queued row at the worker's start, the process that claimed it died mid-send
	 * (one server per database: server-lock.ts), so the row is due again at once.
	 */
	sendingSince: text()
}, (t) => [
	uniqueIndex('notifications_event_recipient_channel_idx').on(t.kind, t.eventId, t.recipientKind, t.recipientId, t.channel),
	index('notifications_due_idx').on(t.status, t.nextAttemptAt)
]);

/**
 * A member's account linked to an OpenID Connect identity (#17, e-identification). Only
 * an HMAC-SHA-256 of the provider's subject identifier is kept, keyed with
 * `oidcKeys`' secret; never a national identity number. Only member accounts are linked.
 */
export const oidcIdentities = sqliteTable('oidc_identities', {
	id: text().primaryKey(),
	issuer: text().notNull(),
	subjectHash: text().notNull(),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	linkedAt: text().notNull()
}, (t) => [uniqueIndex('oidc_identities_subject_idx').on(t.issuer, t.subjectHash), index('oidc_identities_account_idx').on(t.accountId)]);

/**
 * A sign-in with the provider under way, found by the SHA-256 of a random token in a
 * short-lived cookie: first the PKCE verifier, `state` and `nonce` until the provider
 * answers; then, for an identity not linked yet, its subject hash until the member gives
 * a sign-in code. Rows expire after minutes.
 */
export const oidcFlows = sqliteTable('oidc_flows', {
	id: text().primaryKey(),
	state: text(),
	nonce: text(),
	codeVerifier: text(),
	issuer: text(),
	subjectHash: text(),
	expiresAt: integer().notNull()
});

/** The portal's own random keys, a row per purpose, made at first need (portal-keys.ts): OIDC subjects, calendar entry ids. */
export const oidcKeys = sqliteTable('oidc_keys', {
	id: integer().primaryKey(),
	key: text().notNull()
});

/**
 * K1: a person's calendar feed, read without signing in through a long secret link. Only
 * the SHA-256 of the secret is kept (as sessions keep theirs); one feed per account, so
 * renewing replaces the row and the old link stops at once.
 */
export const calendarFeeds = sqliteTable('calendar_feeds', {
	/** SHA-256 of the link's secret, hex. */
	id: text().primaryKey(),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	created: text().notNull()
}, (t) => [uniqueIndex('calendar_feeds_account_idx').on(t.accountId)]);

/**
 * Second factor (#17): one authenticator-app key per account, raw bytes as Lucia's 2FA
 * guide keeps it (the scenario's demo secret is the same bytes in base32).
 */
export const totpCredentials = sqliteTable('totp_credentials', {
	accountId: text().primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
	key: blob({ mode: 'buffer' }).notNull(),
	enrolledAt: text().notNull(),
	/**
	 * The 30-second step of the last code accepted with this key, null before the first:
	 * a code is accepted only for a later step, so a seen code cannot be used again
	 * (RFC 6238 §5.2).
	 */
	lastStep: integer()
});

/** Passkeys and security keys (WebAuthn); `id` is the credential id in base64url. */
export const webauthnCredentials = sqliteTable('webauthn_credentials', {
	id: text().primaryKey(),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	publicKey: blob({ mode: 'buffer' }).notNull(),
	counter: integer().notNull().default(0),
	transports: text({ mode: 'json' }).$type<string[]>(),
	createdAt: text().notNull()
}, (t) => [index('webauthn_credentials_account_idx').on(t.accountId)]);

/** Ten single-use codes per enrolment; only their SHA-256 is kept (the codes carry 80 bits each). */
export const recoveryCodes = sqliteTable('recovery_codes', {
	id: integer().primaryKey({ autoIncrement: true }),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	codeHash: text().notNull(),
	usedAt: text()
}, (t) => [uniqueIndex('recovery_codes_hash_idx').on(t.codeHash), index('recovery_codes_account_idx').on(t.accountId)]);

export const SIGN_IN_METHODS = ['password', 'totp', 'webauthn', 'recovery'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Sign-ins and failed attempts of a known account, shown to its owner on /account. */
export const signInEvents = sqliteTable('sign_in_events', {
	id: integer().primaryKey({ autoIncrement: true }),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	at: text().notNull(),
	success: integer({ mode: 'boolean' }).notNull(),
	method: text({ enum: SIGN_IN_METHODS }).notNull(),
	device: text()
}, (t) => [index('sign_in_events_account_idx').on(t.accountId, t.at)]);

/**
 * An administrator removed an account's second factor. `noticedAt` stays empty until the
 * person has been told and has enrolled again.
 */
export const factorResets = sqliteTable('factor_resets', {
	id: integer().primaryKey({ autoIncrement: true }),
	accountId: text().notNull().references(() => accounts.id, { onDelete: 'cascade' }),
	administratorId: text().notNull(),
	at: text().notNull(),
	noticedAt: text()
}, (t) => [index('factor_resets_account_idx').on(t.accountId)]);
