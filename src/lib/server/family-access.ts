/**
 * The only way from stored family data to a route: every function here loads a record,
 * lets the policy layer decide, logs a professional's read (L1) and returns a view.
 */
import { eq, or, sql } from 'drizzle-orm';
import type { Db } from './db';
import { emergencyAccesses, families, invitations, teamMemberships } from './db/schema';
import { appendAccessLog, visibleAccessLog, type LogEntryView } from './access-log';
import { loadFamilyRecord } from './family-record';
import { computeFacts, type FamilyFacts } from './policy/facts';
import { buildFamilyView, type FamilyView, type LogRead } from './policy/view';
import { decide, standingFor } from './policy/decide';
import { reachesFamily } from './policy/preamble';
import type { Clock, Principal, ProfessionalPrincipal } from './policy/types';
import { helsinkiToday } from './time';
import { remindersOf, type Reminder } from './reminders';
import { unreadTotal } from './thread-unread';
import type { ReadSurface } from '../domain';

/** The clock of one request. */
export function currentClock(now: Date = new Date()): Clock {
	return { today: helsinkiToday(now), now };
}

/**
 * Everything the principal may see of the family, or null when nothing (or no such
 * family). A professional's read is logged once, allowed or denied, with the `surface`
 * that shows it (N3 asks which reads showed the coordinator a signal).
 */
export function readFamilyView(db: Db, who: Principal, familyId: string, clock: Clock, surface: ReadSurface): FamilyView | null {
	return readAndLog(db, who, familyId, clock, surface, () => true);
}

/** What the messages pages show of a family: its id and name, the members the reader may see, the threads. */
export type FamilyThreads = Pick<FamilyView, 'id' | 'name' | 'threads'> & { members: { id: string; name: string }[] };

/**
 * The family's threads the principal may read (G1-G3), or null as `readFamilyView`. A
 * professional's entry lists only what the page shows, the basic data and the threads:
 * a messages page neither shows nor logs the plan or a safety signal (N3 would count it
 * as opened).
 */
export function readFamilyThreads(db: Db, who: Principal, familyId: string, clock: Clock): FamilyThreads | null {
	const view = readAndLog(db, who, familyId, clock, 'messages', (read) => read.category === 'basic' || read.category === 'messages');
	if (!view) return null;
	return { id: view.id, name: view.name, threads: view.threads, members: (view.basic?.members ?? []).map(({ id, name }) => ({ id, name })) };
}

/** Builds the view and logs a professional's read of it: the reads that `shown` keeps, on `surface`. */
function readAndLog(db: Db, who: Principal, familyId: string, clock: Clock, surface: ReadSurface, shown: (read: LogRead) => boolean): FamilyView | null {
	if (!reachesFamily(who, familyId)) return null;
	const record = loadFamilyRecord(db, familyId);
	if (!record) return null;
	const built = buildFamilyView(record, who, clock);
	if (who.kind === 'professional') {
		const reads = built.view ? built.reads.filter(shown) : built.reads;
		appendAccessLog(db, {
			professional: who, familyId, reads, surface,
			emergency: (built.standing?.emergency.length ?? 0) > 0, at: clock.now
		});
	}
	return built.view;
}

/** The families of which the principal may see anything: id and name. */
export function listFamilies(db: Db, who: Principal, clock: Clock = currentClock()): { id: string; name: string }[] {
	if (who.kind === 'administrator') return [];
	if (who.kind === 'member') {
		return db.select({ id: families.id, name: families.name }).from(families).where(eq(families.id, who.familyId)).all();
	}
	return professionalCaseload(db, who, clock).map(({ id, name }) => ({ id, name }));
}

export type CaseloadEntry = { id: string; name: string; stage: string; role: 'coordinator' | 'member' | null; emergency: boolean; invited: boolean };

/**
 * The families a professional may see today, with their standing in each. The names and
 * stages shown are basic data, so each listed family gets its access-log entry (L1).
 */
export function professionalCaseload(db: Db, who: ProfessionalPrincipal, clock: Clock = currentClock()): CaseloadEntry[] {
	return eachSeenFamily(db, who, '', (id): CaseloadEntry | null => {
		const record = loadFamilyRecord(db, id);
		if (!record) return null;
		const facts = computeFacts(record, clock);
		const basic = decide(facts, who, { type: 'read.basic' });
		if (!basic.allow) return null;
		const standing = standingFor(facts, who)!;
		appendAccessLog(db, {
			professional: who, familyId: id, emergency: standing.emergency.length > 0, at: clock.now, surface: 'family-list',
			reads: [{ subject: null, category: 'basic', allowed: true, rules: basic.rules, consents: basic.consents }]
		});
		return {
			id, name: record.name, stage: record.stage, role: standing.role ?? null,
			emergency: standing.emergency.length > 0, invited: standing.invitations.length > 0
		};
	});
}

/** `unread`: new messages in the threads this professional may read there (G5). */
export type WorkEntry = CaseloadEntry & { reminders: Reminder[]; unread: number };

/**
 * "My work": the families the professional may see today, each read through the policy
 * (and logged, L1: the reminders are drawn from the family's data), with the reminders
 * computed from what this professional may see. `search` filters by family name.
 */
export function professionalWork(db: Db, who: ProfessionalPrincipal, search = '', clock: Clock = currentClock()): WorkEntry[] {
	return eachSeenFamily(db, who, search, (id): WorkEntry | null => {
		const view = readFamilyView(db, who, id, clock, 'work-list');
		if (!view || !view.basic) return null;
		return {
			id, name: view.name, stage: view.basic.stage, role: view.viewer.role ?? null,
			emergency: view.viewer.emergency ?? false, invited: view.viewer.invited ?? false,
			reminders: remindersOf(view, who.professionalId, clock.today),
			unread: unreadTotal(db, who, view.threads)
		};
	});
}

/**
 * The one loop of the professional's lists: each family they might see (`search` filters
 * by name, case aside), read by `entryOf` (null: nothing to see), sorted by name.
 */
function eachSeenFamily<T extends { name: string }>(db: Db, who: ProfessionalPrincipal, search: string, entryOf: (familyId: string) => T | null): T[] {
	const wanted = search.trim().toLocaleLowerCase('fi');
	const out: T[] = [];
	for (const { id, name } of candidateFamiliesOf(db, who.professionalId)) {
		if (wanted && !name.toLocaleLowerCase('fi').includes(wanted)) continue;
		const entry = entryOf(id);
		if (entry) out.push(entry);
	}
	return out.sort((a, b) => a.name.localeCompare(b.name, 'fi'));
}

/**
 * The family an authority names for emergency access (P8): the ids of the families with
 * exactly that name (case and spacing aside). Nobody else may look families up.
 */
export function familiesNamed(db: Db, who: ProfessionalPrincipal, name: string): string[] {
	if (!who.authority) return [];
	const wanted = name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');
	if (!wanted) return [];
	return db.select({ id: families.id, name: families.name }).from(families).all()
		.filter((f) => f.name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi') === wanted).map((f) => f.id);
}

/** Families where the professional is or was on the team, invited or opened emergency access. */
export function candidateFamiliesOf(db: Db, professionalId: string): { id: string; name: string }[] {
	return db.select({ id: families.id, name: families.name }).from(families).where(or(
		sql`${families.id} IN (SELECT family_id FROM ${teamMemberships} WHERE professional_id = ${professionalId})`,
		sql`${families.id} IN (SELECT family_id FROM ${invitations} WHERE to_id = ${professionalId})`,
		sql`${families.id} IN (SELECT family_id FROM ${emergencyAccesses} WHERE professional_id = ${professionalId})`
	)).all();
}

/** L2: the access-log entries the principal may see; null when they may see nothing of the family. */
export function readAccessLog(db: Db, who: Principal, familyId: string, clock: Clock = currentClock()): LogEntryView[] | null {
	const facts = familyFacts(db, who, familyId, clock);
	if (!facts) return null;
	if (who.kind === 'professional' && !decide(facts, who, { type: 'read.basic' }).allow) return null;
	return visibleAccessLog(db, facts, who);
}

/**
 * The day's facts of a family for a write decision; null when the principal is not of
 * the family (members) or the family does not exist. Callers must pass every write
 * through `decide` before changing anything.
 */
export function familyFacts(db: Db, who: Principal, familyId: string, clock: Clock = currentClock()): FamilyFacts | null {
	if (!reachesFamily(who, familyId)) return null;
	const record = loadFamilyRecord(db, familyId);
	return record ? computeFacts(record, clock) : null;
}
