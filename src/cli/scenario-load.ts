/**
 * `npm run scenario:load -- <file.json> [--replace] [--as-of YYYY-MM-DD]`: migrates the
 * database at DATABASE_PATH and loads the scenario into it. A database that already
 * holds data is replaced only with `--replace`; a database a live server holds is never
 * touched (its acknowledged writes and sessions would be lost). Exit 1 with the reason,
 * or with every problem listed when the file is rejected; nothing is written then. With
 * `--as-of`, the file's dates are read as written on that day and moved to today (the
 * demo uses this). A load starts a new access-log anchor file (the old one is kept aside).
 */
import { readFileSync } from 'node:fs';
import { openDatabase, DEFAULT_DATABASE_PATH } from '../lib/server/db';
import { claimServerLock, releaseServerLock, serverHolding } from '../lib/server/db/server-lock';
import { restartAnchors } from '../lib/server/log-anchor';
import { loadScenarioText, tablesWithData } from '../lib/server/scenario/load';
import { daysBetween, shiftScenario } from '../lib/server/scenario/shift';
import { helsinkiToday, isIsoDate } from '../lib/server/time';

const USAGE = 'usage: npm run scenario:load -- <file.json> [--replace] [--as-of YYYY-MM-DD]';

type Options = { file: string; replace: boolean; asOf?: string };

function parseArgs(argv: string[]): Options | null {
	const asOfAt = argv.indexOf('--as-of');
	const asOf = asOfAt >= 0 ? argv[asOfAt + 1] : undefined;
	if (asOfAt >= 0 && !(asOf && isIsoDate(asOf))) return null;
	const rest = asOfAt >= 0 ? argv.filter((_, i) => i !== asOfAt && i !== asOfAt + 1) : argv;
	const replace = rest.includes('--replace');
	const positional = rest.filter((arg) => arg !== '--replace');
	if (positional.length !== 1 || positional[0].startsWith('--')) return null;
	return { file: positional[0], replace, asOf };
}

async function main(argv: string[]): Promise<number> {
	const options = parseArgs(argv);
	if (!options) {
		console.error(USAGE);
		return 2;
	}
	const { file, replace, asOf } = options;
	let source: string;
	try {
		source = readFileSync(file, 'utf8');
	} catch (error) {
		console.error(`${file}: cannot read: ${(error as Error).message}`);
		return 1;
	}
	const path = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
	const holder = serverHolding(path);
	if (holder) {
		console.error(`${path} is in use by a running server (process ${holder.pid}, since ${holder.started}); nothing was written. ` +
			'Stop the server first: loading under it would lose its writes and sessions.');
		return 1;
	}
	// Held for the load, so that a server started meanwhile refuses the database.
	claimServerLock(path);
	try {
		return await load(path, file, asOf ? shiftedText(source, asOf) : source, replace);
	} finally {
		releaseServerLock(path);
	}
}

async function load(path: string, file: string, source: string, replace: boolean): Promise<number> {
	const started = performance.now();
	const db = openDatabase(path);
	try {
		const holding = tablesWithData(db);
		if (holding.length > 0 && !replace) {
			console.error(`${path} already holds data (${holding.join(', ')}); nothing was written. ` +
				'Pass --replace to replace all of it, the access log and every session included.');
			return 1;
		}
		const result = await loadScenarioText(db, source);
		if (!result.ok) {
			console.error(`${file}: rejected, nothing was written. ${result.problems.length} problem(s):`);
			for (const problem of result.problems) console.error(`  ${problem.path}: ${problem.message}`);
			return 1;
		}
		const archived = path === ':memory:' ? null : restartAnchors(path, db.$client, 'before-load', `loaded ${file}`);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		const summary = Object.entries(result.counts).map(([table, n]) => `${table} ${n}`).join(', ');
		console.log(`${file}: loaded into ${path} in ${seconds} s (${summary})` +
			(holding.length > 0 ? '; what was there was replaced' : '') +
			(archived ? `; the access-log anchors of the old data are kept in ${archived}` : ''));
		return 0;
	} finally {
		db.$client.close();
	}
}

/** The file's dates moved from `asOf` to today; unparseable text is left for the loader to report. */
function shiftedText(source: string, asOf: string): string {
	try {
		return JSON.stringify(shiftScenario(JSON.parse(source), daysBetween(asOf, helsinkiToday())));
	} catch {
		return source;
	}
}

process.exitCode = await main(process.argv.slice(2));
