/**
 * A deterministic scenario of many families for the benchmark: by default 10,000
 * families, about 35,000 members, 500 professionals and 60,000 services, the rest in
 * proportion. Only professionals and one adult in twenty families can sign in, so that
 * argon2 hashing does not dominate the load time.
 */
const ORG_KINDS = ['child-welfare', 'adult-social-work', 'health', 'school', 'ngo', 'police', 'other'] as const;
const AREAS = ['child-strengths', 'physical-health', 'mental-health', 'social-skills', 'development', 'care', 'safety', 'other'];
const STAGES = ['referral', 'assessment', 'plan', 'working', 'review', 'ended', 'follow-up'];
export const BENCH_PASSWORD = 'bench-password-2026';
/** The professionals' known app key (#17): the bench signs in with both factors. */
export const BENCH_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

/** mulberry32: small, fast, seeded. */
function random(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generateScenario(families = 10_000, professionals = 500, today = '2026-11-23') {
	const rnd = random(20261123);
	const int = (n: number) => Math.floor(rnd() * n);
	const pick = <T>(list: readonly T[]) => list[int(list.length)];
	const year = Number(today.slice(0, 4));
	const organisations = Array.from({ length: 25 }, (_, i) => ({ id: `org${i}`, name: `Organisation ${i}`, kind: ORG_KINDS[i % ORG_KINDS.length] }));
	const pros = Array.from({ length: professionals }, (_, i) => ({
		id: `pro${i}`, name: `Professional ${i}`, organisation: organisations[i % organisations.length].id, title: 'Worker',
		phone: '+358 40 000 0000', email: `pro${i}@bench.example`, username: `pro${i}`, password: BENCH_PASSWORD, authority: i % 25 === 5,
		totpSecret: BENCH_TOTP_SECRET
	}));
	const out = [];
	for (let f = 0; f < families; f++) {
		const adults = 1 + int(2) + (int(10) === 0 ? 1 : 0);
		const children = 1 + int(2);
		const members: { id: string; [key: string]: unknown }[] = [];
		for (let a = 0; a < adults; a++) {
			members.push({
				id: `f${f}a${a}`, name: `Adult ${a}`, birthDate: `${year - 30 - int(20)}-0${1 + int(9)}-1${int(9)}`, language: pick(['fi', 'sv', 'ar', 'so', 'ru']),
				interpreter: int(5) === 0, protectedIdentity: int(20) === 0,
				...(a === 0 && f % 20 === 0 ? { username: `f${f}a0`, password: BENCH_PASSWORD } : {})
			});
		}
		for (let c = 0; c < children; c++) {
			members.push({
				id: `f${f}c${c}`, name: `Child ${c}`, birthDate: `${year - 1 - int(17)}-0${1 + int(9)}-1${int(9)}`,
				custodians: members.filter((m) => m.id.includes('a')).slice(0, 1 + int(2)).map((m) => m.id),
				mature: null, hiddenFromCustodians: int(4) === 0 ? ['services'] : [], protectedIdentity: int(20) === 0
			});
		}
		const teamSize = 3 + int(3);
		const team = Array.from({ length: teamSize }, (_, i) => ({
			professional: pros[(f * 7 + i * 131) % professionals].id, role: i === 0 ? 'coordinator' : 'member', from: `${year - 1}-01-01`, until: null
		}));
		const memberIds = members.map((m) => m.id);
		const services = Array.from({ length: 6 }, (_, i) => ({
			id: `f${f}s${i}`, subject: pick(memberIds), name: `Service ${i}`, provider: pick(organisations).id, unit: int(2) ? `Unit ${i}` : null,
			status: pick(['planned', 'active', 'ended']), start: `${year - 1}-0${1 + int(9)}-01`, end: null, contact: team[int(team.length)].professional
		}));
		const goals = [{ id: `f${f}g0`, subject: null, text: 'Family goal' }, { id: `f${f}g1`, subject: pick(memberIds), text: 'Goal' }];
		const tasks = Array.from({ length: 4 }, (_, i) => ({
			id: `f${f}t${i}`, goal: goals[i % 2].id, assignee: i === 3 ? team[1].professional : pick(memberIds), text: `Task ${i}`, due: today, done: int(2) === 0
		}));
		const assessments = Array.from({ length: 2 }, (_, i) => ({ id: `f${f}as${i}`, subject: i ? pick(memberIds) : null, area: pick(AREAS), author: team[0].professional, text: 'Assessment' }));
		const voice = Array.from({ length: 3 }, (_, i) => ({
			id: `f${f}v${i}`, author: pick(memberIds), kind: pick(['view', 'checkin', 'meeting-prep', 'feedback']), text: 'Voice',
			shareWithFamily: int(2) === 0, shareWithTeam: int(2) === 0, created: today
		}));
		const consents = Array.from({ length: 4 }, (_, i) => ({
			id: `f${f}c${i}x`, decision: int(8) === 0 ? 'refuse' : 'grant', grantor: memberIds[0], subject: i === 0 ? null : pick(memberIds),
			grantee: int(2) ? { organisation: pros[(f * 7 + 131) % professionals].organisation } : { professional: team[1 + int(team.length - 1)].professional },
			categories: ['services', 'plan', 'assessment', 'basic'].slice(0, 1 + int(4)), from: `${year - 1}-01-01`, until: null, revoked: null
		}));
		const blocks = f % 20 === 3 && children > 0 && adults > 1 ? [{
			id: `f${f}b0`, member: `f${f}a1`, scope: { child: `f${f}c0` }, reason: 'custody-dispute', setBy: team[0].professional, from: `${year - 1}-01-01`, until: null, review: today
		}] : [];
		const invitations = f % 10 === 0 ? [{ id: `f${f}i0`, from: team[0].professional, to: pros[(f + 250) % professionals].id, text: 'Join', created: today, answered: null, withdrawn: false }] : [];
		// Messages (#16): a parent with the coordinator, and where there is a child, the child with a team member.
		const message = (thread: string, i: number, author: string) => ({ id: `${thread}m${i}`, author, text: `Message ${i}`, sent: `${year - 1}-06-0${1 + i}T10:00:00+03:00`, withdrawn: false });
		const threads = [{ id: `f${f}th0`, participants: [`f${f}a0`, team[0].professional], messages: [0, 1, 2].map((i) => message(`f${f}th0`, i, i % 2 ? team[0].professional : `f${f}a0`)) }];
		if (children > 0) threads.push({ id: `f${f}th1`, participants: [`f${f}c0`, team[1].professional], messages: [0, 1].map((i) => message(`f${f}th1`, i, i % 2 ? team[1].professional : `f${f}c0`)) });
		out.push({ id: `f${f}`, name: `Family ${f}`, stage: pick(STAGES), members, team, services, goals, tasks, assessments, voice, consents, blocks, invitations, emergencyAccess: [], threads });
	}
	return { format: 'family-portal-scenario/1', organisations, professionals: pros, administrators: [{ id: 'adm', name: 'Admin', username: 'admin', password: BENCH_PASSWORD }], families: out };
}

export type BenchFamily = ReturnType<typeof generateScenario>['families'][number];
