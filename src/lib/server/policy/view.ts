/**
 * The filtered view of one family for one principal: every item decided by the policy,
 * returned as an explicit allow-list of fields with the reasons it is shown. This is the
 * only shape in which family data leaves the server.
 */
import { outsider } from './preamble';
import { computeFacts, type FamilyFacts } from './facts';
import { decide, standingFor } from './decide';
import { hasStanding, type Standing, type SubjectCategory } from './read';
import { taskSubject } from './write';
import { consentState, entitledFor, inForce } from './consent';
import type { Clock, ConsentRecord, Decision, FamilyRecord, Principal } from './types';
import { ReadLog } from './read-log';
import { voiceAudienceOf } from './voice-audience';
import { guardiansSeeOf } from './guardians-see';
import { addConsultations, addMeetings, addThreads, consultationSeenBy, contactView, goalSeenBy, meetingSeenBy, why } from './view-gatherings';
import type {
	BasicView, BuiltView, ConsentEffect, FamilyView, MemberView, NotShared
} from './view-types';

export type * from './view-types';


/** What a grant does today, asked of P4 for its grantee and each of its categories. */
function consentEffect(facts: FamilyFacts, c: ConsentRecord): ConsentEffect {
	const today = facts.clock.today;
	if (c.revoked !== null && c.revoked <= today) return { kind: 'inactive', why: 'revoked' };
	if (c.from > today) return { kind: 'inactive', why: 'notYet' };
	if (!inForce(c, today)) return { kind: 'inactive', why: 'ended' };
	if (!entitledFor(facts, c.subject).includes(c.grantor)) return { kind: 'inactive', why: 'notEntitled' };
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



/**
 * Decides every item of the family for the principal. `view` is null when the principal
 * may see nothing of the family (the API answers 404 then).
 */
export function buildFamilyView(record: FamilyRecord, who: Principal, clock: Clock): BuiltView {
	const facts = computeFacts(record, clock);
	if (outsider(facts, who)) {
		return { view: null, reads: [], facts, standing: null };
	}
	const standing = standingFor(facts, who);
	if (standing && !hasStanding(standing)) {
		return { view: null, reads: [{ subject: null, category: 'basic', allowed: false, rules: ['P1'], consents: [] }], facts, standing };
	}
	const reads = new ReadLog();
	const basicDecision = decide(facts, who, { type: 'read.basic' });
	reads.note(null, 'basic', basicDecision);
	const mayHide = who.kind === 'member' && decide(facts, who, { type: 'member.hideFromCustodians', child: who.memberId }).allow;
	const view: FamilyView = {
		id: record.id,
		name: record.name,
		voiceAudience: who.kind === 'member' ? voiceAudienceOf(facts, who) : null,
		consentSubjects: consentSubjectsOf(facts, who),
		hiddenFromCustodians: mayHide && who.kind === 'member' ? [...(facts.member(who.memberId)?.hiddenFromCustodians ?? [])] : null,
		guardiansSee: mayHide && who.kind === 'member' ? guardiansSeeOf(facts, who.memberId) : null,
		viewer: viewerOf(who, standing),
		notice: who.kind === 'member' && facts.hasAnyBlock(who.memberId)
			? { organisation: facts.coordinator?.professional.organisationName ?? null }
			: null,
		basic: basicDecision.allow ? basicView(facts, who, basicDecision) : null,
		services: [], goals: [], tasks: [], assessments: [], voice: [], consents: [], blocks: [],
		invitations: [], emergencyAccesses: [], safetySignals: [], meetings: [], outcomes: [], consultations: [], tags: [], threads: [], notShared: []
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
			created: v.created, meeting: meetingSeenBy(facts, who, v.meeting), feeling: v.feeling, answers: v.answers, score: v.score, why: why(d),
			consultation: consultationSeenBy(facts, who, v.consultation),
			goal: goalSeenBy(facts, who, v.goal)
		});
	}
	addMeetings(view, facts, who, reads);
	addConsultations(view, facts, who, reads);
	addThreads(view, facts, who, reads);
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
		view.safetySignals.push({
			id: s.id, member: s.member, word: s.word, created: s.created, why: why(d),
			handled: s.handledAt ? { at: s.handledAt, by: s.handledBy?.name ?? null } : null,
			canHandle: decide(facts, who, { type: 'safetySignal.handle', signal: s }).allow
		});
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
