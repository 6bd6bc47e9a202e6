/**
 * Loading one family's raw record from the database. Only `family-access.ts` and
 * `family-writes.ts` use this: routes never see a record, only a policy-built view.
 *
 * Every page and API read of a family runs this, so it is one SQL statement that lets
 * SQLite assemble the whole record as JSON (json_group_array over each table), instead
 * of sixteen ORM queries each mapped row by row: about a third of the cost (see the
 * README's performance section). Column names follow the Drizzle schema (snake_case).
 *
 * Records are cached in the process, frozen, and only while `record_version` is
 * unchanged: triggers raise it on every change to family data, professionals or
 * organisations, from any connection or process, so a cached record is never stale.
 * The policy still decides on every request with that request's clock.
 */
import type { Db } from './db';
import type { FamilyRecord, ProfessionalRecord } from './policy/types';

const RECORD_SQL = `
SELECT
 (SELECT json_array(id, name, stage, json(path)) FROM families WHERE id = :familyId) AS family,
 (SELECT json_group_array(json_array(id, name, birth_date, language, interpreter, protected_identity, mature, json(hidden_from_custodians)))
    FROM members WHERE family_id = :familyId) AS members,
 (SELECT json_group_array(json_array(c.child_id, c.custodian_id))
    FROM custody c JOIN members m ON m.id = c.child_id WHERE m.family_id = :familyId) AS custody,
 (SELECT json_group_array(json_array(r.adult_id, r.child_id, json(r.categories)))
    FROM information_rights r JOIN members m ON m.id = r.adult_id WHERE m.family_id = :familyId) AS rights,
 (SELECT json_group_array(json_array(id, professional_id, role, "from", until))
    FROM team_memberships WHERE family_id = :familyId) AS team,
 (SELECT json_group_array(json_array(s.id, s.subject_id, s.name, s.provider_id, o.name, s.unit, s.status, s.start, s."end", s.contact_id))
    FROM services s JOIN organisations o ON o.id = s.provider_id WHERE s.family_id = :familyId) AS services,
 (SELECT json_group_array(json_array(id, subject_id, text)) FROM goals WHERE family_id = :familyId) AS goals,
 (SELECT json_group_array(json_array(id, goal_id, assignee_member_id, assignee_professional_id, text, due, done))
    FROM tasks WHERE family_id = :familyId) AS tasks,
 (SELECT json_group_array(json_array(id, subject_id, area, author_id, text, created)) FROM assessments WHERE family_id = :familyId) AS assessments,
 (SELECT json_group_array(json_array(id, author_id, kind, text, share_with_family, share_with_team, created, meeting_id, feeling, json(answers), score, goal_id, consultation_id))
    FROM voice_items WHERE family_id = :familyId) AS voice,
 (SELECT json_group_array(json_array(id, start, title, json(member_ids), json(professional_ids)))
    FROM meetings WHERE family_id = :familyId) AS meetings,
 (SELECT json_group_array(json_array(id, point, outcome, recorded, recorded_by)) FROM family_outcomes WHERE family_id = :familyId) AS outcomes,
 (SELECT json_group_array(json_array(id, subject_id, created_by, created, question, situation, root_causes, plan, answer, answered_by, answered))
    FROM consultations WHERE family_id = :familyId) AS consultations,
 (SELECT json_group_array(json_array(id, item_kind, item_id, from_id, to_id, note, created, handled)) FROM tags WHERE family_id = :familyId) AS tags,
 (SELECT json_group_array(json_array(id, decision, grantor_id, subject_id, grantee_professional_id, grantee_organisation_id,
    json(categories), "from", until, revoked, recorded_by, (SELECT name FROM organisations o WHERE o.id = grantee_organisation_id)))
    FROM consents WHERE family_id = :familyId) AS consents,
 (SELECT json_group_array(json_array(id, member_id, child_id, reason, set_by, "from", until, review, note))
    FROM blocks WHERE family_id = :familyId) AS blocks,
 (SELECT json_group_array(json_array(id, from_id, to_id, text, created, answered, withdrawn, light_information, light_concern, light_available, answer_note))
    FROM invitations WHERE family_id = :familyId) AS invitations,
 (SELECT json_group_array(json_array(id, professional_id, reason, opened, reviewed_at, reviewed_by)) FROM emergency_accesses WHERE family_id = :familyId) AS emergency,
 (SELECT json_group_array(json_array(id, member_id, word, created)) FROM safety_signals WHERE family_id = :familyId) AS signals,
 (SELECT json_group_array(json_array(p.id, p.name, p.title, p.phone, p.email, p.organisation_id, o.name, p.authority))
    FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE p.id IN (
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
      UNION ALL SELECT to_id FROM tags WHERE family_id = :familyId)) AS professionals`;

type Row = Record<'family' | 'meetings' | 'outcomes' | 'consultations' | 'tags' | 'members' | 'custody' | 'rights' | 'team' | 'services' | 'goals' | 'tasks' | 'assessments' | 'voice' | 'consents' | 'blocks' | 'invitations' | 'emergency' | 'signals' | 'professionals', string | null>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tuple = any[];

type Statement = ReturnType<Db['$client']['prepare']>;
type VersionStatement = { get(): unknown };
type Cache = { record: Statement; version: VersionStatement; seen: number; records: Map<string, FamilyRecord> };

/** Enough for every family a busy server's professionals have open; the oldest go first. */
const CACHED_RECORDS = 2_000;
const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
	let cache = caches.get(db);
	if (!cache) {
		cache = {
			record: db.$client.prepare(RECORD_SQL),
			version: db.$client.prepare('SELECT version FROM record_version WHERE id = 1').pluck(),
			seen: -1,
			records: new Map()
		};
		caches.set(db, cache);
	}
	return cache;
}

const list = (json: string | null): Tuple[] => (json ? JSON.parse(json) : []);
const bool = (value: unknown) => value === 1 || value === true;

/** The whole stored record of one family (frozen), or null when there is no such family. */
export function loadFamilyRecord(db: Db, familyId: string): FamilyRecord | null {
	const cache = cacheOf(db);
	const version = cache.version.get() as number;
	if (version !== cache.seen) {
		cache.records.clear();
		cache.seen = version;
	}
	let record: FamilyRecord | null | undefined = cache.records.get(familyId);
	if (record) {
		// Refresh its place: Map keeps insertion order, so the first key is the least recent.
		cache.records.delete(familyId);
	} else {
		record = readRecord(cache.record, familyId);
		if (!record) return null;
		deepFreeze(record);
		if (cache.records.size >= CACHED_RECORDS) cache.records.delete(cache.records.keys().next().value as string);
	}
	cache.records.set(familyId, record);
	return record;
}

/** Frozen, so that no caller can change what the next request reads. */
function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

function readRecord(statement: Statement, familyId: string): FamilyRecord | null {
	const row = statement.get({ familyId }) as Row;
	if (!row.family) return null;
	const [id, name, stage, path] = JSON.parse(row.family);

	const pros = new Map<string, ProfessionalRecord>(list(row.professionals).map(([pid, pname, title, phone, email, organisationId, organisationName, authority]) =>
		[pid, { id: pid, name: pname, title, phone, email, organisationId, organisationName, authority: bool(authority) }]));
	const pro = (proId: string) => pros.get(proId)!;
	const custody = list(row.custody);
	const rights = list(row.rights);

	return {
		id, name, stage, path: path ?? [],
		members: list(row.members).map(([mid, mname, birthDate, language, interpreter, protectedIdentity, mature, hidden]) => ({
			id: mid, name: mname, birthDate, language, interpreter: bool(interpreter), protectedIdentity: bool(protectedIdentity),
			mature: mature === null ? null : bool(mature), hiddenFromCustodians: hidden ?? [],
			custodians: custody.filter(([child]) => child === mid).map(([, custodian]) => custodian),
			informationRights: rights.filter(([adult]) => adult === mid).map(([, child, categories]) => ({ child, categories }))
		})),
		team: list(row.team).map(([tid, professionalId, role, from, until]) => ({ id: tid, professional: pro(professionalId), role, from, until })),
		services: list(row.services).map(([sid, subject, sname, providerId, providerName, unit, status, start, end, contactId]) => ({
			id: sid, subject, name: sname, providerId, providerName, unit, status, start, end, contact: contactId ? pro(contactId) : null
		})),
		goals: list(row.goals).map(([gid, subject, text]) => ({ id: gid, subject, text })),
		tasks: list(row.tasks).map(([tid, goal, assigneeMember, assigneeProfessional, text, due, done]) => ({
			id: tid, goal, assigneeMember, assigneeProfessional: assigneeProfessional ? pro(assigneeProfessional) : null, text, due, done: bool(done)
		})),
		assessments: list(row.assessments).map(([aid, subject, area, authorId, text, created]) => ({ id: aid, subject, area, author: pro(authorId), text, created })),
		voice: list(row.voice).map(([vid, author, kind, text, shareWithFamily, shareWithTeam, created, meeting, feeling, answers, score, goal, consultation]) => ({
			id: vid, author, kind, text, shareWithFamily: bool(shareWithFamily), shareWithTeam: bool(shareWithTeam), created,
			meeting, goal, consultation, feeling, answers, score
		})),
		consultations: list(row.consultations).map(([cid, subject, createdBy, created, question, situation, rootCauses, plan, answer, answeredBy, answered]) => ({
			id: cid, subject, createdBy: pro(createdBy), created, question, situation, rootCauses, plan, answer, answeredBy: answeredBy ? pro(answeredBy) : null, answered
		})),
		tags: list(row.tags).map(([tid, itemKind, itemId, fromId, toId, note, created, handled]) => ({
			id: tid, itemKind, itemId, from: pro(fromId), to: pro(toId), note, created, handled
		})),
		outcomes: list(row.outcomes).map(([oid, point, outcome, recorded, recordedBy]) => ({ id: oid, point, outcome, recorded, recordedBy })),
		meetings: list(row.meetings).map(([mid, start, title, memberIds, professionalIds]) => ({
			id: mid, start, title, members: memberIds ?? [], professionals: ((professionalIds ?? []) as string[]).map(pro)
		})),
		consents: list(row.consents).map(([cid, decision, grantor, subject, granteeProfessional, granteeOrganisation, categories, from, until, revoked, recordedBy, organisationName]) => ({
			id: cid, decision, grantor, subject, granteeProfessional, granteeOrganisation,
			granteeName: granteeProfessional ? pro(granteeProfessional).name : (organisationName ?? ''),
			categories, from, until, revoked, recordedBy
		})),
		blocks: list(row.blocks).map(([bid, member, child, reason, setBy, from, until, review, note]) => ({ id: bid, member, child, reason, setBy, from, until, review, note })),
		invitations: list(row.invitations).map(([iid, fromId, toId, text, created, answered, withdrawn, information, concern, available, note]) => ({
			id: iid, from: pro(fromId), to: pro(toId), text, created, answered, withdrawn: bool(withdrawn),
			answer: information ? { information, concern, available, note } : null
		})),
		emergencyAccesses: list(row.emergency).map(([eid, professionalId, reason, opened, reviewedAt, reviewedBy]) => ({
			id: eid, professional: pro(professionalId), reason, opened, reviewedAt, reviewedBy
		})),
		safetySignals: list(row.signals).map(([sid, member, word, created]) => ({ id: sid, member, word, created }))
	};
}
