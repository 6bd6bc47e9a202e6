/**
 * The ecomap's geometry: the family in the middle (its members on an inner ring), the
 * services around it, each joined to the member who receives it, and the team in a
 * band below. Pure and deterministic, so the picture is tested without a browser; it
 * only places what the policy-built view already holds.
 */

export type EcomapMember = { id: string; name: string; age: number };
export type EcomapService = { id: string; subject: string; name: string; providerName: string; status: string };
export type EcomapPerson = { id: string; name: string; role: 'coordinator' | 'member'; organisation: string };

/** How a service's line and box are drawn: current strong, past faded, planned dashed. */
export type Stroke = 'current' | 'past' | 'planned';

export type Point = { x: number; y: number };
export type MemberNode = Point & { id: string; name: string; age: number };
export type ServiceNode = Point & { id: string; name: string; provider: string; stroke: Stroke; member: Point };
export type PersonNode = Point & { id: string; name: string; organisation: string; coordinator: boolean };
export type Ecomap = {
	width: number; height: number; centre: Point; familyRadius: number; memberRadius: number;
	box: { width: number; height: number }; personWidth: number;
	members: MemberNode[]; services: ServiceNode[]; team: PersonNode[]; teamTop: number;
};

const MARGIN = 12;
const MEMBER_RING = 88;
const MEMBER_RADIUS = 40;
const FAMILY_RADIUS = 145;
const SERVICE_RING = 218;
/** Up to this many services fan out round their members; more are spread evenly. */
const FAN_MAX = 8;
const BOX = { width: 150, height: 46 };
/** 42 degrees: two boxes side by side on the ring do not touch. */
const MIN_STEP = (42 * Math.PI) / 180;
/** How far a box that would overlap another moves outwards, step by step. */
const PUSH = 20;
const MIN_WIDTH = 480;
const TEAM_ROW = 64;

export function strokeOf(status: string): Stroke {
	return status === 'ended' ? 'past' : status === 'planned' ? 'planned' : 'current';
}

/** Cuts a label to `max` characters with an ellipsis, so that boxes stay apart. */
export function fit(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const polar = (radius: number, angle: number): Point => ({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
const overlap = (a: Point, b: Point) => Math.abs(a.x - b.x) < BOX.width && Math.abs(a.y - b.y) < BOX.height;

/** The members evenly round the inner ring, the first at the top; one member sits in the middle. */
function placeMembers(members: EcomapMember[]): (MemberNode & { angle: number })[] {
	return members.map((m, i) => {
		const angle = -Math.PI / 2 + (2 * Math.PI * i) / members.length;
		return { ...m, ...(members.length === 1 ? { x: 0, y: 0 } : polar(MEMBER_RING, angle)), angle };
	});
}

/**
 * Each service as near its member's angle as the spacing allows: a member's services
 * fan out round the member, neighbours keep at least `MIN_STEP` apart. A larger set is
 * spread evenly over the whole circle.
 */
function serviceAngles(sorted: EcomapService[], members: (MemberNode & { angle: number })[]): number[] {
	const angleOf = new Map(members.map((m) => [m.id, m.angle]));
	const total = new Map<string, number>();
	for (const s of sorted) total.set(s.subject, (total.get(s.subject) ?? 0) + 1);
	const seen = new Map<string, number>();
	const targets = sorted.map((s) => {
		const k = seen.get(s.subject) ?? 0;
		seen.set(s.subject, k + 1);
		return angleOf.get(s.subject)! + (k - (total.get(s.subject)! - 1) / 2) * MIN_STEP;
	});
	const evenly = () => targets.map((_, i) => targets[0] + ((2 * Math.PI) / sorted.length) * i);
	if (sorted.length > FAN_MAX) return evenly();
	const placed: number[] = [];
	for (const [i, target] of targets.entries()) placed.push(i === 0 ? target : Math.max(target, placed[i - 1] + MIN_STEP));
	// Pushing forward drifts the fan; centre it back on the members by the mean drift.
	const drift = placed.reduce((sum, a, i) => sum + a - targets[i], 0) / placed.length;
	const angles = placed.map((a) => a - drift);
	return angles[angles.length - 1] - angles[0] > 2 * Math.PI - MIN_STEP ? evenly() : angles;
}

/** Services of members shown, in the order of their members round the circle. */
function servicesInOrder(services: EcomapService[], members: EcomapMember[]): EcomapService[] {
	const order = new Map(members.map((m, i) => [m.id, i]));
	return services.filter((s) => order.has(s.subject)).sort((a, b) => order.get(a.subject)! - order.get(b.subject)!);
}

/** Places the services round the centre (0, 0), moving a box outwards until it touches no other. */
function placeServices(sorted: EcomapService[], members: (MemberNode & { angle: number })[]): ServiceNode[] {
	const byId = new Map(members.map((m) => [m.id, m]));
	const angles = serviceAngles(sorted, members);
	const placed: ServiceNode[] = [];
	for (const [i, s] of sorted.entries()) {
		let radius = SERVICE_RING;
		let at = polar(radius, angles[i]);
		while (placed.some((other) => overlap(other, at))) at = polar((radius += PUSH), angles[i]);
		const member = byId.get(s.subject)!;
		placed.push({ id: s.id, name: s.name, provider: s.providerName, stroke: strokeOf(s.status), ...at, member: { x: member.x, y: member.y } });
	}
	return placed;
}

/** The team in rows below the circle, the coordinator first. */
function placeTeam(team: EcomapPerson[], top: number, width: number, columns: number): PersonNode[] {
	const people = [...team].sort((a, b) => Number(b.role === 'coordinator') - Number(a.role === 'coordinator'));
	const cell = width / columns;
	return people.map((p, i) => ({
		id: p.id, name: p.name, organisation: p.organisation, coordinator: p.role === 'coordinator',
		x: Math.round(cell * (i % columns) + cell / 2), y: top + TEAM_ROW * Math.floor(i / columns) + BOX.height / 2
	}));
}

/** The picture is as large as what it holds needs, so that a small family is drawn larger. */
export function layoutEcomap(members: EcomapMember[], services: EcomapService[], team: EcomapPerson[]): Ecomap {
	const placedMembers = placeMembers(members);
	const placed = placeServices(servicesInOrder(services, members), placedMembers);
	const extent = (side: (p: Point) => number, half: number) => Math.max(FAMILY_RADIUS, ...placed.map((s) => side(s) + half)) + MARGIN;
	const left = extent((p) => -p.x, BOX.width / 2);
	const right = extent((p) => p.x, BOX.width / 2);
	// A narrow picture is widened evenly on both sides, so that the team band fits.
	const widen = Math.max(0, MIN_WIDTH - left - right) / 2;
	const top = extent((p) => -p.y, BOX.height / 2);
	const bottom = extent((p) => p.y, BOX.height / 2);
	const width = Math.ceil(left + right + 2 * widen);
	const centre = { x: Math.ceil(left + widen), y: Math.ceil(top) };
	const move = <T extends Point>(p: T): T => ({ ...p, x: Math.round(p.x + centre.x), y: Math.round(p.y + centre.y) });
	const teamTop = Math.ceil(top + bottom) + 36;
	const columns = width < 700 ? 3 : 4;
	return {
		width,
		height: team.length > 0 ? teamTop + Math.ceil(team.length / columns) * TEAM_ROW : teamTop - 24,
		centre, familyRadius: FAMILY_RADIUS, memberRadius: MEMBER_RADIUS, box: BOX, personWidth: Math.floor(width / columns) - 12,
		members: placedMembers.map(({ angle: _angle, ...m }) => move(m)),
		services: placed.map((s) => ({ ...move(s), member: move(s.member) })),
		team: placeTeam(team, teamTop, width, columns),
		teamTop
	};
}
