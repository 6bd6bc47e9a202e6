/**
 * A named family for the policy tables: two joint custodians, a step-parent, a small
 * child and a teenager, a team of three, an outsider and a police officer. Tests change
 * a copy of it (consents, blocks, ages) and ask the policy.
 */
import { addDays, addYears } from '../../../src/lib/server/time';
import type {
	Clock, ConsentRecord, FamilyRecord, MemberRecord, Principal, ProfessionalRecord, VoiceRecord
} from '../../../src/lib/server/policy/types';

export const TODAY = '2026-11-23';
/** Noon in Helsinki. */
export const NOW = new Date('2026-11-23T10:00:00Z');
export const CLOCK: Clock = { today: TODAY, now: NOW };

export const bornYearsAgo = (years: number, plusDays = 0) => addDays(addYears(TODAY, -years), plusDays);

export function professional(id: string, organisationId: string, authority = false): ProfessionalRecord {
	return { id, name: id, title: 'Worker', phone: null, email: null, organisationId, organisationName: organisationId, authority };
}

export const PROS = {
	coord: professional('coord', 'org-cw'),
	school: professional('school', 'org-school'),
	nurse: professional('nurse', 'org-health'),
	outsider: professional('outsider', 'org-school'),
	police: professional('police', 'org-police', true)
};

export function member(id: string, birthDate: string, extra: Partial<MemberRecord> = {}): MemberRecord {
	return {
		id, name: id, birthDate, language: 'fi', interpreter: false, protectedIdentity: false, mature: null,
		hiddenFromCustodians: [], custodians: [], informationRights: [], ...extra
	};
}

/** A fresh copy each call, so that tests can change it freely. */
export function baseFamily(): FamilyRecord {
	return {
		id: 'fam', name: 'Test family', stage: 'working', path: [{ stage: 'referral', from: '2026-01-01' }],
		members: [
			member('mum', '1985-01-01'),
			member('dad', '1984-01-01'),
			member('step', '1980-01-01'),
			member('kid', bornYearsAgo(8), { custodians: ['mum', 'dad'] }),
			member('teen', bornYearsAgo(14), { custodians: ['mum', 'dad'] })
		],
		team: [
			{ id: 1, professional: PROS.coord, role: 'coordinator', from: '2026-01-01', until: null },
			{ id: 2, professional: PROS.school, role: 'member', from: '2026-01-01', until: null },
			{ id: 3, professional: PROS.nurse, role: 'member', from: '2026-01-01', until: null }
		],
		services: [
			{ id: 'svc-kid', subject: 'kid', name: 'Kid service', providerId: 'org-school', providerName: 'School', unit: 'Kid unit', status: 'active', start: '2026-01-01', end: null, contact: PROS.school },
			{ id: 'svc-teen', subject: 'teen', name: 'Teen service', providerId: 'org-health', providerName: 'Health', unit: 'Teen unit', status: 'active', start: '2026-01-01', end: null, contact: PROS.nurse },
			{ id: 'svc-mum', subject: 'mum', name: 'Mum service', providerId: 'org-cw', providerName: 'CW', unit: 'Mum unit', status: 'active', start: '2026-01-01', end: null, contact: null }
		],
		goals: [
			{ id: 'goal-family', subject: null, text: 'Family goal' },
			{ id: 'goal-kid', subject: 'kid', text: 'Kid goal' },
			{ id: 'goal-teen', subject: 'teen', text: 'Teen goal' }
		],
		tasks: [
			{ id: 'task-kid', goal: 'goal-family', assigneeMember: 'kid', assigneeProfessional: null, text: 'Kid task', due: null, done: false },
			{ id: 'task-teen', goal: 'goal-teen', assigneeMember: 'teen', assigneeProfessional: null, text: 'Teen task', due: null, done: false },
			{ id: 'task-school', goal: 'goal-kid', assigneeMember: null, assigneeProfessional: PROS.school, text: 'School task', due: null, done: false }
		],
		assessments: [
			{ id: 'as-kid', subject: 'kid', area: 'care', author: PROS.coord, text: 'Kid assessment', created: null },
			{ id: 'as-family', subject: null, area: 'safety', author: PROS.coord, text: 'Family assessment', created: null }
		],
		voice: [
			{ id: 'v-teen-private', author: 'teen', kind: 'view', text: 'Private', shareWithFamily: false, shareWithTeam: false, created: TODAY },
			{ id: 'v-teen-family', author: 'teen', kind: 'view', text: 'For family', shareWithFamily: true, shareWithTeam: false, created: TODAY },
			{ id: 'v-teen-team', author: 'teen', kind: 'view', text: 'For team', shareWithFamily: false, shareWithTeam: true, created: TODAY },
			{ id: 'v-kid-family', author: 'kid', kind: 'checkin', text: 'Kid feels', shareWithFamily: true, shareWithTeam: true, created: TODAY }
		].map((v): VoiceRecord => ({ meeting: null, goal: null, consultation: null, feeling: null, answers: null, score: null, ...v, kind: v.kind as VoiceRecord['kind'] })),
		consents: [], blocks: [], invitations: [], emergencyAccesses: [],
		safetySignals: [{ id: 'sig-teen', member: 'teen', word: 'scared', created: '2026-11-23T08:00:00Z', handledAt: null, handledBy: null }],
		outcomes: [],
		consultations: [],
		tags: [],
		threads: [],
		meetings: [
			{ id: 'meet-adults', start: '2026-11-30T12:00:00+02:00', title: 'Parents', members: ['mum', 'dad'], professionals: [PROS.coord], place: null, interpreterBooked: [] },
			{ id: 'meet-kid', start: '2026-11-30T15:00:00+02:00', title: 'With kid', members: ['mum', 'kid'], professionals: [PROS.coord, PROS.school], place: 'Family centre', interpreterBooked: ['ar'] }
		]
	};
}

let consentSeq = 0;
/** A grant (or refusal) in force from 2026-01-01, open-ended, unless overridden. */
export function consent(grantor: string, subject: string | null, categories: ConsentRecord['categories'], grantee: { professional?: string; organisation?: string }, extra: Partial<ConsentRecord> = {}): ConsentRecord {
	return {
		id: `c${++consentSeq}`, decision: 'grant', grantor, subject,
		granteeProfessional: grantee.professional ?? null, granteeOrganisation: grantee.organisation ?? null, granteeName: '',
		categories, from: '2026-01-01', until: null, revoked: null, recordedBy: null, ...extra
	};
}

export const asMember = (memberId: string): Principal => ({ kind: 'member', memberId, familyId: 'fam', name: memberId });
export const asPro = (p: ProfessionalRecord): Principal => ({
	kind: 'professional', professionalId: p.id, organisationId: p.organisationId, authority: p.authority, name: p.name
});
export const asAdmin: Principal = { kind: 'administrator', administratorId: 'adm', name: 'Admin' };
