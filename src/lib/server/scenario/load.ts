/**
 * Writing a validated scenario into the database, replacing whatever was there, in one
 * transaction: either the whole file is in, or nothing changed.
 */
import { getTableName, sql } from 'drizzle-orm';
import type { Db } from '../db';
import * as t from '../db/schema';
import { hashPassword } from '../password';
import type { Scenario, ScenarioFamily } from './format';
import { validateScenarioText, type Problem } from './validate';
import { usernameKey } from '../names';
import { subjectHash } from '../oidc/subject';
import { decodeTotpSecret } from '../second-factor/totp';

export type LoadResult =
	| { ok: true; counts: Record<string, number> }
	| { ok: false; problems: Problem[] };

/** Validates the text and, when it has no problem, loads it. Nothing is written otherwise. */
export async function loadScenarioText(db: Db, source: string): Promise<LoadResult> {
	const result = validateScenarioText(source);
	if (!result.ok) return result;
	const unlinkable = oidcSubjectPaths(result.scenario);
	if (unlinkable.length > 0 && !process.env.OIDC_ISSUER) {
		return { ok: false, problems: unlinkable.map((path) => ({ path, message: 'an oidcSubject is linked for the provider of OIDC_ISSUER: set it when loading' })) };
	}
	return { ok: true, counts: await loadScenario(db, result.scenario) };
}

type Rows = {
	organisations: (typeof t.organisations.$inferInsert)[];
	professionals: (typeof t.professionals.$inferInsert)[];
	administrators: (typeof t.administrators.$inferInsert)[];
	families: (typeof t.families.$inferInsert)[];
	members: (typeof t.members.$inferInsert)[];
	custody: (typeof t.custody.$inferInsert)[];
	informationRights: (typeof t.informationRights.$inferInsert)[];
	teamMemberships: (typeof t.teamMemberships.$inferInsert)[];
	services: (typeof t.services.$inferInsert)[];
	goals: (typeof t.goals.$inferInsert)[];
	tasks: (typeof t.tasks.$inferInsert)[];
	assessments: (typeof t.assessments.$inferInsert)[];
	voiceItems: (typeof t.voiceItems.$inferInsert)[];
	consents: (typeof t.consents.$inferInsert)[];
	blocks: (typeof t.blocks.$inferInsert)[];
	invitations: (typeof t.invitations.$inferInsert)[];
	emergencyAccesses: (typeof t.emergencyAccesses.$inferInsert)[];
	meetings: (typeof t.meetings.$inferInsert)[];
	familyOutcomes: (typeof t.familyOutcomes.$inferInsert)[];
	threads: (typeof t.threads.$inferInsert)[];
	threadParticipants: (typeof t.threadParticipants.$inferInsert)[];
	threadMessages: (typeof t.threadMessages.$inferInsert)[];
	accounts: (typeof t.accounts.$inferInsert)[];
	totpCredentials: (typeof t.totpCredentials.$inferInsert)[];
};

/** Parent tables first, so that foreign keys hold at every insert. */
const INSERT_ORDER = [
	'organisations', 'professionals', 'administrators', 'families', 'members', 'custody',
	'informationRights', 'teamMemberships', 'services', 'goals', 'tasks', 'assessments',
	'meetings', 'voiceItems', 'consents', 'blocks', 'invitations', 'emergencyAccesses', 'familyOutcomes',
	'threads', 'threadParticipants', 'threadMessages', 'accounts',
	'totpCredentials'
] as const satisfies readonly (keyof Rows)[];

/**
 * Tables the loader empties; sessions, calendar feeds, sign-in codes, the access log, rights proposals and
 * the administration log go too: they belong to the old data.
 */
const CLEAR_ORDER = ['threadReads', 'notifications', 'webauthnCredentials', 'recoveryCodes', 'signInEvents', 'factorResets', 'sessions', 'calendarFeeds', 'oidcFlows', 'oidcIdentities', 'signInCodes', 'accessLog', 'rightProposals', 'administrationLog', 'accessibilityFeedback', ...[...INSERT_ORDER].reverse()] as const;

/**
 * The tables of the database that hold rows a load would remove (empty when it holds
 * none): the loader replaces such a database only when told to.
 */
export function tablesWithData(db: Db): string[] {
	return CLEAR_ORDER.filter((table) => db.select({ one: sql`1` }).from(t[table]).limit(1).all().length > 0).map((table) => getTableName(t[table]));
}

/** Loads an already validated scenario. Passwords are hashed first, outside the transaction. */
export async function loadScenario(db: Db, scenario: Scenario): Promise<Record<string, number>> {
	const rows = await toRows(scenario);
	db.transaction((tx) => {
		for (const table of CLEAR_ORDER) tx.delete(t[table]).run();
		tx.run(sql`DELETE FROM sqlite_sequence WHERE name IN ('access_log', 'team_memberships')`);
		for (const table of INSERT_ORDER) insertInChunks(tx, table, rows[table]);
		linkOidcSubjects(tx, scenario);
	});
	return Object.fromEntries(INSERT_ORDER.map((table) => [table, rows[table].length]));
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function insertInChunks<K extends keyof Rows>(tx: Tx, table: K, values: Rows[K]) {
	const CHUNK = 500;
	for (let i = 0; i < values.length; i += CHUNK) {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		tx.insert(t[table] as any).values(values.slice(i, i + CHUNK)).run();
	}
}

async function toRows(scenario: Scenario): Promise<Rows> {
	const rows: Rows = {
		organisations: scenario.organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, onDuty: o.onDuty ?? null })),
		professionals: scenario.professionals.map((p) => ({
			id: p.id, name: p.name, organisationId: p.organisation, title: p.title ?? '',
			phone: p.phone ?? null, email: p.email ?? null, authority: p.authority ?? false, manager: p.manager ?? false,
			notify: p.notify ?? null
		})),
		administrators: scenario.administrators.map((a) => ({ id: a.id, name: a.name })),
		families: [], members: [], custody: [], informationRights: [], teamMemberships: [],
		services: [], goals: [], tasks: [], assessments: [], voiceItems: [], consents: [],
		blocks: [], invitations: [], emergencyAccesses: [], meetings: [], familyOutcomes: [], threads: [], threadParticipants: [], threadMessages: [], accounts: [], totpCredentials: []
	};
	const logins: { username: string; password: string; row: Omit<Rows['accounts'][number], 'passwordHash' | 'username'> }[] = [];
	for (const p of scenario.professionals) {
		if (p.username && p.password) logins.push({ username: p.username, password: p.password, row: { id: `pro:${p.id}`, kind: 'professional', professionalId: p.id } });
	}
	for (const a of scenario.administrators) {
		logins.push({ username: a.username, password: a.password, row: { id: `adm:${a.id}`, kind: 'administrator', administratorId: a.id } });
	}
	for (const family of scenario.families) addFamilyRows(rows, family, logins);
	rows.accounts = await hashAll(logins);
	rows.totpCredentials = totpRows(scenario);
	return rows;
}

/** Demo accounts enrolled with a known app key (`totpSecret`), so that a demo sign-in can pass the second factor. */
function totpRows(scenario: Scenario): Rows['totpCredentials'] {
	const enrolledAt = new Date().toISOString();
	const withSecret = [
		...scenario.professionals.filter((p) => p.username).map((p) => ({ accountId: `pro:${p.id}`, secret: p.totpSecret })),
		...scenario.administrators.map((a) => ({ accountId: `adm:${a.id}`, secret: a.totpSecret }))
	];
	return withSecret.flatMap(({ accountId, secret }) => {
		const key = secret === undefined ? null : decodeTotpSecret(secret);
		return key ? [{ accountId, key: Buffer.from(key), enrolledAt }] : [];
	});
}

function addFamilyRows(rows: Rows, family: ScenarioFamily, logins: Parameters<typeof hashAll>[0]) {
	const familyId = family.id;
	const memberIds = new Set(family.members.map((m) => m.id));
	rows.families.push({ id: familyId, name: family.name, stage: family.stage, path: family.path });
	family.outcomes.forEach((o, i) => rows.familyOutcomes.push({ id: `${familyId}-outcome-${i}`, familyId, ...o }));
	for (const m of family.meetings) {
		rows.meetings.push({
			id: m.id, familyId, start: m.start, title: m.title ?? null, place: m.place ?? null, interpreterBooked: m.interpreterBooked,
			memberIds: m.participants.filter((p) => memberIds.has(p)), professionalIds: m.participants.filter((p) => !memberIds.has(p))
		});
	}
	for (const m of family.members) {
		rows.members.push({
			id: m.id, familyId, name: m.name, birthDate: m.birthDate, language: m.language ?? null,
			interpreter: m.interpreter ?? false, protectedIdentity: m.protectedIdentity ?? false,
			mature: m.mature ?? null, hiddenFromCustodians: [...new Set(m.hiddenFromCustodians ?? [])],
			email: m.email ?? null, phone: m.phone ?? null, notify: m.notify ?? null
		});
		for (const custodianId of new Set(m.custodians ?? [])) rows.custody.push({ childId: m.id, custodianId });
		for (const right of m.informationRight ?? []) {
			rows.informationRights.push({ adultId: m.id, childId: right.child, categories: [...new Set(right.categories)] });
		}
		if (m.username && m.password) {
			logins.push({ username: m.username, password: m.password, row: { id: `mem:${m.id}`, kind: 'member', memberId: m.id } });
		}
	}
	for (const tm of family.team) {
		rows.teamMemberships.push({ familyId, professionalId: tm.professional, role: tm.role, from: tm.from, until: tm.until ?? null });
	}
	for (const s of family.services) {
		rows.services.push({
			id: s.id, familyId, subjectId: s.subject, name: s.name, providerId: s.provider, unit: s.unit ?? null,
			status: s.status, start: s.start ?? null, end: s.end ?? null, contactId: s.contact ?? null
		});
	}
	for (const g of family.goals) rows.goals.push({ id: g.id, familyId, subjectId: g.subject, text: g.text });
	for (const task of family.tasks) {
		const toMember = task.assignee != null && memberIds.has(task.assignee);
		rows.tasks.push({
			id: task.id, familyId, goalId: task.goal, text: task.text, due: task.due ?? null, done: task.done ?? false,
			assigneeMemberId: toMember ? task.assignee : null,
			assigneeProfessionalId: !toMember && task.assignee ? task.assignee : null
		});
	}
	for (const a of family.assessments) {
		rows.assessments.push({ id: a.id, familyId, subjectId: a.subject, area: a.area, authorId: a.author, text: a.text, created: a.created ?? null });
	}
	for (const v of family.voice) {
		rows.voiceItems.push({
			id: v.id, familyId, authorId: v.author, kind: v.kind, text: v.text,
			shareWithFamily: v.shareWithFamily, shareWithTeam: v.shareWithTeam, created: v.created,
			meetingId: v.meeting ?? null, goalId: v.goal ?? null, feeling: v.feeling ?? null, answers: v.answers ?? null, score: v.score ?? null
		});
	}
	for (const c of family.consents) {
		rows.consents.push({
			id: c.id, familyId, decision: c.decision, grantorId: c.grantor, subjectId: c.subject,
			granteeProfessionalId: 'professional' in c.grantee ? c.grantee.professional : null,
			granteeOrganisationId: 'organisation' in c.grantee ? c.grantee.organisation : null,
			categories: [...new Set(c.categories)], from: c.from, until: c.until ?? null, revoked: c.revoked ?? null
		});
	}
	for (const b of family.blocks) {
		rows.blocks.push({
			id: b.id, familyId, memberId: b.member, childId: b.scope === 'family' ? null : b.scope.child,
			reason: b.reason, setBy: b.setBy, from: b.from, until: b.until ?? null, review: b.review, note: b.note ?? null
		});
	}
	for (const inv of family.invitations) {
		rows.invitations.push({
			id: inv.id, familyId, fromId: inv.from, toId: inv.to, text: inv.text, created: inv.created,
			answered: inv.answered ?? null, withdrawn: inv.withdrawn ?? false
		});
	}
	for (const e of family.emergencyAccess) {
		rows.emergencyAccesses.push({ id: e.id, familyId, professionalId: e.professional, reason: e.reason, opened: e.opened });
	}
	addThreadRows(rows, family, memberIds);
}

/** Threads (FORMAT.md version 2): created at their first message; a withdrawn message at the time it was sent. */
function addThreadRows(rows: Rows, family: ScenarioFamily, memberIds: Set<string>) {
	const familyId = family.id;
	for (const th of family.threads) {
		const created = th.messages.map((m) => m.sent).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? new Date().toISOString();
		rows.threads.push({ id: th.id, familyId, created, startedByMember: null, startedByProfessional: null });
		for (const p of th.participants) {
			const member = memberIds.has(p);
			rows.threadParticipants.push({ familyId, threadId: th.id, memberId: member ? p : null, professionalId: member ? null : p, addedAt: created, addedBy: null });
		}
		for (const m of th.messages) {
			const member = memberIds.has(m.author);
			rows.threadMessages.push({
				id: m.id, familyId, threadId: th.id, text: m.text, sent: m.sent, withdrawnAt: m.withdrawn ? m.sent : null,
				authorMember: member ? m.author : null, authorProfessional: member ? null : m.author
			});
		}
	}
}

/** Hashes every password, a few at a time (argon2 runs on libuv's thread pool). */
async function hashAll(logins: { username: string; password: string; row: Omit<Rows['accounts'][number], 'passwordHash' | 'username'> }[]) {
	const out: Rows['accounts'] = [];
	const PARALLEL = 4;
	for (let i = 0; i < logins.length; i += PARALLEL) {
		const batch = logins.slice(i, i + PARALLEL);
		const hashes = await Promise.all(batch.map((login) => hashPassword(login.password)));
		batch.forEach((login, j) => out.push({ ...login.row, username: usernameKey(login.username), passwordHash: hashes[j] }));
	}
	return out;
}

/** The paths of the members given an `oidcSubject`. */
function oidcSubjectPaths(scenario: Scenario): string[] {
	return scenario.families.flatMap((f, i) => f.members.flatMap((m, j) => (m.oidcSubject === undefined ? [] : [`families[${i}].members[${j}].oidcSubject`])));
}

/** `members[].oidcSubject`: linked to the member's account for the provider of `OIDC_ISSUER`, only its keyed hash kept. */
function linkOidcSubjects(tx: Tx, scenario: Scenario) {
	const linkedAt = new Date().toISOString();
	for (const m of scenario.families.flatMap((f) => f.members)) {
		if (m.oidcSubject === undefined || !process.env.OIDC_ISSUER) continue;
		tx.insert(t.oidcIdentities).values({
			id: `oidc-${m.id}`, issuer: process.env.OIDC_ISSUER, subjectHash: subjectHash(tx, m.oidcSubject), accountId: `mem:${m.id}`, linkedAt
		}).run();
	}
}
