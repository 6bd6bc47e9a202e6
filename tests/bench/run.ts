/**
 * `npm run bench`: generates 10,000 families, loads them with the real loader (timed),
 * starts the built server and drives it with autocannon at 16 connections beside a
 * trivial endpoint of the same server, sampling the server's RSS: one professional's
 * families, then the spread run (3,000 families, each read with its own coordinator's
 * session while coordinators add 5 goals a second, see spread.ts). Prints each figure
 * beside its target; exits 1 when a target is missed.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PASSWORD, BENCH_TOTP_SECRET, generateScenario } from './generate';
import { decodeTotpSecret, totpCodeAt } from '../../src/lib/server/second-factor/totp';
import { freePort, login, ROOT, startOptions } from '../support/server';
import { coordinatorSessions, familyRounds, SPREAD_FAMILIES, startWriter, WRITES_PER_SECOND } from './spread';
import { helsinkiToday } from '../../src/lib/server/time';
import { measureQueueing } from './queueing';

const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS) || 10;

type Row = { name: string; value: number; target: string; ok: boolean; unit: string };
const rows: Row[] = [];
const report = (name: string, value: number, unit: string, target: string, ok: boolean) => {
	rows.push({ name, value, unit, target, ok });
	console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${value.toFixed(unit === 'x' || value < 10 ? 3 : 1)} ${unit} (target ${target})`);
};

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
	const databasePath = join(dir, 'bench.db');
	const scenarioPath = join(dir, 'bench.json');
	const scenario = generateScenario(10_000, 500, helsinkiToday());
	writeFileSync(scenarioPath, JSON.stringify(scenario));
	const members = scenario.families.reduce((n, f) => n + f.members.length, 0);
	const services = scenario.families.reduce((n, f) => n + f.services.length, 0);
	console.log(`scenario: ${scenario.families.length} families, ${members} members, ${scenario.professionals.length} professionals, ${services} services`);

	const started = performance.now();
	const load = spawnSync('npx', ['tsx', 'src/cli/scenario-load.ts', scenarioPath], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
	const loadSeconds = (performance.now() - started) / 1000;
	if (load.status !== 0) throw new Error(`load failed: ${load.stderr}`);
	report('load 10,000 families', loadSeconds, 's', '<= 60 s', loadSeconds <= 60);

	const queueing = measureQueueing(databasePath, ROOT);
	if (queueing.rows !== queueing.writes * 2) throw new Error(`queueing wrote ${queueing.rows} rows for ${queueing.writes} messages to two professionals`);
	report('queueing a notification, added to a write (p99)', queueing.p99Ms, 'ms', '<= 1 ms', queueing.p99Ms <= 1);
	console.log(`     (mean ${queueing.meanMs.toFixed(3)} ms over ${queueing.writes} writes, ${queueing.rows} outbox rows)`);

	const spreadFamilies = scenario.families.slice(0, SPREAD_FAMILIES);
	const cookies = coordinatorSessions(databasePath, spreadFamilies);

	const port = await freePort();
	const url = `http://localhost:${port}`;
	// Started as `npm start` starts it, without npm in between (the RSS sampled is the server's own).
	const serverArguments = [...startOptions(), 'build'];
	console.log(`server: node ${serverArguments.join(' ')} on Node ${process.version}`);
	const server = spawn(process.execPath, serverArguments, {
		cwd: ROOT, stdio: 'ignore',
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: url, DATABASE_PATH: databasePath, LOGIN_ADDRESS_BURST: '1000' }
	});
	try {
		await waitFor(url);
		const pro = scenario.professionals[0];
		// The bench server runs on the real clock: the code is computed on it too.
		const { cookie } = await login(url, pro.username, BENCH_PASSWORD, { otp: totpCodeAt(decodeTotpSecret(BENCH_TOTP_SECRET)!) });
		if (!cookie) throw new Error('bench professional could not sign in');
		const families = scenario.families.filter((f) => f.team.some((t) => t.professional === pro.id)).slice(0, 40).map((f) => f.id);
		console.log(`driving as ${pro.id}, a team member of ${families.length}+ families`);

		let peakRss = 0;
		const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssOf(server.pid!)); }, 200);
		// Warm up every path first: the JIT makes the first seconds unrepresentative.
		await drive(url, ['/api/health'], {}, 3);
		await drive(url, families.map((id) => `/api/v1/families/${id}`), { cookie }, 5);
		await drive(url, families.map((id) => `/pro/families/${id}`), { cookie }, 5);
		const trivial = await drive(url, ['/api/health'], {});
		const api = await drive(url, families.map((id) => `/api/v1/families/${id}`), { cookie });
		const page = await drive(url, families.map((id) => `/pro/families/${id}`), { cookie });

		const spreadPeak = peakRss;
		console.log(`spread: ${spreadFamilies.length} families, each read with its own coordinator's session (${cookies.size} coordinators)`);
		// Warm-up: one round over all the families, so that the measured window reads them as a server that has been up a while.
		await autocannon({ url, connections: CONNECTIONS, amount: spreadFamilies.length, requests: familyRounds(spreadFamilies, cookies) });
		const writer = startWriter(url, spreadFamilies, cookies);
		const spread = await run(url, familyRounds(spreadFamilies, cookies));
		const writes = await writer.stop();
		clearInterval(sampler);

		console.log(`trivial endpoint: ${trivial.requests.average.toFixed(0)} req/s, p99 ${trivial.latency.p99} ms`);
		report('GET /api/v1/families/{id} throughput', api.requests.average / trivial.requests.average, 'x', '>= 0.35 of trivial', api.requests.average / trivial.requests.average >= 0.35);
		console.log(`     (${api.requests.average.toFixed(0)} req/s, errors ${api.errors + api.non2xx})`);
		report('GET /api/v1/families/{id} p99 latency', api.latency.p99, 'ms', '<= 30 ms', api.latency.p99 <= 30);
		report('family page (SSR) throughput', page.requests.average / trivial.requests.average, 'x', '>= 0.2 of trivial', page.requests.average / trivial.requests.average >= 0.2);
		console.log(`     (${page.requests.average.toFixed(0)} req/s, p99 ${page.latency.p99} ms, errors ${page.errors + page.non2xx})`);
		const spreadRatio = spread.requests.average / trivial.requests.average;
		report(`spread: ${SPREAD_FAMILIES} families, own coordinators, ${WRITES_PER_SECOND} writes/s: throughput`, spreadRatio, 'x', '>= 0.35 of trivial', spreadRatio >= 0.35);
		console.log(`     (${spread.requests.average.toFixed(0)} req/s, errors ${spread.errors + spread.non2xx}; goals written ${writes.written}, failed ${writes.failed})`);
		report('spread: p99 latency', spread.latency.p99, 'ms', '<= 30 ms', spread.latency.p99 <= 30);
		console.log(`     (peak RSS before the spread run ${(spreadPeak / 1024).toFixed(0)} MB)`);
		report('server RSS under load (all runs)', peakRss / 1024, 'MB', '<= 300 MB', peakRss / 1024 <= 300);
		if (api.non2xx + page.non2xx + spread.non2xx > 0) throw new Error('non-2xx answers under load');
		if (writes.failed > 0 || writes.written < WRITES_PER_SECOND * SECONDS * 0.8) throw new Error(`the writer fell behind: ${writes.written} written, ${writes.failed} failed`);
	} finally {
		server.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
	const missed = rows.filter((r) => !r.ok);
	console.log(missed.length === 0 ? 'all targets met' : `${missed.length} target(s) missed`);
	process.exitCode = missed.length === 0 ? 0 : 1;
}

function drive(url: string, paths: string[], headers: Record<string, string>, seconds = SECONDS): Promise<autocannon.Result> {
	return run(url, paths.map((path) => ({ method: 'GET', path, headers })) as autocannon.Request[], seconds);
}

function run(url: string, requests: autocannon.Request[], seconds = SECONDS): Promise<autocannon.Result> {
	return autocannon({ url, connections: CONNECTIONS, duration: seconds, requests });
}

/** Resident set size of a process in KiB, from /proc. */
function rssOf(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

async function waitFor(url: string) {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return;
		} catch { /* starting */ }
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not start');
}

await main();
