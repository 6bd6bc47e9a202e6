/**
 * Loading one family's raw record from the database. Only the policy layer's callers in
 * `family-access.ts` use this: routes never see a record, only a policy-built view.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import * as t from './db/schema';
import type { FamilyRecord, ProfessionalRecord } from './policy/types';

type Prepared = ReturnType<typeof prepare>;
const preparedByDb = new WeakMap<Db, Prepared>();

function prepare(db: Db) {
	const f = sql.placeholder('familyId');
	return {
		family: db.select().from(t.families).where(eq(t.families.id, f)).prepare(),
		members: db.select().from(t.members).where(eq(t.members.familyId, f)).prepare(),
		custody: db.select({ childId: t.custody.childId, custodianId: t.custody.custodianId }).from(t.custody)
			.innerJoin(t.members, eq(t.members.id, t.custody.childId)).where(eq(t.members.familyId, f)).prepare(),
		informationRights: db.select({ adultId: t.informationRights.adultId, childId: t.informationRights.childId, categories: t.informationRights.categories })
			.from(t.informationRights).innerJoin(t.members, eq(t.members.id, t.informationRights.adultId)).where(eq(t.members.familyId, f)).prepare(),
		team: db.select().from(t.teamMemberships).where(eq(t.teamMemberships.familyId, f)).prepare(),
		services: db.select({ s: t.services, providerName: t.organisations.name }).from(t.services)
			.innerJoin(t.organisations, eq(t.organisations.id, t.services.providerId)).where(eq(t.services.familyId, f)).prepare(),
		goals: db.select().from(t.goals).where(eq(t.goals.familyId, f)).prepare(),
		tasks: db.select().from(t.tasks).where(eq(t.tasks.familyId, f)).prepare(),
		assessments: db.select().from(t.assessments).where(eq(t.assessments.familyId, f)).prepare(),
		voice: db.select().from(t.voiceItems).where(eq(t.voiceItems.familyId, f)).prepare(),
		consents: db.select().from(t.consents).where(eq(t.consents.familyId, f)).prepare(),
		blocks: db.select().from(t.blocks).where(eq(t.blocks.familyId, f)).prepare(),
		invitations: db.select().from(t.invitations).where(eq(t.invitations.familyId, f)).prepare(),
		emergency: db.select().from(t.emergencyAccesses).where(eq(t.emergencyAccesses.familyId, f)).prepare(),
		professionals: db.select({ p: t.professionals, organisationName: t.organisations.name }).from(t.professionals)
			.innerJoin(t.organisations, eq(t.organisations.id, t.professionals.organisationId))
			.where(sql`${t.professionals.id} IN (
				SELECT professional_id FROM team_memberships WHERE family_id = ${f}
				UNION SELECT contact_id FROM services WHERE family_id = ${f}
				UNION SELECT assignee_professional_id FROM tasks WHERE family_id = ${f}
				UNION SELECT author_id FROM assessments WHERE family_id = ${f}
				UNION SELECT from_id FROM invitations WHERE family_id = ${f}
				UNION SELECT to_id FROM invitations WHERE family_id = ${f}
				UNION SELECT professional_id FROM emergency_accesses WHERE family_id = ${f}
				UNION SELECT grantee_professional_id FROM consents WHERE family_id = ${f})`).prepare(),
		granteeOrganisations: db.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations)
			.where(sql`${t.organisations.id} IN (SELECT grantee_organisation_id FROM consents WHERE family_id = ${f})`).prepare()
	};
}

/** The whole stored record of one family, or null when there is no such family. */
export function loadFamilyRecord(db: Db, familyId: string): FamilyRecord | null {
	let q = preparedByDb.get(db);
	if (!q) preparedByDb.set(db, (q = prepare(db)));
	const args = { familyId };
	const family = q.family.get(args);
	if (!family) return null;

	const pros = new Map<string, ProfessionalRecord>(
		q.professionals.all(args).map(({ p, organisationName }) => [p.id, {
			id: p.id, name: p.name, title: p.title, phone: p.phone, email: p.email,
			organisationId: p.organisationId, organisationName, authority: p.authority
		}])
	);
	const pro = (id: string) => pros.get(id)!;
	const organisationNames = new Map(q.granteeOrganisations.all(args).map((o) => [o.id, o.name]));
	const custody = q.custody.all(args);
	const rights = q.informationRights.all(args);

	return {
		id: family.id,
		name: family.name,
		stage: family.stage,
		members: q.members.all(args).map((m) => ({
			id: m.id, name: m.name, birthDate: m.birthDate, language: m.language, interpreter: m.interpreter,
			protectedIdentity: m.protectedIdentity, mature: m.mature, hiddenFromCustodians: m.hiddenFromCustodians,
			custodians: custody.filter((c) => c.childId === m.id).map((c) => c.custodianId),
			informationRights: rights.filter((r) => r.adultId === m.id).map((r) => ({ child: r.childId, categories: r.categories }))
		})),
		team: q.team.all(args).map((tm) => ({ id: tm.id, professional: pro(tm.professionalId), role: tm.role, from: tm.from, until: tm.until })),
		services: q.services.all(args).map(({ s, providerName }) => ({
			id: s.id, subject: s.subjectId, name: s.name, providerId: s.providerId, providerName, unit: s.unit,
			status: s.status, start: s.start, end: s.end, contact: s.contactId ? pro(s.contactId) : null
		})),
		goals: q.goals.all(args).map((g) => ({ id: g.id, subject: g.subjectId, text: g.text })),
		tasks: q.tasks.all(args).map((task) => ({
			id: task.id, goal: task.goalId, assigneeMember: task.assigneeMemberId,
			assigneeProfessional: task.assigneeProfessionalId ? pro(task.assigneeProfessionalId) : null,
			text: task.text, due: task.due, done: task.done
		})),
		assessments: q.assessments.all(args).map((a) => ({
			id: a.id, subject: a.subjectId, area: a.area, author: pro(a.authorId), text: a.text, created: a.created
		})),
		voice: q.voice.all(args).map((v) => ({
			id: v.id, author: v.authorId, kind: v.kind, text: v.text, shareWithFamily: v.shareWithFamily,
			shareWithTeam: v.shareWithTeam, created: v.created
		})),
		consents: q.consents.all(args).map((c) => ({
			id: c.id, decision: c.decision, grantor: c.grantorId, subject: c.subjectId,
			granteeProfessional: c.granteeProfessionalId, granteeOrganisation: c.granteeOrganisationId,
			granteeName: c.granteeProfessionalId ? pro(c.granteeProfessionalId).name : (organisationNames.get(c.granteeOrganisationId!) ?? ''),
			categories: c.categories, from: c.from, until: c.until, revoked: c.revoked, recordedBy: c.recordedBy
		})),
		blocks: q.blocks.all(args).map((b) => ({
			id: b.id, member: b.memberId, child: b.childId, reason: b.reason, setBy: b.setBy,
			from: b.from, until: b.until, review: b.review, note: b.note
		})),
		invitations: q.invitations.all(args).map((i) => ({
			id: i.id, from: pro(i.fromId), to: pro(i.toId), text: i.text, created: i.created, answered: i.answered, withdrawn: i.withdrawn
		})),
		emergencyAccesses: q.emergency.all(args).map((e) => ({ id: e.id, professional: pro(e.professionalId), reason: e.reason, opened: e.opened }))
	};
}
