/**
 * The filtered view of one family for one principal: every item decided by the policy,
 * returned as an explicit allow-list of fields with the reasons it is shown. This is the
 * only shape in which family data leaves the server.
 */
import { computeFacts, type FamilyFacts } from './facts';
import { decide, standingFor } from './decide';
import { hasStanding, type Standing, type SubjectCategory } from './read';
import { taskSubject } from './write';
import { consentState, entitledFor, inForce } from './consent';
import type { Category, Clock, ConsentRecord, Decision, FamilyRecord, InvitationRecord, Principal, ProfessionalRecord, RuleId } from './types';

export type Why = { rules: RuleId[]; consents: string[] };
export type ContactView = { id: string; name: string; title: string; organisation: string; organisationId: string; phone: string | null; email: string | null };

export type MemberView = {
	id: string; name: string; age: number; child: boolean; custodians: string[];
	language: string | null; interpreter: boolean;
	/** Professionals only: protected identity and the maturity the policy uses. */
	protectedIdentity?: boolean; mature?: boolean;
};
/** `membershipId`: the coordinator's handle for ending a membership (W5); nobody else gets it. */
export type TeamView = ContactView & { role: 'coordinator' | 'member'; from: string; until: string | null; membershipId?: number };
export type BasicView = { stage: FamilyRecord['stage']; path: FamilyRecord['path']; members: MemberView[]; team: TeamView[]; why: Why };
export type ConsultationView = {
	id: string; subject: string; created: string; answer: string | null; answered: string | null; why: Why;
	/** Only for readers of the child's assessments: the question and the team's structured notes. */
	notes?: { question: string; createdBy: string; situation: string | null; rootCauses: string | null; plan: string | null; answeredBy: string | null };
	/** The reader may record the team's notes and answer (W8). */
	canRecord: boolean;
};
export type TagView = {
	id: string; itemKind: string; itemId: string; from: string; to: { id: string; name: string }; note: string | null;
	created: string; handled: string | null; canHandle: boolean; why: Why;
};
export type MeetingView = {
	id: string; start: string; title: string | null;
	participants: { kind: 'member' | 'professional'; id: string; name: string }[];
	/** Not yet begun, by the request's clock: preparation is asked before, feedback after. */
	upcoming: boolean; why: Why;
};
export type ServiceView = {
	id: string; subject: string; name: string; provider: string; providerName: string; unit?: string | null;
	status: string; start: string | null; end: string | null; contact: ContactView | null; why: Why;
};
export type GoalView = { id: string; subject: string | null; text: string; why: Why };
export type TaskView = {
	/** `goal`: the task's goal, only for a reader who may see that goal (M7 version 2: not to a blocked member); else null. */
	id: string; goal: string | null; subject: string | null; assignee: { kind: 'member' | 'professional'; id: string; name: string } | null;
	text: string; due: string | null; done: boolean; why: Why;
	/** The viewer may tick it done or not done (W2). */
	canTick: boolean;
	/** Not done and its due date has passed (the request's Helsinki date). */
	overdue: boolean;
};
export type AssessmentView = { id: string; subject: string | null; area: string; author: ContactView; text: string; created: string | null; why: Why };
export type VoiceView = {
	id: string; author: string; kind: string; text: string; shareWithFamily: boolean; shareWithTeam: boolean; created: string;
	meeting: string | null; feeling: string | null; answers: Record<string, string> | null; score: number | null; why: Why;
	consultation: string | null;
	/** The goal a view is about, only for a reader who may see that goal. */
	goal: string | null;
};
export type ConsentView = {
	id: string; decision: 'grant' | 'refuse'; grantor: string; subject: string | null;
	grantee: { professional: string } | { organisation: string }; granteeName: string;
	categories: string[]; from: string; until: string | null; revoked: string | null; why: Why;
	/** The viewer may revoke it (W4). */
	canRevoke: boolean;
	/** Family members: what the decision does today, in P4's terms (grants only). */
	state?: ConsentEffect;
};
/**
 * A grant's effect today: in force and effective; waiting for other entitled persons
 * (joint custody needs every custodian); outweighed by a refusal; or not in force.
 */
export type ConsentEffect = { kind: 'effective' } | { kind: 'waiting'; names: string[] } | { kind: 'refused' } | { kind: 'inactive' };
export type BlockView = { id: string; member: string; scope: 'family' | { child: string }; reason: string; setBy: string; from: string; until: string | null; review: string; note: string | null; why: Why };
export type InvitationView = {
	id: string; from: ContactView; to: ContactView; text: string; created: string; answered: string | null; withdrawn: boolean; why: Why;
	answer: InvitationRecord['answer']; open: boolean; canAnswer: boolean; canWithdraw: boolean;
};
export type EmergencyView = { id: string; professional: ContactView; reason: string; opened: string; reviewedAt: string | null; why: Why; canReview: boolean };
export type SafetySignalView = { id: string; member: string; word: string | null; created: string; why: Why };
export type NotShared = { subject: string | null; category: SubjectCategory };

/** One (subject, category) pair read or refused in a request, for the access log (L1). */
export type LogRead = { subject: string | null; category: Category; allowed: boolean; rules: RuleId[]; consents: string[] };

/** What a grant does today, asked of P4 for its grantee and each of its categories. */
function consentEffect(facts: FamilyFacts, c: ConsentRecord): ConsentEffect {
	if (!inForce(c, facts.clock.today) || !entitledFor(facts, c.subject).includes(c.grantor)) return { kind: 'inactive' };
	const grantee = c.granteeProfessional
		? { professionalId: c.granteeProfessional, organisationId: facts.record.team.find((t) => t.professional.id === c.granteeProfessional)?.professional.organisationId ?? '' }
		: { professionalId: '', organisationId: c.granteeOrganisation ?? '' };
	const states = c.categories.map((category) => consentState(facts, grantee, category, c.subject));
	if (states.every((s) => s.effective)) return { kind: 'effective' };
	if (states.some((s) => !s.effective && s.reason === 'refused')) return { kind: 'refused' };
	const waiting = new Set(states.flatMap((s) => (s.effective ? [] : s.waitingFor)));
	return { kind: 'waiting', names: [...waiting].map((id) => facts.member(id)?.name ?? id) };
}

/** The subjects (members, or null for family-level items) the member may decide consent for (P6). */
export function consentSubjectsOf(facts: FamilyFacts, who: Principal): (string | null)[] {
	if (who.kind !== 'member') return [];
	return [...facts.record.members.map((m) => m.id), null]
		.filter((subject) => decide(facts, who, { type: 'consent.decide', grantor: who.memberId, subject }).allow);
}

/** Who would see a new voice item of the viewer's today, by sharing choice (W1, V1-V3). */
export type VoiceAudience = { family: string[]; team: string[] };

export type FamilyView = {
	id: string;
	name: string;
	/** Family members only. */
	voiceAudience: VoiceAudience | null;
	/** Family members: whom they may grant or refuse consent for (P6); null = family-level items. */
	consentSubjects: (string | null)[];
	/** A mature young person: what they hide from their custodians (M5), which they may change; else null. */
	hiddenFromCustodians: string[] | null;
	viewer: { kind: Principal['kind']; role?: 'coordinator' | 'member'; emergency?: boolean; invited?: boolean };
	/** M6: the neutral notice for a blocked member: only the coordinator's organisation. */
	notice: { organisation: string | null } | null;
	basic: BasicView | null;
	services: ServiceView[];
	goals: GoalView[];
	tasks: TaskView[];
	assessments: AssessmentView[];
	voice: VoiceView[];
	consents: ConsentView[];
	blocks: BlockView[];
	invitations: InvitationView[];
	emergencyAccesses: EmergencyView[];
	/** "I don't feel safe" signals: the sender's own and, for the coordinator, all (S1). */
	safetySignals: SafetySignalView[];
	/** How the family fared, as the coordinator recorded it: family-level assessment data (P3, P4, P8). */
	outcomes: { id: string; point: string; outcome: string; recorded: string; why: Why }[];
	/** Consultations: the team's notes for who may read the child's assessments, the answer for who may read their plan. */
	consultations: ConsultationView[];
	/** Tags the viewer sent, received or (coordinator) oversees, on items the viewer may see (T1). */
	tags: TagView[];
	/** Meetings, soonest first (basic data, M6 for blocked members). */
	meetings: MeetingView[];
	/** Professionals: which categories of which members are not shared with them (no contents). */
	notShared: NotShared[];
};

export type BuiltView = { view: FamilyView | null; reads: LogRead[]; facts: FamilyFacts; standing: Standing | null };

const why = (d: Extract<Decision, { allow: true }>): Why => ({ rules: d.rules, consents: d.consents });

export function contactView(p: ProfessionalRecord): ContactView {
	return { id: p.id, name: p.name, title: p.title, organisation: p.organisationName, organisationId: p.organisationId, phone: p.phone, email: p.email };
}

/**
 * Decides every item of the family for the principal. `view` is null when the principal
 * may see nothing of the family (the API answers 404 then).
 */
export function buildFamilyView(record: FamilyRecord, who: Principal, clock: Clock): BuiltView {
	const facts = computeFacts(record, clock);
	if (who.kind === 'administrator' || (who.kind === 'member' && !facts.member(who.memberId))) {
		return { view: null, reads: [], facts, standing: null };
	}
	const standing = standingFor(facts, who);
	if (standing && !hasStanding(standing)) {
		return { view: null, reads: [{ subject: null, category: 'basic', allowed: false, rules: ['P1'], consents: [] }], facts, standing };
	}
	const reads = new ReadLog();
	const basicDecision = decide(facts, who, { type: 'read.basic' });
	reads.note(null, 'basic', basicDecision);
	const view: FamilyView = {
		id: record.id,
		name: record.name,
		voiceAudience: who.kind === 'member' ? voiceAudienceOf(facts, who) : null,
		consentSubjects: consentSubjectsOf(facts, who),
		hiddenFromCustodians: who.kind === 'member' && decide(facts, who, { type: 'member.hideFromCustodians', child: who.memberId }).allow
			? [...(facts.member(who.memberId)?.hiddenFromCustodians ?? [])]
			: null,
		viewer: viewerOf(who, standing),
		notice: who.kind === 'member' && facts.hasAnyBlock(who.memberId)
			? { organisation: facts.coordinator?.professional.organisationName ?? null }
			: null,
		basic: basicDecision.allow ? basicView(facts, who, basicDecision) : null,
		services: [], goals: [], tasks: [], assessments: [], voice: [], consents: [], blocks: [],
		invitations: [], emergencyAccesses: [], safetySignals: [], meetings: [], outcomes: [], consultations: [], tags: [], notShared: []
	};
	addItems(view, facts, who, reads);
	addMetaData(view, facts, who, reads);
	if (who.kind === 'professional' && !seesAnything(view)) {
		return { view: null, reads: [{ subject: null, category: 'basic', allowed: false, rules: basicDecision.rules, consents: [] }], facts, standing };
	}
	// Invitees see basic only (P7): listing what else is withheld would name the members.
	if (standing && (standing.role || standing.emergency.length > 0)) view.notShared = notSharedWith(facts, who);
	return { view, reads: reads.list(), facts, standing };
}

function seesAnything(view: FamilyView): boolean {
	return view.basic !== null || [view.services, view.goals, view.tasks, view.assessments, view.voice, view.consents,
		view.blocks, view.invitations, view.emergencyAccesses, view.safetySignals, view.meetings].some((list) => list.length > 0);
}

function addItems(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	const record = facts.record;
	for (const s of record.services) {
		const d = decide(facts, who, { type: 'read.service', service: s });
		reads.note(s.subject, 'services', d);
		if (!d.allow) continue;
		const unit = decide(facts, who, { type: 'read.serviceUnit', service: s }).allow ? s.unit : undefined;
		view.services.push({
			id: s.id, subject: s.subject, name: s.name, provider: s.providerId, providerName: s.providerName,
			...(unit === undefined ? {} : { unit }),
			status: s.status, start: s.start, end: s.end, contact: s.contact ? contactView(s.contact) : null, why: why(d)
		});
	}
	for (const g of record.goals) {
		const d = decide(facts, who, { type: 'read.goal', goal: g });
		reads.note(g.subject, 'plan', d);
		if (d.allow) view.goals.push({ id: g.id, subject: g.subject, text: g.text, why: why(d) });
	}
	for (const t of record.tasks) {
		const subject = taskSubject(facts, t);
		const d = decide(facts, who, { type: 'read.task', task: t });
		reads.note(subject, 'plan', d);
		if (!d.allow) continue;
		const assigneeMember = facts.member(t.assigneeMember);
		view.tasks.push({
			id: t.id, goal: goalSeenBy(facts, who, t.goal), subject, text: t.text, due: t.due, done: t.done, why: why(d),
			canTick: decide(facts, who, { type: 'task.tick', task: t }).allow,
			overdue: !t.done && t.due !== null && t.due < facts.clock.today,
			assignee: assigneeMember
				? { kind: 'member', id: assigneeMember.id, name: assigneeMember.name }
				: t.assigneeProfessional ? { kind: 'professional', id: t.assigneeProfessional.id, name: t.assigneeProfessional.name } : null
		});
	}
	for (const a of record.assessments) {
		const d = decide(facts, who, { type: 'read.assessment', assessment: a });
		reads.note(a.subject, 'assessment', d);
		if (d.allow) view.assessments.push({ id: a.id, subject: a.subject, area: a.area, author: contactView(a.author), text: a.text, created: a.created, why: why(d) });
	}
	for (const v of record.voice) {
		const d = decide(facts, who, { type: 'read.voice', voice: v });
		if (!d.allow) continue;
		reads.note(v.author, 'voice', d);
		view.voice.push({
			id: v.id, author: v.author, kind: v.kind, text: v.text, shareWithFamily: v.shareWithFamily, shareWithTeam: v.shareWithTeam,
			created: v.created, meeting: v.meeting, feeling: v.feeling, answers: v.answers, score: v.score, why: why(d), consultation: v.consultation,
			goal: goalSeenBy(facts, who, v.goal)
		});
	}
	addMeetings(view, facts, who, reads);
	addConsultations(view, facts, who, reads);
	for (const tag of record.tags) {
		const d = decide(facts, who, { type: 'read.tag', tag });
		if (!d.allow) continue;
		view.tags.push({
			id: tag.id, itemKind: tag.itemKind, itemId: tag.itemId, from: tag.from.name, to: { id: tag.to.id, name: tag.to.name }, note: tag.note,
			created: tag.created, handled: tag.handled, canHandle: decide(facts, who, { type: 'tag.handle', tag }).allow, why: why(d)
		});
	}
	if (record.outcomes.length > 0) {
		const d = decide(facts, who, { type: 'read.category', category: 'assessment', subject: null });
		reads.note(null, 'assessment', d);
		if (d.allow) view.outcomes = record.outcomes.map((o) => ({ id: o.id, point: o.point, outcome: o.outcome, recorded: o.recorded, why: why(d) }));
	}
}

/**
 * A view's or a task's goal is named only to a reader who may see the goal itself: its id
 * could tell of it ("goal-safety"), so a blocked member's own task comes without it (M7 version 2).
 */
function goalSeenBy(facts: FamilyFacts, who: Principal, goalId: string | null): string | null {
	const goal = goalId ? facts.record.goals.find((g) => g.id === goalId) : undefined;
	return goal && decide(facts, who, { type: 'read.goal', goal }).allow ? goal.id : null;
}

function addConsultations(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	for (const c of facts.record.consultations) {
		const notes = decide(facts, who, { type: 'read.consultation', consultation: c });
		const answer = decide(facts, who, { type: 'read.consultationAnswer', consultation: c });
		reads.note(c.subject, 'assessment', notes);
		reads.note(c.subject, 'plan', answer);
		if (!answer.allow && !notes.allow) continue;
		const d = answer.allow ? answer : notes;
		view.consultations.push({
			id: c.id, subject: c.subject, created: c.created, why: why(d as Extract<Decision, { allow: true }>),
			answer: answer.allow ? c.answer : null, answered: answer.allow ? c.answered : null,
			...(notes.allow ? { notes: { question: c.question, createdBy: c.createdBy.name, situation: c.situation, rootCauses: c.rootCauses, plan: c.plan, answeredBy: c.answeredBy?.name ?? null } } : {}),
			canRecord: decide(facts, who, { type: 'assessment.create', subject: c.subject }).allow
		});
	}
}

function addMeetings(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	// M6: a member with any block sees only the coordinator of the team, here as in the team list.
	const onlyCoordinator = who.kind === 'member' && facts.hasAnyBlock(who.memberId);
	for (const meeting of facts.record.meetings.toSorted((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
		const d = decide(facts, who, { type: 'read.meeting', meeting });
		reads.note(null, 'basic', d);
		if (!d.allow) continue;
		const members = meeting.members.map((id) => ({ kind: 'member' as const, id, name: facts.member(id)?.name ?? '' }));
		const professionals = meeting.professionals
			.filter((p) => !onlyCoordinator || facts.coordinator?.professional.id === p.id)
			.map((p) => ({ kind: 'professional' as const, id: p.id, name: p.name }));
		view.meetings.push({
			id: meeting.id, start: meeting.start, title: meeting.title, participants: [...members, ...professionals],
			upcoming: Date.parse(meeting.start) > facts.clock.now.getTime(), why: why(d)
		});
	}
}

/**
 * The people who would read a new item of the member's voice shared with the family or
 * with the team, asked of the policy person by person, so that the sentence beside the
 * choice names exactly who that is today (blocks and team periods included).
 */
function voiceAudienceOf(facts: FamilyFacts, who: Extract<Principal, { kind: 'member' }>): VoiceAudience {
	const draft = (shareWithFamily: boolean, shareWithTeam: boolean) => ({
		id: '', author: who.memberId, kind: 'view' as const, text: '', shareWithFamily, shareWithTeam, created: facts.clock.today,
		meeting: null, goal: null, consultation: null, feeling: null, answers: null, score: null
	});
	const family = facts.record.members
		.filter((m) => m.id !== who.memberId)
		.filter((m) => decide(facts, { kind: 'member', memberId: m.id, familyId: facts.record.id, name: m.name }, { type: 'read.voice', voice: draft(true, false) }).allow)
		.map((m) => m.name);
	const team = facts.activeTeam
		.filter((t) => decide(facts, {
			kind: 'professional', professionalId: t.professional.id, organisationId: t.professional.organisationId,
			authority: t.professional.authority, name: t.professional.name
		}, { type: 'read.voice', voice: draft(false, true) }).allow)
		.map((t) => t.professional.name);
	return { family, team: [...new Set(team)] };
}

function viewerOf(who: Principal, standing: Standing | null): FamilyView['viewer'] {
	if (who.kind !== 'professional' || !standing) return { kind: who.kind };
	return { kind: 'professional', role: standing.role, emergency: standing.emergency.length > 0, invited: standing.invitations.length > 0 };
}

function basicView(facts: FamilyFacts, who: Principal, decision: Extract<Decision, { allow: true }>): BasicView {
	const forProfessional = who.kind === 'professional';
	const members: MemberView[] = facts.record.members.map((m) => ({
		id: m.id, name: m.name, age: facts.age(m.id), child: !facts.isAdult(m.id), custodians: facts.custodiansOf(m.id),
		language: m.language, interpreter: m.interpreter,
		...(forProfessional ? { protectedIdentity: m.protectedIdentity, mature: facts.isMatureChild(m.id) } : {})
	}));
	// M6: a member with any active block sees only the coordinator in the team list.
	const onlyCoordinator = who.kind === 'member' && facts.hasAnyBlock(who.memberId);
	const coordinator = who.kind === 'professional' && facts.teamRole(who.professionalId) === 'coordinator';
	const team = facts.activeTeam
		.filter((t) => !onlyCoordinator || t.role === 'coordinator')
		.map((t) => ({ ...contactView(t.professional), role: t.role, from: t.from, until: t.until, ...(coordinator ? { membershipId: t.id } : {}) }));
	return { stage: facts.record.stage, path: facts.record.path, members, team, why: why(decision) };
}

function addMetaData(view: FamilyView, facts: FamilyFacts, who: Principal, reads: ReadLog) {
	const record = facts.record;
	for (const s of record.safetySignals) {
		const d = decide(facts, who, { type: 'read.safetySignal', signal: s });
		if (!d.allow) continue;
		reads.note(s.member, 'safety', d);
		view.safetySignals.push({ id: s.id, member: s.member, word: s.word, created: s.created, why: why(d) });
	}
	for (const c of record.consents) {
		const d = decide(facts, who, { type: 'read.consent', consent: c });
		if (!d.allow) continue;
		view.consents.push({
			id: c.id, decision: c.decision, grantor: c.grantor, subject: c.subject,
			grantee: c.granteeProfessional ? { professional: c.granteeProfessional } : { organisation: c.granteeOrganisation! },
			granteeName: c.granteeName, categories: c.categories, from: c.from, until: c.until, revoked: c.revoked, why: why(d),
			canRevoke: decide(facts, who, { type: 'consent.revoke', consent: c }).allow,
			...(who.kind === 'member' && c.decision === 'grant' ? { state: consentEffect(facts, c) } : {})
		});
	}
	for (const b of record.blocks) {
		const d = decide(facts, who, { type: 'read.block', block: b });
		if (d.allow) {
			view.blocks.push({
				id: b.id, member: b.member, scope: b.child ? { child: b.child } : 'family', reason: b.reason, setBy: b.setBy,
				from: b.from, until: b.until, review: b.review, note: b.note, why: why(d)
			});
		}
	}
	for (const inv of record.invitations) {
		const d = decide(facts, who, { type: 'read.invitation', invitation: inv });
		if (d.allow) {
			view.invitations.push({
				id: inv.id, from: contactView(inv.from), to: contactView(inv.to), text: inv.text, created: inv.created,
				answered: inv.answered, withdrawn: inv.withdrawn, why: why(d), answer: inv.answer, open: facts.isInvitationOpen(inv),
				canAnswer: decide(facts, who, { type: 'invitation.answer', invitation: inv }).allow,
				canWithdraw: decide(facts, who, { type: 'invitation.withdraw', invitation: inv }).allow
			});
		}
	}
	for (const e of record.emergencyAccesses) {
		const d = decide(facts, who, { type: 'read.emergency', emergency: e });
		if (!d.allow) continue;
		view.emergencyAccesses.push({
			id: e.id, professional: contactView(e.professional), reason: e.reason, opened: e.opened, reviewedAt: e.reviewedAt, why: why(d),
			canReview: e.reviewedAt === null && decide(facts, who, { type: 'emergency.review', emergency: e }).allow
		});
	}
}

/** Every (member or family-level, category) a professional is refused, whether or not items exist. */
function notSharedWith(facts: FamilyFacts, who: Principal): NotShared[] {
	const out: NotShared[] = [];
	const subjects: (string | null)[] = [...facts.record.members.map((m) => m.id), null];
	for (const subject of subjects) {
		for (const category of ['services', 'plan', 'assessment'] as const) {
			if (subject === null && category === 'services') continue; // M7: no family-level services
			if (!decide(facts, who, { type: 'read.category', category, subject }).allow) out.push({ subject, category });
		}
	}
	return out;
}

/** Collects one entry per (subject, category) with the union of its rules and consents. */
class ReadLog {
	private entries = new Map<string, LogRead>();
	note(subject: string | null, category: Category, decision: Decision) {
		const key = `${subject}/${category}/${decision.allow}`;
		const existing = this.entries.get(key);
		const consents = decision.allow ? decision.consents : [];
		if (!existing) {
			this.entries.set(key, { subject, category, allowed: decision.allow, rules: [...decision.rules], consents: [...consents] });
			return;
		}
		for (const r of decision.rules) if (!existing.rules.includes(r)) existing.rules.push(r);
		for (const c of consents) if (!existing.consents.includes(c)) existing.consents.push(c);
	}
	list(): LogRead[] {
		return [...this.entries.values()];
	}
}
