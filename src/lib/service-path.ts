/**
 * The service path as the family reads it: each stage with where the family is, and
 * when — the date a stage began, the date one is planned, or, where nothing is
 * planned yet, what the seed model promises: a review after a working period of about
 * six months, follow-ups 6 and 12 months after the end.
 */

import { STAGES as PATH_STAGES, type Stage as PathStage } from './domain';

export type { PathStage };

/** When a step happened or happens: a recorded date, or an estimate from the model. */
export type StepWhen =
	| { kind: 'began'; date: string }
	| { kind: 'planned'; date: string }
	| { kind: 'about'; date: string }
	| { kind: 'follow-ups'; sixMonths: string; twelveMonths: string }
	| null;
export type PathStep = { stage: PathStage; state: 'done' | 'now' | 'ahead'; when: StepWhen };

const WORKING_PERIOD_MONTHS = 6;

/** The date `months` after `date`, clamped to the month's end (31 Aug + 6 months = 28 Feb). */
export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, lastDay));
	return first.toISOString().slice(0, 10);
}

export function servicePath(stage: string, dates: { stage: string; from: string }[], today: string): PathStep[] {
	const current = PATH_STAGES.indexOf(stage as PathStage);
	const dateOf = (s: PathStage) => dates.find((d) => d.stage === s)?.from ?? null;
	return PATH_STAGES.map((s, i) => ({
		stage: s,
		state: i < current ? 'done' : i === current ? 'now' : 'ahead',
		when: whenOf(s, dateOf, today)
	}));
}

function whenOf(stage: PathStage, dateOf: (s: PathStage) => string | null, today: string): StepWhen {
	const ended = dateOf('ended');
	if (stage === 'follow-up') {
		return ended ? { kind: 'follow-ups', sixMonths: addMonths(ended, 6), twelveMonths: addMonths(ended, 12) } : null;
	}
	const date = dateOf(stage);
	if (date) return date <= today ? { kind: 'began', date } : { kind: 'planned', date };
	const working = dateOf('working');
	if (stage === 'review' && working) return { kind: 'about', date: addMonths(working, WORKING_PERIOD_MONTHS) };
	return null;
}
