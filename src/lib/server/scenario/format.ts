/**
 * The shape of a `family-portal-scenario/1` file (shared/scenario/FORMAT.md) as a zod
 * schema. Objects are strict: a misspelt key such as `hiddenFromCustodian` would
 * otherwise be dropped silently and could expose a child's data.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../../ids';
import {
	ASSESSMENT_AREAS, BLOCK_REASONS, CONSENT_CATEGORIES, FEEDBACK_QUESTIONS, FEELINGS, HIDEABLE_CATEGORIES, ORGANISATION_KINDS,
	OUTCOME_POINTS, OUTCOMES, PREP_QUESTIONS, SERVICE_STATUSES, STAGES, TEAM_ROLES, VOICE_KINDS, MESSAGE_MAX_LENGTH
} from '../db/schema';
import { isIsoDate, isIsoTimestamp } from '../time';
import { MAX_PASSWORD_LENGTH } from '../password';
import { nameField, usernameField } from '../names';
import { sayNameProblem, sayUsernameProblem } from './name-problems';
import { CHANNELS } from '../notifications/types';
import { normalisePhone } from '../../phone';
import { decodeTotpSecret } from '../second-factor/totp';

export const SCENARIO_FORMAT = 'family-portal-scenario/1';

const id = z.string().regex(ID_PATTERN, 'an id is 1-64 characters of A-Z, a-z, 0-9, _ and -');
const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language is a tag such as "fi" or "ar"');
const date = z.string().refine(isIsoDate, 'not a date of the form YYYY-MM-DD');
const timestamp = z.string().refine(isIsoTimestamp, 'not an ISO 8601 timestamp with a zone, on a day that exists');
/** A day, or a moment of it: one check, so that a bad value is named as a date problem (a union would say only "Invalid input"). */
const dateOrTimestamp = z.string().refine((value) => isIsoDate(value) || isIsoTimestamp(value), 'not a date (YYYY-MM-DD) or an ISO 8601 timestamp with a zone');
const text = z.string().trim().min(1, 'must not be empty');
/** A person's, family's or organisation's name: readable (names.ts), each problem said in words. */
const name = nameField({ say: sayNameProblem });
/**
 * A username: the characters of names.ts, compared and stored as its `usernameKey`. FORMAT.md sets no
 * length, so files keep the 1-128 the loader always took; the forms ask for 3 or more.
 */
const username = usernameField({ min: 1, say: sayUsernameProblem, keepCase: true });
const password = z.string().min(1, 'a password must not be empty').max(MAX_PASSWORD_LENGTH);
/** A demo's known authenticator-app key (#17): base32, at least 80 bits; the account starts enrolled with it. */
const totpSecret = z.string().max(128).refine((s) => decodeTotpSecret(s) !== null, 'a TOTP secret is base32 (A-Z, 2-7) of at least 16 characters');

/** E.164: a plus, a country code and at most 15 digits in all (FORMAT.md version 2). */
export const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, e.g. +358401234567');
const email = z.email('not an e-mail address');
const contactPhone = z.string().refine((value) => e164.safeParse(normalisePhone(value)).success, 'a phone number in E.164 form, e.g. +358 40 123 4567');
/** Helsinki wall-clock time `HH:MM`. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of the form HH:MM, e.g. 21:00');
/** A person's notification choice (POLICY.md N3): `channels: []` turns them off. */
export const notifySettings = z.strictObject({
	channels: z.array(z.enum(CHANNELS)).refine((c) => new Set(c).size === c.length, 'each channel once'),
	quiet: z.strictObject({ from: clockTime, until: clockTime })
		.refine((q) => q.from !== q.until, 'quiet hours need a different start and end').nullish()
});
const onDuty = z.strictObject({
	email: email.nullish(), phone: e164.nullish(),
	afterMinutes: z.number().int('whole minutes').min(1, 'at least 1 minute').max(10_080, 'at most a week (10080 minutes)')
}).refine((d) => d.email || d.phone, 'an on-duty address needs an e-mail or a phone');

const organisation = z.strictObject({ id, name, kind: z.enum(ORGANISATION_KINDS), onDuty: onDuty.optional() });

const professional = z.strictObject({
	id, name, organisation: id,
	// FORMAT.md's own example writes a professional's phone with spaces ("+358 40 000 0001"):
	// E.164 once the spaces, brackets and hyphens a person types are left out, as the sender does.
	title: z.string().optional(), phone: contactPhone.nullish(), email: email.nullish(),
	username: username.optional(), password: password.optional(),
	authority: z.boolean().optional(),
	manager: z.boolean().optional(),
	notify: notifySettings.optional(),
	totpSecret: totpSecret.optional()
});

const administrator = z.strictObject({ id, name, username, password, totpSecret: totpSecret.optional() });

const member = z.strictObject({
	id, name, birthDate: date,
	language: languageTag.nullish(),
	interpreter: z.boolean().optional(),
	protectedIdentity: z.boolean().optional(),
	username: username.optional(), password: password.optional(),
	custodians: z.array(id).optional(),
	mature: z.boolean().nullish(),
	hiddenFromCustodians: z.array(z.enum(HIDEABLE_CATEGORIES)).optional(),
	informationRight: z.array(z.strictObject({ child: id, categories: z.array(z.enum(HIDEABLE_CATEGORIES)).min(1) })).optional(),
	email: email.nullish(),
	phone: e164.nullish(),
	notify: notifySettings.optional(),
	/** A subject of the `OIDC_ISSUER` provider already linked to the member's account (tests, demos); kept hashed. */
	oidcSubject: z.string().min(1).max(255).optional()
});

const teamMembership = z.strictObject({
	professional: id, role: z.enum(TEAM_ROLES), from: date, until: date.nullish()
});

const service = z.strictObject({
	id, subject: id, name: text, provider: id, unit: z.string().nullish(),
	status: z.enum(SERVICE_STATUSES), start: date.nullish(), end: date.nullish(), contact: id.nullish()
});

const goal = z.strictObject({ id, subject: id.nullable(), text });

const task = z.strictObject({
	id, goal: id, assignee: id.nullish(), text, due: date.nullish(), done: z.boolean().optional()
});

const assessment = z.strictObject({
	id, subject: id.nullable(), area: z.enum(ASSESSMENT_AREAS), author: id, text, created: date.nullish()
});

const answer = z.string().trim().min(1, 'must not be empty').max(4000);
const voice = z.strictObject({
	id, author: id, kind: z.enum(VOICE_KINDS), text: z.string().trim(),
	shareWithFamily: z.boolean(), shareWithTeam: z.boolean(), created: dateOrTimestamp,
	// Additions (README): the meeting a preparation or feedback is about, a check-in's
	// picture card, answers to the meeting questions, and feedback's 0-10 score.
	meeting: id.nullish(),
	goal: id.nullish(),
	feeling: z.enum(FEELINGS).nullish(),
	answers: z.partialRecord(z.enum([...PREP_QUESTIONS, ...FEEDBACK_QUESTIONS]), answer).nullish(),
	score: z.number().int().min(0).max(10).nullish()
}).superRefine((v, ctx) => {
	const say = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
	const answered = Object.keys(v.answers ?? {});
	if (v.text === '' && !v.feeling && answered.length === 0) say('text', 'must not be empty (or give a feeling or answers)');
	if (v.feeling && v.kind !== 'checkin') say('feeling', 'only a check-in has a feeling');
	if (v.score != null && v.kind !== 'feedback') say('score', 'only feedback has a score');
	if (v.meeting && v.kind !== 'meeting-prep' && v.kind !== 'feedback') say('meeting', 'only meeting preparation and feedback name a meeting');
	if (v.goal && v.kind !== 'view') say('goal', 'only a view is about a goal');
	const allowed: readonly string[] = v.kind === 'meeting-prep' ? PREP_QUESTIONS : v.kind === 'feedback' ? FEEDBACK_QUESTIONS : [];
	for (const key of answered) if (!allowed.includes(key)) say('answers', `"${key}" is not a question of ${v.kind}`);
});

const meeting = z.strictObject({
	id, start: timestamp, title: z.string().trim().max(200).nullish(),
	participants: z.array(id).default([]),
	// Additions (README): where or how it is held, and the languages with an interpreter booked.
	place: z.string().trim().min(1, 'a place may not be empty (leave it out instead)').max(200).nullish(),
	interpreterBooked: z.array(languageTag).default([])
});

const outcome = z.strictObject({
	point: z.enum(OUTCOME_POINTS), outcome: z.enum(OUTCOMES), recorded: date, recordedBy: id
});

const pathStep = z.strictObject({ stage: z.enum(STAGES), from: date });

const grantee = z.union([
	z.strictObject({ professional: id }),
	z.strictObject({ organisation: id })
], { error: 'a grantee is { "professional": id } or { "organisation": id }' });

const consent = z.strictObject({
	id, decision: z.enum(['grant', 'refuse']), grantor: id, subject: id.nullable(), grantee,
	categories: z.array(z.enum(CONSENT_CATEGORIES)).min(1),
	from: date, until: date.nullish(), revoked: date.nullish()
});

const block = z.strictObject({
	id, member: id,
	scope: z.union([z.literal('family'), z.strictObject({ child: id })], { error: 'a scope is "family" or { "child": id }' }),
	reason: z.enum(BLOCK_REASONS), setBy: id, from: date, until: date.nullish(), review: date,
	note: z.string().nullish()
});

const invitation = z.strictObject({
	id, from: id, to: id, text, created: dateOrTimestamp,
	answered: dateOrTimestamp.nullish(), withdrawn: z.boolean().optional()
});

const emergencyAccess = z.strictObject({ id, professional: id, reason: text, opened: timestamp });

/** Version 2 (FORMAT.md): a conversation under POLICY.md G1-G5; a withdrawn message keeps its text out of every view. */
const threadMessage = z.strictObject({
	id, author: id, text: z.string().trim().min(1, 'must not be empty').max(MESSAGE_MAX_LENGTH), sent: timestamp, withdrawn: z.boolean().optional()
});
const thread = z.strictObject({ id, participants: z.array(id), messages: z.array(threadMessage).default([]) });

const family = z.strictObject({
	id, name, stage: z.enum(STAGES),
	path: z.array(pathStep).default([]),
	members: z.array(member).min(1),
	team: z.array(teamMembership).default([]),
	services: z.array(service).default([]),
	goals: z.array(goal).default([]),
	tasks: z.array(task).default([]),
	assessments: z.array(assessment).default([]),
	voice: z.array(voice).default([]),
	consents: z.array(consent).default([]),
	blocks: z.array(block).default([]),
	invitations: z.array(invitation).default([]),
	emergencyAccess: z.array(emergencyAccess).default([]),
	meetings: z.array(meeting).default([]),
	outcomes: z.array(outcome).default([]),
	threads: z.array(thread).default([])
});

export const scenarioSchema = z.strictObject({
	format: z.literal(SCENARIO_FORMAT, { error: `format must be "${SCENARIO_FORMAT}"` }),
	organisations: z.array(organisation).default([]),
	professionals: z.array(professional).default([]),
	administrators: z.array(administrator).default([]),
	families: z.array(family).default([])
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioFamily = Scenario['families'][number];
export type ScenarioMember = ScenarioFamily['members'][number];
