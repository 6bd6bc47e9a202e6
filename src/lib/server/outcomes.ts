/**
 * The seed project's outcome figures for a manager: children in the service, the share
 * of young people with the youth nurse, the share of parents with adult social work,
 * the outcome at the end and 6 and 12 months after, and the recommendation score (NPS)
 * of young people and of parents apart. Families count only where the policy allows
 * (O1); every count under 5 is shown as "<5", so that no one can be recognised.
 */
import type { Db } from './db';
import { sql } from 'drizzle-orm';
import { organisations, OUTCOME_POINTS, OUTCOMES } from './db/schema';
import { loadFamilyRecord } from './family-record';
import { computeFacts, type FamilyFacts } from './policy/facts';
import { decide } from './policy/decide';
import type { FamilyRecord, ProfessionalPrincipal } from './policy/types';
import { addDays, ageOn, helsinkiDayOf } from './time';

export const SMALLEST_SHOWN = 5;

/** A count, or suppressed when under 5. */
export type Count = { value: number } | { suppressed: true };
/** A share in per cent, suppressed when its part or the rest is under 5 (the rest would tell the part). */
export type Share = { percent: number; of: number } | { suppressed: true };
/** NPS from -100 to 100, suppressed with under 5 answers. */
export type Score = { nps: number; answers: number } | { suppressed: true };

export type OutcomeFigures = {
	from: string; until: string;
	families: Count; children: Count;
	youngWithNurse: Share; parentsWithAdultSocialWork: Share;
	outcomes: Record<(typeof OUTCOME_POINTS)[number], Record<(typeof OUTCOMES)[number], Count>>;
	nps: { young: Score; parents: Score };
};

export function count(n: number): Count {
	return n < SMALLEST_SHOWN ? { suppressed: true } : { value: n };
}

export function share(part: number, whole: number): Share {
	if (part < SMALLEST_SHOWN || whole - part < SMALLEST_SHOWN) return { suppressed: true };
	return { percent: Math.round((100 * part) / whole), of: whole };
}

/** Promoters (9-10) less detractors (0-6), per cent of the answers. */
export function netPromoterScore(scores: number[]): Score {
	if (scores.length < SMALLEST_SHOWN) return { suppressed: true };
	const promoters = scores.filter((s) => s >= 9).length;
	const detractors = scores.filter((s) => s <= 6).length;
	return { nps: Math.round((100 * (promoters - detractors)) / scores.length), answers: scores.length };
}

const overlaps = (start: string | null, end: string | null, from: string, until: string) =>
	(start ?? '0000-01-01') < until && (end === null || end >= from);

type Tally = { families: number; children: number; young: number; youngWithNurse: number; parents: number; parentsWithAsw: number;
	outcomes: Record<string, number>; youngScores: number[]; parentScores: number[] };

/** Adds one family's numbers to the tally; `kinds` tells each provider organisation's kind. */
function tallyFamily(tally: Tally, facts: FamilyFacts, kinds: Map<string, string>, from: string, until: string, lastDay: string) {
	const record: FamilyRecord = facts.record;
	tally.families += 1;
	const servedBy = (memberId: string, kind: string) => record.services.some((s) =>
		s.subject === memberId && kinds.get(s.providerId) === kind && overlaps(s.start, s.end, from, until));
	const custodians = new Set(record.members.flatMap((m) => m.custodians));
	for (const m of record.members) {
		const age = ageOn(m.birthDate, lastDay);
		if (age < 18) {
			tally.children += 1;
			if (age >= 12) {
				tally.young += 1;
				if (servedBy(m.id, 'health')) tally.youngWithNurse += 1;
			}
		} else if (custodians.has(m.id)) {
			tally.parents += 1;
			if (servedBy(m.id, 'adult-social-work')) tally.parentsWithAsw += 1;
		}
	}
	for (const o of record.outcomes) if (o.recorded >= from && o.recorded < until) tally.outcomes[`${o.point}/${o.outcome}`] = (tally.outcomes[`${o.point}/${o.outcome}`] ?? 0) + 1;
	for (const v of record.voice) {
		const day = helsinkiDayOf(v.created);
		// Only feedback its author shared with the team counts: nobody's voice is used against their choice (P5).
		if (v.kind !== 'feedback' || v.score === null || !v.shareWithTeam || day < from || day >= until) continue;
		const author = record.members.find((m) => m.id === v.author);
		if (!author) continue;
		(ageOn(author.birthDate, day) < 18 ? tally.youngScores : tally.parentScores).push(v.score);
	}
}

/** The figures over [from, until) for the manager's organisation's families. */
export function outcomeFigures(db: Db, who: ProfessionalPrincipal, from: string, until: string, now: Date = new Date()): OutcomeFigures {
	const kinds = new Map(db.select({ id: organisations.id, kind: organisations.kind }).from(organisations).all().map((o) => [o.id, o.kind]));
	const tally: Tally = { families: 0, children: 0, young: 0, youngWithNurse: 0, parents: 0, parentsWithAsw: 0, outcomes: {}, youngScores: [], parentScores: [] };
	const lastDay = addDays(until, -1);
	// Candidates by SQL (coordinated by the organisation in the period); the policy decides each (O1).
	const candidates = db.all<{ id: string }>(sql`SELECT DISTINCT tm.family_id AS id FROM team_memberships tm
		JOIN professionals p ON p.id = tm.professional_id
		WHERE tm.role = 'coordinator' AND p.organisation_id = ${who.organisationId} AND tm."from" < ${until} AND (tm.until IS NULL OR tm.until > ${from})`);
	for (const { id } of candidates) {
		const record = loadFamilyRecord(db, id);
		if (!record) continue;
		const facts = computeFacts(record, { today: lastDay, now });
		if (!decide(facts, who, { type: 'read.statistics', from, until }).allow) continue;
		tallyFamily(tally, facts, kinds, from, until, lastDay);
	}
	const outcomes = Object.fromEntries(OUTCOME_POINTS.map((point) =>
		[point, Object.fromEntries(OUTCOMES.map((o) => [o, count(tally.outcomes[`${point}/${o}`] ?? 0)]))])) as OutcomeFigures['outcomes'];
	return {
		from, until, families: count(tally.families), children: count(tally.children),
		youngWithNurse: share(tally.youngWithNurse, tally.young), parentsWithAdultSocialWork: share(tally.parentsWithAsw, tally.parents),
		outcomes, nps: { young: netPromoterScore(tally.youngScores), parents: netPromoterScore(tally.parentScores) }
	};
}
