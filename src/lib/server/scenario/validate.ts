/**
 * Validation of a scenario file: its shape (zod) and then everything a shape cannot say
 * (unique ids, references, periods, one coordinator at a time). Every problem is
 * reported with its JSON path so that an author can fix the whole file in one go.
 */
import { scenarioSchema, type Scenario, type ScenarioFamily } from './format';
import { usernameKey } from '../names';
import { jsonProblem } from './json-problem';

export type Problem = { path: string; message: string };
export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** `['families', 0, 'members', 2]` -> `families[0].members[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
	return path.reduce<string>((out, key) => {
		if (typeof key === 'number') return `${out}[${key}]`;
		return out ? `${out}.${String(key)}` : String(key);
	}, '') || '(file)';
}

/** Parses and validates the text of a scenario file. */
export function validateScenarioText(source: string): ValidationResult {
	let json: unknown;
	try {
		json = JSON.parse(source);
	} catch (error) {
		return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${jsonProblem((error as Error).message, source)}` }] };
	}
	return validateScenario(json);
}

/** Validates an already parsed scenario document. */
export function validateScenario(json: unknown): ValidationResult {
	const parsed = scenarioSchema.safeParse(json);
	if (!parsed.success) {
		return {
			ok: false,
			problems: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
		};
	}
	const problems = checkReferences(parsed.data);
	return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

type Report = (path: string, message: string) => void;

function checkReferences(scenario: Scenario): Problem[] {
	const problems: Problem[] = [];
	const report: Report = (path, message) => problems.push({ path, message });

	const seen = new Map<string, Map<string, string>>();
	const claimId = (kind: string, value: string, path: string) => {
		const ids = seen.get(kind) ?? new Map<string, string>();
		seen.set(kind, ids);
		const first = ids.get(value);
		if (first) report(path, `duplicate ${kind} id "${value}" (first at ${first})`);
		else ids.set(value, path);
	};
	const usernames = new Map<string, string>();
	const claimUsername = (value: string | undefined, password: string | undefined, path: string) => {
		if ((value === undefined) !== (password === undefined)) {
			report(path, 'username and password go together: give both or neither');
		}
		if (value === undefined) return;
		const key = usernameKey(value);
		const first = usernames.get(key);
		if (first) report(`${path}.username`, `duplicate username "${value}" (first at ${first})`);
		else usernames.set(key, `${path}.username`);
	};

	scenario.organisations.forEach((o, i) => claimId('organisation', o.id, `organisations[${i}].id`));
	const organisationIds = new Set(scenario.organisations.map((o) => o.id));
	const professionalsById = new Map(scenario.professionals.map((p) => [p.id, p]));

	scenario.professionals.forEach((p, i) => {
		const path = `professionals[${i}]`;
		claimId('professional', p.id, `${path}.id`);
		claimUsername(p.username, p.password, path);
		if (p.totpSecret !== undefined && p.username === undefined) report(`${path}.totpSecret`, 'a TOTP secret needs a username and password');
		if (!organisationIds.has(p.organisation)) report(`${path}.organisation`, `unknown organisation "${p.organisation}"`);
		checkNotifyAddresses(p, path, report);
	});
	scenario.administrators.forEach((a, i) => {
		claimId('administrator', a.id, `administrators[${i}].id`);
		claimUsername(a.username, a.password, `administrators[${i}]`);
	});

	const context: FamilyCheckContext = { report, claimId, claimUsername, organisationIds, professionalsById };
	scenario.families.forEach((family, f) => checkFamily(family, `families[${f}]`, context));
	return problems;
}

type FamilyCheckContext = {
	report: Report;
	claimId: (kind: string, value: string, path: string) => void;
	claimUsername: (value: string | undefined, password: string | undefined, path: string) => void;
	organisationIds: Set<string>;
	professionalsById: Map<string, Scenario['professionals'][number]>;
};

function checkFamily(family: ScenarioFamily, at: string, ctx: FamilyCheckContext) {
	const { report, claimId } = ctx;
	claimId('family', family.id, `${at}.id`);
	const memberIds = new Set(family.members.map((m) => m.id));
	const goalIds = new Set(family.goals.map((g) => g.id));

	const member = (value: string, path: string) => {
		if (!memberIds.has(value)) report(path, `unknown member "${value}"`);
	};
	const professional = (value: string, path: string) => {
		if (!ctx.professionalsById.has(value)) report(path, `unknown professional "${value}"`);
	};
	const organisation = (value: string, path: string) => {
		if (!ctx.organisationIds.has(value)) report(path, `unknown organisation "${value}"`);
	};
	const period = (from: string, until: string | null | undefined, path: string) => {
		if (until && until < from) report(`${path}.until`, `until (${until}) is before from (${from})`);
	};

	family.members.forEach((m, i) => {
		const path = `${at}.members[${i}]`;
		claimId('member', m.id, `${path}.id`);
		ctx.claimUsername(m.username, m.password, path);
		checkNotifyAddresses(m, path, report);
		if (m.oidcSubject !== undefined) {
			claimId('oidcSubject', m.oidcSubject, `${path}.oidcSubject`);
			if (m.username === undefined) report(`${path}.oidcSubject`, 'an oidcSubject needs the member\'s username and password: it signs in to that account');
		}
		m.custodians?.forEach((c, j) => {
			member(c, `${path}.custodians[${j}]`);
			if (c === m.id) report(`${path}.custodians[${j}]`, 'a member cannot be their own custodian');
		});
		checkInformationRights(family, m, path, member, report);
	});

	checkCoordinators(family, at, ctx);
	family.team.forEach((t, i) => {
		professional(t.professional, `${at}.team[${i}].professional`);
		period(t.from, t.until, `${at}.team[${i}]`);
	});
	family.services.forEach((s, i) => {
		const path = `${at}.services[${i}]`;
		claimId('service', s.id, `${path}.id`);
		member(s.subject, `${path}.subject`);
		organisation(s.provider, `${path}.provider`);
		if (s.contact) professional(s.contact, `${path}.contact`);
		if (s.start && s.end && s.end < s.start) report(`${path}.end`, `end (${s.end}) is before start (${s.start})`);
	});
	family.goals.forEach((g, i) => {
		claimId('goal', g.id, `${at}.goals[${i}].id`);
		if (g.subject !== null) member(g.subject, `${at}.goals[${i}].subject`);
	});
	family.tasks.forEach((t, i) => {
		const path = `${at}.tasks[${i}]`;
		claimId('task', t.id, `${path}.id`);
		if (!goalIds.has(t.goal)) report(`${path}.goal`, `unknown goal "${t.goal}" in this family`);
		if (t.assignee && !memberIds.has(t.assignee) && !ctx.professionalsById.has(t.assignee)) {
			report(`${path}.assignee`, `unknown member or professional "${t.assignee}"`);
		}
	});
	family.assessments.forEach((a, i) => {
		claimId('assessment', a.id, `${at}.assessments[${i}].id`);
		if (a.subject !== null) member(a.subject, `${at}.assessments[${i}].subject`);
		professional(a.author, `${at}.assessments[${i}].author`);
	});
	const meetingIds = new Set(family.meetings.map((m) => m.id));
	family.meetings.forEach((m, i) => {
		const path = `${at}.meetings[${i}]`;
		claimId('meeting', m.id, `${path}.id`);
		m.participants.forEach((p, j) => {
			if (!memberIds.has(p) && !ctx.professionalsById.has(p)) report(`${path}.participants[${j}]`, `unknown member or professional "${p}"`);
		});
		m.interpreterBooked.forEach((language, j) => {
			const earlier = m.interpreterBooked.indexOf(language);
			if (earlier !== j) report(`${path}.interpreterBooked[${j}]`, `"${language}" is already at ${path}.interpreterBooked[${earlier}]`);
		});
	});
	family.outcomes.forEach((o, i) => {
		professional(o.recordedBy, `${at}.outcomes[${i}].recordedBy`);
		const earlier = family.outcomes.findIndex((x) => x.point === o.point);
		if (earlier !== i) report(`${at}.outcomes[${i}].point`, `the "${o.point}" outcome is already at ${at}.outcomes[${earlier}]`);
	});
	family.path.forEach((step, i) => {
		const earlier = family.path.findIndex((s) => s.stage === step.stage);
		if (earlier !== i) report(`${at}.path[${i}].stage`, `stage "${step.stage}" is already dated at ${at}.path[${earlier}]`);
	});
	family.voice.forEach((v, i) => {
		claimId('voice', v.id, `${at}.voice[${i}].id`);
		member(v.author, `${at}.voice[${i}].author`);
		if (v.meeting && !meetingIds.has(v.meeting)) report(`${at}.voice[${i}].meeting`, `unknown meeting "${v.meeting}" in this family`);
		if (v.goal && !goalIds.has(v.goal)) report(`${at}.voice[${i}].goal`, `unknown goal "${v.goal}" in this family`);
	});
	family.consents.forEach((c, i) => {
		const path = `${at}.consents[${i}]`;
		claimId('consent', c.id, `${path}.id`);
		member(c.grantor, `${path}.grantor`);
		if (c.subject !== null) member(c.subject, `${path}.subject`);
		if ('professional' in c.grantee) professional(c.grantee.professional, `${path}.grantee.professional`);
		else organisation(c.grantee.organisation, `${path}.grantee.organisation`);
		period(c.from, c.until, path);
	});
	family.blocks.forEach((b, i) => {
		const path = `${at}.blocks[${i}]`;
		claimId('block', b.id, `${path}.id`);
		member(b.member, `${path}.member`);
		if (b.scope !== 'family') {
			member(b.scope.child, `${path}.scope.child`);
			if (b.scope.child === b.member) report(`${path}.scope.child`, 'a member cannot be blocked from themselves');
		}
		professional(b.setBy, `${path}.setBy`);
		period(b.from, b.until, path);
	});
	family.invitations.forEach((inv, i) => {
		claimId('invitation', inv.id, `${at}.invitations[${i}].id`);
		professional(inv.from, `${at}.invitations[${i}].from`);
		professional(inv.to, `${at}.invitations[${i}].to`);
	});
	checkThreads(family, at, ctx);
	family.emergencyAccess.forEach((e, i) => {
		const path = `${at}.emergencyAccess[${i}]`;
		claimId('emergencyAccess', e.id, `${path}.id`);
		const pro = ctx.professionalsById.get(e.professional);
		if (!pro) report(`${path}.professional`, `unknown professional "${e.professional}"`);
		else if (!pro.authority) report(`${path}.professional`, `"${e.professional}" is not an authority and cannot open emergency access`);
	});
}

/**
 * FORMAT.md version 2: a thread's participants are members of the family and professionals
 * who are or were on its team, at least two people and at least one professional, each once;
 * a message's author is a participant. (A block that keeps participants apart may have come
 * later: such a thread loads, and G3 decides who reads it.)
 */
function checkThreads(family: ScenarioFamily, at: string, ctx: FamilyCheckContext) {
	const { report, claimId } = ctx;
	const memberIds = new Set(family.members.map((m) => m.id));
	const everOnTeam = new Set(family.team.map((t) => t.professional));
	family.threads.forEach((thread, i) => {
		const path = `${at}.threads[${i}]`;
		claimId('thread', thread.id, `${path}.id`);
		let professionals = 0;
		thread.participants.forEach((p, j) => {
			const where = `${path}.participants[${j}]`;
			if (thread.participants.indexOf(p) !== j) report(where, `"${p}" is already a participant`);
			else if (memberIds.has(p)) return;
			else if (!ctx.professionalsById.has(p)) report(where, `unknown member or professional "${p}"`);
			else if (!everOnTeam.has(p)) report(where, `professional "${p}" was never on this family's team`);
			else professionals++;
		});
		const people = new Set(thread.participants).size;
		if (people < 2) report(`${path}.participants`, 'a thread needs at least two people');
		if (professionals === 0) report(`${path}.participants`, 'a thread needs at least one professional of the team');
		thread.messages.forEach((m, k) => {
			claimId('message', m.id, `${path}.messages[${k}].id`);
			if (!thread.participants.includes(m.author)) report(`${path}.messages[${k}].author`, `"${m.author}" is not a participant of this thread`);
		});
	});
}

/**
 * FORMAT.md: an information right is for an adult who is not the child's custodian (a
 * custodian sees the child's items under M3 already), and one per child: the database keeps
 * one row for each adult and child, so a second would stop the load half-way.
 */
function checkInformationRights(family: ScenarioFamily, adult: ScenarioFamily['members'][number], path: string, member: (id: string, path: string) => void, report: Report) {
	const children = new Set<string>();
	adult.informationRight?.forEach((right, j) => {
		const at = `${path}.informationRight[${j}].child`;
		member(right.child, at);
		if (right.child === adult.id) report(at, 'an information right is about another member');
		else if (children.has(right.child)) report(at, `a second information right for "${right.child}": give one with all its categories`);
		else if (family.members.find((c) => c.id === right.child)?.custodians?.includes(adult.id)) report(at, `"${adult.id}" is a custodian of "${right.child}": an information right is for a parent without custody`);
		children.add(right.child);
	});
}

/**
 * POLICY.md: a family has at most one active coordinator, so their periods must not overlap.
 * Each period is compared with the one that reaches furthest among those before it, not
 * only with its neighbour: a long period can overlap several short ones after it.
 */
function checkCoordinators(family: ScenarioFamily, at: string, ctx: FamilyCheckContext) {
	const coordinators = family.team
		.map((t, index) => ({ ...t, index }))
		.filter((t) => t.role === 'coordinator')
		.sort((a, b) => a.from.localeCompare(b.from));
	const reachesFurther = (a: { until?: string | null }, b: { until?: string | null }) => a.until == null || (b.until != null && a.until > b.until);
	let furthest = coordinators[0];
	for (const current of coordinators.slice(1)) {
		if (furthest.until == null || furthest.until > current.from) {
			ctx.report(`${at}.team[${current.index}]`, `overlaps the coordinator period at ${at}.team[${furthest.index}]: a family has at most one coordinator at a time`);
		}
		if (reachesFurther(current, furthest)) furthest = current;
	}
}

/** A chosen channel needs its address (POLICY.md N3): e-mail an `email`, text messages a `phone`. */
function checkNotifyAddresses(
	person: { email?: string | null; phone?: string | null; notify?: { channels: ('email' | 'sms')[] } },
	path: string, report: Report
) {
	person.notify?.channels.forEach((channel, j) => {
		if (channel === 'email' && !person.email) report(`${path}.notify.channels[${j}]`, 'e-mail is chosen but the person has no "email"');
		if (channel === 'sms' && !person.phone) report(`${path}.notify.channels[${j}]`, 'text messages are chosen but the person has no "phone"');
	});
}
