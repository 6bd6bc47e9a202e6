/**
 * The one SQL statement that assembles a family's whole record, and its mapping to the
 * policy layer's `FamilyRecord`. Every page and API read of a family that is not cached
 * runs it, so SQLite builds the record as JSON (json_group_array over each table) instead
 * of sixteen ORM queries each mapped row by row: about a third of the cost (see the
 * README's performance section).
 *
 * Each row is a `json_object` with named keys, and each section has its row type below:
 * the mapping reads fields by name, never by position. Keys are the record's field names
 * where the value goes straight into the record; column names follow the Drizzle schema
 * (snake_case). tests/unit/db/record-rows.spec.ts checks that, for every section, the keys
 * the SQL emits are exactly the keys the mapping reads.
 */
import type { HideableCategory, MeetingAnswers, PathStep, Stage, ConsentCategory, Feeling } from './db/schema';
import type {
	AssessmentRecord, BlockRecord, ConsentRecord, ConsultationRecord, EmergencyRecord, FamilyRecord, GoalRecord, InvitationRecord,
	MeetingRecord, MemberRecord, MessageRecord, OutcomeRecord, ThreadRecord, ProfessionalRecord, SafetySignalRecord, ServiceRecord, TagRecord, TaskRecord, TeamRecord,
	TrafficLight, VoiceRecord
} from './policy/types';

/** The professionals a record names: team, contacts, assignees, authors, invitations, grantees ... */
const NAMED_PROFESSIONALS = `
      SELECT professional_id FROM team_memberships WHERE family_id = :familyId
      UNION ALL SELECT contact_id FROM services WHERE family_id = :familyId
      UNION ALL SELECT assignee_professional_id FROM tasks WHERE family_id = :familyId
      UNION ALL SELECT author_id FROM assessments WHERE family_id = :familyId
      UNION ALL SELECT from_id FROM invitations WHERE family_id = :familyId
      UNION ALL SELECT to_id FROM invitations WHERE family_id = :familyId
      UNION ALL SELECT professional_id FROM emergency_accesses WHERE family_id = :familyId
      UNION ALL SELECT grantee_professional_id FROM consents WHERE family_id = :familyId
      UNION ALL SELECT value FROM meetings, json_each(meetings.professional_ids) WHERE family_id = :familyId
      UNION ALL SELECT created_by FROM consultations WHERE family_id = :familyId
      UNION ALL SELECT answered_by FROM consultations WHERE family_id = :familyId
      UNION ALL SELECT from_id FROM tags WHERE family_id = :familyId
      UNION ALL SELECT to_id FROM tags WHERE family_id = :familyId
      UNION ALL SELECT handled_by FROM safety_signals WHERE family_id = :familyId
      UNION ALL SELECT professional_id FROM thread_participants WHERE family_id = :familyId
      UNION ALL SELECT author_professional FROM thread_messages WHERE family_id = :familyId`;

/** One row, one column per section: `family` a JSON object (null: no such family), the others JSON arrays of objects. */
export const RECORD_SQL = `
SELECT
 (SELECT json_object('id', id, 'name', name, 'stage', stage, 'path', json(path)) FROM families WHERE id = :familyId) AS family,
 (SELECT json_group_array(json_object('id', id, 'name', name, 'birthDate', birth_date, 'language', language, 'interpreter', interpreter,
    'protectedIdentity', protected_identity, 'mature', mature, 'hiddenFromCustodians', json(hidden_from_custodians)))
    FROM members WHERE family_id = :familyId) AS members,
 (SELECT json_group_array(json_object('child', c.child_id, 'custodian', c.custodian_id))
    FROM custody c JOIN members m ON m.id = c.child_id WHERE m.family_id = :familyId) AS custody,
 (SELECT json_group_array(json_object('adult', r.adult_id, 'child', r.child_id, 'categories', json(r.categories)))
    FROM information_rights r JOIN members m ON m.id = r.adult_id WHERE m.family_id = :familyId) AS rights,
 (SELECT json_group_array(json_object('id', id, 'professional', professional_id, 'role', role, 'from', "from", 'until', until))
    FROM team_memberships WHERE family_id = :familyId) AS team,
 (SELECT json_group_array(json_object('id', s.id, 'subject', s.subject_id, 'name', s.name, 'providerId', s.provider_id, 'providerName', o.name,
    'unit', s.unit, 'status', s.status, 'start', s.start, 'end', s."end", 'contact', s.contact_id))
    FROM services s JOIN organisations o ON o.id = s.provider_id WHERE s.family_id = :familyId) AS services,
 (SELECT json_group_array(json_object('id', id, 'subject', subject_id, 'text', text)) FROM goals WHERE family_id = :familyId) AS goals,
 (SELECT json_group_array(json_object('id', id, 'goal', goal_id, 'assigneeMember', assignee_member_id, 'assigneeProfessional', assignee_professional_id,
    'text', text, 'due', due, 'done', done))
    FROM tasks WHERE family_id = :familyId) AS tasks,
 (SELECT json_group_array(json_object('id', id, 'subject', subject_id, 'area', area, 'author', author_id, 'text', text, 'created', created))
    FROM assessments WHERE family_id = :familyId) AS assessments,
 (SELECT json_group_array(json_object('id', id, 'author', author_id, 'kind', kind, 'text', text, 'shareWithFamily', share_with_family,
    'shareWithTeam', share_with_team, 'created', created, 'meeting', meeting_id, 'feeling', feeling, 'answers', json(answers), 'score', score,
    'goal', goal_id, 'consultation', consultation_id))
    FROM voice_items WHERE family_id = :familyId) AS voice,
 (SELECT json_group_array(json_object('id', id, 'start', start, 'title', title, 'members', json(member_ids), 'professionals', json(professional_ids),
    'place', place, 'interpreterBooked', json(interpreter_booked)))
    FROM meetings WHERE family_id = :familyId) AS meetings,
 (SELECT json_group_array(json_object('id', id, 'point', point, 'outcome', outcome, 'recorded', recorded, 'recordedBy', recorded_by))
    FROM family_outcomes WHERE family_id = :familyId) AS outcomes,
 (SELECT json_group_array(json_object('id', id, 'subject', subject_id, 'createdBy', created_by, 'created', created, 'question', question,
    'situation', situation, 'rootCauses', root_causes, 'plan', plan, 'answer', answer, 'answeredBy', answered_by, 'answered', answered))
    FROM consultations WHERE family_id = :familyId) AS consultations,
 (SELECT json_group_array(json_object('id', id, 'itemKind', item_kind, 'itemId', item_id, 'from', from_id, 'to', to_id, 'note', note,
    'created', created, 'handled', handled))
    FROM tags WHERE family_id = :familyId) AS tags,
 (SELECT json_group_array(json_object('id', id, 'decision', decision, 'grantor', grantor_id, 'subject', subject_id,
    'granteeProfessional', grantee_professional_id, 'granteeOrganisation', grantee_organisation_id, 'categories', json(categories),
    'from', "from", 'until', until, 'revoked', revoked, 'recordedBy', recorded_by,
    'organisationName', (SELECT name FROM organisations o WHERE o.id = grantee_organisation_id)))
    FROM consents WHERE family_id = :familyId) AS consents,
 (SELECT json_group_array(json_object('id', id, 'member', member_id, 'child', child_id, 'reason', reason, 'setBy', set_by, 'from', "from",
    'until', until, 'review', review, 'note', note))
    FROM blocks WHERE family_id = :familyId) AS blocks,
 (SELECT json_group_array(json_object('id', id, 'from', from_id, 'to', to_id, 'text', text, 'created', created, 'answered', answered,
    'withdrawn', withdrawn, 'lightInformation', light_information, 'lightConcern', light_concern, 'lightAvailable', light_available,
    'answerNote', answer_note))
    FROM invitations WHERE family_id = :familyId) AS invitations,
 (SELECT json_group_array(json_object('id', id, 'professional', professional_id, 'reason', reason, 'opened', opened, 'reviewedAt', reviewed_at,
    'reviewedBy', reviewed_by))
    FROM emergency_accesses WHERE family_id = :familyId) AS emergency,
 (SELECT json_group_array(json_object('id', id, 'member', member_id, 'word', word, 'created', created, 'handledAt', handled_at, 'handledBy', handled_by))
    FROM safety_signals WHERE family_id = :familyId) AS signals,
 (SELECT json_group_array(json_object('id', p.id, 'name', p.name, 'title', p.title, 'phone', p.phone, 'email', p.email,
    'organisationId', p.organisation_id, 'organisationName', o.name, 'authority', p.authority))
    FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE p.id IN (${NAMED_PROFESSIONALS})) AS professionals,
 (SELECT json_group_array(json_object('id', id, 'created', created, 'startedByMember', started_by_member, 'startedByProfessional', started_by_professional))
    FROM threads WHERE family_id = :familyId) AS threads,
 (SELECT json_group_array(json_object('thread', thread_id, 'member', member_id, 'professional', professional_id))
    FROM thread_participants WHERE family_id = :familyId) AS threadPeople,
 (SELECT json_group_array(json_object('id', id, 'thread', thread_id, 'authorMember', author_member, 'authorProfessional', author_professional,
    'text', text, 'sent', sent, 'withdrawnAt', withdrawn_at))
    FROM thread_messages WHERE family_id = :familyId) AS threadMessages`;

/** SQLite's booleans: 0 or 1. */
type Flag = 0 | 1;
/** A professional's id, resolved against the record's `professionals` section. */
type ProfessionalId = string;

export type FamilyRow = { id: string; name: string; stage: Stage; path: PathStep[] | null };
export type MemberRow = {
	id: string; name: string; birthDate: string; language: string | null; interpreter: Flag; protectedIdentity: Flag;
	mature: Flag | null; hiddenFromCustodians: HideableCategory[] | null;
};
export type CustodyRow = { child: string; custodian: string };
export type RightRow = { adult: string; child: string; categories: HideableCategory[] };
export type TeamRow = { id: number; professional: ProfessionalId; role: TeamRecord['role']; from: string; until: string | null };
export type ServiceRow = {
	id: string; subject: string; name: string; providerId: string; providerName: string; unit: string | null;
	status: ServiceRecord['status']; start: string | null; end: string | null; contact: ProfessionalId | null;
};
export type GoalRow = { id: string; subject: string | null; text: string };
export type TaskRow = {
	id: string; goal: string; assigneeMember: string | null; assigneeProfessional: ProfessionalId | null; text: string; due: string | null; done: Flag;
};
export type AssessmentRow = { id: string; subject: string | null; area: string; author: ProfessionalId; text: string; created: string | null };
export type VoiceRow = {
	id: string; author: string; kind: VoiceRecord['kind']; text: string; shareWithFamily: Flag; shareWithTeam: Flag; created: string;
	meeting: string | null; feeling: Feeling | null; answers: MeetingAnswers | null; score: number | null; goal: string | null; consultation: string | null;
};
export type MeetingRow = {
	id: string; start: string; title: string | null; members: string[] | null; professionals: ProfessionalId[] | null;
	place: string | null; interpreterBooked: string[] | null;
};
export type OutcomeRow = { id: string; point: OutcomeRecord['point']; outcome: OutcomeRecord['outcome']; recorded: string; recordedBy: string };
export type ConsultationRow = {
	id: string; subject: string; createdBy: ProfessionalId; created: string; question: string; situation: string | null; rootCauses: string | null;
	plan: string | null; answer: string | null; answeredBy: ProfessionalId | null; answered: string | null;
};
export type TagRow = {
	id: string; itemKind: TagRecord['itemKind']; itemId: string; from: ProfessionalId; to: ProfessionalId; note: string | null; created: string; handled: string | null;
};
export type ConsentRow = {
	id: string; decision: ConsentRecord['decision']; grantor: string; subject: string | null; granteeProfessional: ProfessionalId | null;
	granteeOrganisation: string | null; categories: ConsentCategory[]; from: string; until: string | null; revoked: string | null;
	recordedBy: string | null; organisationName: string | null;
};
export type BlockRow = {
	id: string; member: string; child: string | null; reason: string; setBy: string; from: string; until: string | null; review: string; note: string | null;
};
export type InvitationRow = {
	id: string; from: ProfessionalId; to: ProfessionalId; text: string; created: string; answered: string | null; withdrawn: Flag;
	lightInformation: TrafficLight | null; lightConcern: TrafficLight | null; lightAvailable: TrafficLight | null; answerNote: string | null;
};
export type EmergencyRow = { id: string; professional: ProfessionalId; reason: string; opened: string; reviewedAt: string | null; reviewedBy: string | null };
export type SignalRow = { id: string; member: string; word: string | null; created: string; handledAt: string | null; handledBy: ProfessionalId | null };
export type ThreadRow = { id: string; created: string; startedByMember: string | null; startedByProfessional: ProfessionalId | null };
export type ThreadPersonRow = { thread: string; member: string | null; professional: ProfessionalId | null };
export type ThreadMessageRow = {
	id: string; thread: string; authorMember: string | null; authorProfessional: ProfessionalId | null; text: string; sent: string; withdrawnAt: string | null;
};
export type ProfessionalRow = {
	id: string; name: string; title: string; phone: string | null; email: string | null; organisationId: string; organisationName: string; authority: Flag;
};

/** The statement's row, parsed: one entry per SQL column (section). */
export type RecordRows = {
	family: FamilyRow; members: MemberRow[]; custody: CustodyRow[]; rights: RightRow[]; team: TeamRow[]; services: ServiceRow[];
	goals: GoalRow[]; tasks: TaskRow[]; assessments: AssessmentRow[]; voice: VoiceRow[]; meetings: MeetingRow[]; outcomes: OutcomeRow[];
	consultations: ConsultationRow[]; tags: TagRow[]; consents: ConsentRow[]; blocks: BlockRow[]; invitations: InvitationRow[];
	emergency: EmergencyRow[]; signals: SignalRow[]; professionals: ProfessionalRow[];
	threads: ThreadRow[]; threadPeople: ThreadPersonRow[]; threadMessages: ThreadMessageRow[];
};

/** The statement's raw row: JSON text per section, `family` null when there is no such family. */
export type RawRecordRow = Record<keyof RecordRows, string | null>;

/** Parses each section's JSON; null when there is no such family. */
export function parseRecordRow(raw: RawRecordRow): RecordRows | null {
	if (!raw.family) return null;
	const rows: Record<string, unknown> = {};
	for (const [section, json] of Object.entries(raw)) rows[section] = json ? JSON.parse(json) : [];
	return rows as RecordRows;
}

const bool = (value: Flag | null) => value === 1;

/** The policy layer's record from the parsed rows: every field by name. */
export function toFamilyRecord(rows: RecordRows): FamilyRecord {
	const professionals = new Map(rows.professionals.map((row) => [row.id, toProfessional(row)]));
	const pro = (id: ProfessionalId) => professionals.get(id)!;
	const proOrNull = (id: ProfessionalId | null) => (id ? pro(id) : null);
	const { id, name, stage, path } = rows.family;
	return {
		id, name, stage, path: path ?? [],
		members: rows.members.map((row) => toMember(row, rows.custody, rows.rights)),
		team: rows.team.map(({ id, professional, role, from, until }): TeamRecord => ({ id, professional: pro(professional), role, from, until })),
		services: rows.services.map(({ id, subject, name, providerId, providerName, unit, status, start, end, contact }): ServiceRecord => ({
			id, subject, name, providerId, providerName, unit, status, start, end, contact: proOrNull(contact)
		})),
		goals: rows.goals.map(({ id, subject, text }): GoalRecord => ({ id, subject, text })),
		tasks: rows.tasks.map(({ id, goal, assigneeMember, assigneeProfessional, text, due, done }): TaskRecord => ({
			id, goal, assigneeMember, assigneeProfessional: proOrNull(assigneeProfessional), text, due, done: bool(done)
		})),
		assessments: rows.assessments.map(({ id, subject, area, author, text, created }): AssessmentRecord => ({ id, subject, area, author: pro(author), text, created })),
		voice: rows.voice.map(({ id, author, kind, text, shareWithFamily, shareWithTeam, created, meeting, feeling, answers, score, goal, consultation }): VoiceRecord => ({
			id, author, kind, text, shareWithFamily: bool(shareWithFamily), shareWithTeam: bool(shareWithTeam), created, meeting, goal, consultation, feeling, answers, score
		})),
		consultations: rows.consultations.map(({ id, subject, createdBy, created, question, situation, rootCauses, plan, answer, answeredBy, answered }): ConsultationRecord => ({
			id, subject, createdBy: pro(createdBy), created, question, situation, rootCauses, plan, answer, answeredBy: proOrNull(answeredBy), answered
		})),
		tags: rows.tags.map(({ id, itemKind, itemId, from, to, note, created, handled }): TagRecord => ({
			id, itemKind, itemId, from: pro(from), to: pro(to), note, created, handled
		})),
		outcomes: rows.outcomes.map(({ id, point, outcome, recorded, recordedBy }): OutcomeRecord => ({ id, point, outcome, recorded, recordedBy })),
		meetings: rows.meetings.map(({ id, start, title, members, professionals: attending, place, interpreterBooked }): MeetingRecord => ({
			id, start, title, members: members ?? [], professionals: (attending ?? []).map(pro), place, interpreterBooked: interpreterBooked ?? []
		})),
		consents: rows.consents.map(({ id, decision, grantor, subject, granteeProfessional, granteeOrganisation, categories, from, until, revoked, recordedBy, organisationName }): ConsentRecord => ({
			id, decision, grantor, subject, granteeProfessional, granteeOrganisation,
			granteeName: granteeProfessional ? pro(granteeProfessional).name : (organisationName ?? ''),
			categories, from, until, revoked, recordedBy
		})),
		blocks: rows.blocks.map(({ id, member, child, reason, setBy, from, until, review, note }): BlockRecord => ({ id, member, child, reason, setBy, from, until, review, note })),
		invitations: rows.invitations.map(({ id, from, to, text, created, answered, withdrawn, lightInformation, lightConcern, lightAvailable, answerNote }): InvitationRecord => ({
			id, from: pro(from), to: pro(to), text, created, answered, withdrawn: bool(withdrawn),
			answer: lightInformation ? { information: lightInformation, concern: lightConcern!, available: lightAvailable!, note: answerNote } : null
		})),
		emergencyAccesses: rows.emergency.map(({ id, professional, reason, opened, reviewedAt, reviewedBy }): EmergencyRecord => ({
			id, professional: pro(professional), reason, opened, reviewedAt, reviewedBy
		})),
		safetySignals: rows.signals.map(({ id, member, word, created, handledAt, handledBy }): SafetySignalRecord => ({
			id, member, word, created, handledAt, handledBy: proOrNull(handledBy)
		})),
		threads: toThreads(rows, pro)
	};
}

/** Threads with their participants and their messages, oldest first (sent, then id). */
function toThreads(rows: RecordRows, pro: (id: ProfessionalId) => ProfessionalRecord): ThreadRecord[] {
	const people = rows.threadPeople.map(({ thread, member, professional }) => ({ thread, member, professional }));
	const messages = rows.threadMessages
		.map(({ id, thread, authorMember, authorProfessional, text, sent, withdrawnAt }) => ({ thread, message: {
			id, text, sent, withdrawnAt,
			author: authorMember ? { kind: 'member' as const, id: authorMember } : { kind: 'professional' as const, id: authorProfessional! }
		} satisfies MessageRecord }))
		.sort((a, b) => Date.parse(a.message.sent) - Date.parse(b.message.sent) || a.message.id.localeCompare(b.message.id));
	return rows.threads.map(({ id, created, startedByMember, startedByProfessional }): ThreadRecord => ({
		id, created,
		startedBy: startedByMember ? { kind: 'member', id: startedByMember } : startedByProfessional ? { kind: 'professional', id: startedByProfessional } : null,
		members: people.filter((p) => p.thread === id && p.member).map((p) => p.member!),
		professionals: people.filter((p) => p.thread === id && p.professional).map((p) => pro(p.professional!)),
		messages: messages.filter((m) => m.thread === id).map((m) => m.message)
	}));
}

function toProfessional({ id, name, title, phone, email, organisationId, organisationName, authority }: ProfessionalRow): ProfessionalRecord {
	return { id, name, title, phone, email, organisationId, organisationName, authority: bool(authority) };
}

function toMember(row: MemberRow, custody: CustodyRow[], rights: RightRow[]): MemberRecord {
	const { id, name, birthDate, language, interpreter, protectedIdentity, mature, hiddenFromCustodians } = row;
	return {
		id, name, birthDate, language, interpreter: bool(interpreter), protectedIdentity: bool(protectedIdentity),
		mature: mature === null ? null : bool(mature), hiddenFromCustodians: hiddenFromCustodians ?? [],
		custodians: custody.filter(({ child }) => child === id).map(({ custodian }) => custodian),
		informationRights: rights.filter(({ adult }) => adult === id).map(({ child, categories }) => ({ child, categories }))
	};
}
