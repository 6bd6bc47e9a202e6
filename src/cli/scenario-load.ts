/**
 * `npm run scenario:load -- <file.json> [--as-of YYYY-MM-DD]`: migrates the database at
 * DATABASE_PATH and replaces its contents with the scenario. Exit 1 with every problem
 * listed when the file is rejected; nothing is written then. With `--as-of`, the file's
 * dates are read as written on that day and moved to today (the demo uses this).
 */
import { readFileSync } from 'node:fs';
import { openDatabase, DEFAULT_DATABASE_PATH } from '../lib/server/db';
import { loadScenarioText } from '../lib/server/scenario/load';
import { daysBetween, shiftScenario } from '../lib/server/scenario/shift';
import { helsinkiToday, isIsoDate } from '../lib/server/time';

const USAGE = 'usage: npm run scenario:load -- <file.json> [--as-of YYYY-MM-DD]';

async function main(argv: string[]): Promise<number> {
	const asOfAt = argv.indexOf('--as-of');
	const asOf = asOfAt >= 0 ? argv[asOfAt + 1] : undefined;
	const positional = asOfAt >= 0 ? argv.filter((_, i) => i !== asOfAt && i !== asOfAt + 1) : argv;
	const file = positional[0];
	if (!file || (asOfAt >= 0 && !(asOf && isIsoDate(asOf)))) {
		console.error(USAGE);
		return 2;
	}
	let source: string;
	try {
		source = readFileSync(file, 'utf8');
	} catch (error) {
		console.error(`${file}: cannot read: ${(error as Error).message}`);
		return 1;
	}
	const path = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
	const started = performance.now();
	const db = openDatabase(path);
	const result = await loadScenarioText(db, asOf ? shiftedText(source, asOf) : source);
	db.$client.close();
	if (!result.ok) {
		console.error(`${file}: rejected, nothing was written. ${result.problems.length} problem(s):`);
		for (const problem of result.problems) console.error(`  ${problem.path}: ${problem.message}`);
		return 1;
	}
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const summary = Object.entries(result.counts).map(([table, n]) => `${table} ${n}`).join(', ');
	console.log(`${file}: loaded into ${path} in ${seconds} s (${summary})`);
	return 0;
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
