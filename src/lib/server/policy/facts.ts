/**
 * What holds in one family on one day: ages, maturity, custody, blocks, team, open
 * invitations and emergency accesses. Computed once per request from the record and
 * the clock, so that a child who turns 12 or 18 today is treated as such today.
 */
import { ageOn, helsinkiDayOf, periodCovers, addDays } from '../time';
import type { Clock, Principal, FamilyRecord, MemberRecord, TeamRecord, BlockRecord, InvitationRecord, EmergencyRecord } from './types';

export const EMERGENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const INVITATION_OPEN_DAYS = 14;

export type FamilyFacts = {
	record: FamilyRecord;
	clock: Clock;
	member(id: string | null | undefined): MemberRecord | undefined;
	age(id: string): number;
	isAdult(id: string): boolean;
	/** A child aged 12 or over, or flagged mature by the coordinator (POLICY.md Terms). */
	isMatureChild(id: string): boolean;
	/** The custodians who count today: none once the child is 18. */
	custodiansOf(childId: string): string[];
	isCustodianOf(memberId: string, childId: string): boolean;
	/** M10: the categories of an information right that counts today. */
	informationRightCategories(memberId: string, childId: string): string[];
	blockedForFamily(memberId: string): boolean;
	blockedForChild(memberId: string, childId: string): boolean;
	hasAnyBlock(memberId: string): boolean;
	/**
	 * M6: whether `who` is told this team professional's name (a member with any active
	 * block: the coordinator's only). With `alsoBlockedOn`, a block on that Helsinki day
	 * counts too (what was read while he was blocked stays unnamed after the block).
	 */
	namesProfessionalTo(who: Principal, professionalId: string, alsoBlockedOn?: string): boolean;
	/**
	 * G3 on a Helsinki day: whether a block of the member then kept them from a thread with
	 * these family participants (family scope: any other member; child scope: the child).
	 */
	keptFromThreadOn(memberId: string, threadMembers: readonly string[], day: string): boolean;
	activeBlocks: BlockRecord[];
	activeTeam: TeamRecord[];
	coordinator: TeamRecord | undefined;
	teamRole(professionalId: string): 'coordinator' | 'member' | undefined;
	openInvitationsTo(professionalId: string): InvitationRecord[];
	openEmergencyBy(professionalId: string): EmergencyRecord[];
	isInvitationOpen(invitation: InvitationRecord): boolean;
};

/** P7: not answered, not withdrawn, and under 14 days old (13 days old is open, 14 is not). */
export function invitationOpen(invitation: InvitationRecord, today: string): boolean {
	if (invitation.answered !== null || invitation.withdrawn) return false;
	return today < addDays(helsinkiDayOf(invitation.created), INVITATION_OPEN_DAYS);
}

/** P8: open for 24 hours from the moment it was opened. */
export function emergencyOpen(emergency: EmergencyRecord, now: Date): boolean {
	const opened = Date.parse(emergency.opened);
	return opened <= now.getTime() && now.getTime() < opened + EMERGENCY_WINDOW_MS;
}

export function computeFacts(record: FamilyRecord, clock: Clock): FamilyFacts {
	const { today } = clock;
	const members = new Map(record.members.map((m) => [m.id, m]));
	const ages = new Map(record.members.map((m) => [m.id, ageOn(m.birthDate, today)]));
	const age = (id: string) => ages.get(id) ?? Number.NaN;
	const isAdult = (id: string) => age(id) >= 18;
	const isChild = (id: string) => members.has(id) && !isAdult(id);

	const activeBlocks = record.blocks.filter((b) => periodCovers(b.from, b.until, today));
	const familyBlocked = new Set(activeBlocks.filter((b) => b.child === null).map((b) => b.member));
	const childBlocked = new Set(activeBlocks.filter((b) => b.child !== null).map((b) => `${b.member}/${b.child}`));
	const anyBlock = new Set(activeBlocks.map((b) => b.member));
	/** A member's blocks in force on a Helsinki day (today's are `activeBlocks`). */
	const blocksOn = (memberId: string, day: string) => record.blocks.filter((b) => b.member === memberId && periodCovers(b.from, b.until, day));

	const activeTeam = record.team.filter((t) => periodCovers(t.from, t.until, today));
	const coordinator = activeTeam.find((t) => t.role === 'coordinator');
	const roles = new Map<string, 'coordinator' | 'member'>();
	for (const t of activeTeam) {
		// One person holding both roles counts as coordinator.
		if (roles.get(t.professional.id) !== 'coordinator') roles.set(t.professional.id, t.role);
	}

	return {
		record,
		clock,
		member: (id) => (id ? members.get(id) : undefined),
		age,
		isAdult,
		isMatureChild: (id) => isChild(id) && (age(id) >= 12 || members.get(id)?.mature === true),
		custodiansOf: (childId) => (isChild(childId) ? (members.get(childId)?.custodians ?? []) : []),
		isCustodianOf: (memberId, childId) => isChild(childId) && (members.get(childId)?.custodians.includes(memberId) ?? false),
		informationRightCategories: (memberId, childId) => {
			if (!isChild(childId)) return [];
			return members.get(memberId)?.informationRights.find((r) => r.child === childId)?.categories ?? [];
		},
		blockedForFamily: (memberId) => familyBlocked.has(memberId),
		blockedForChild: (memberId, childId) => childBlocked.has(`${memberId}/${childId}`),
		hasAnyBlock: (memberId) => anyBlock.has(memberId),
		namesProfessionalTo: (who, professionalId, alsoBlockedOn) => who.kind !== 'member' || coordinator?.professional.id === professionalId
			|| !(anyBlock.has(who.memberId) || (alsoBlockedOn !== undefined && blocksOn(who.memberId, alsoBlockedOn).length > 0)),
		keptFromThreadOn: (memberId, threadMembers, day) => blocksOn(memberId, day)
			.some((b) => (b.child === null ? threadMembers.some((m) => m !== memberId) : threadMembers.includes(b.child))),
		activeBlocks,
		activeTeam,
		coordinator,
		teamRole: (professionalId) => roles.get(professionalId),
		openInvitationsTo: (professionalId) =>
			record.invitations.filter((i) => i.to.id === professionalId && invitationOpen(i, today)),
		openEmergencyBy: (professionalId) =>
			record.emergencyAccesses.filter((e) => e.professional.id === professionalId && emergencyOpen(e, clock.now)),
		isInvitationOpen: (invitation) => invitationOpen(invitation, today)
	};
}
