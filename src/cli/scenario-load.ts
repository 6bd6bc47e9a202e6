/**
 * `npm run scenario:load -- <file.json>`: migrates the database at DATABASE_PATH and
 * replaces its contents with the scenario. Exit 1 with every problem listed when the
 * file is rejected; nothing is written then.
 */
import { readFileSync } from 'node:fs';
import { openDatabase, DEFAULT_DATABASE_PATH } from '../lib/server/db';
import { loadScenarioText } from '../lib/server/scenario/load';

async function main(argv: string[]): Promise<number> {
	const file = argv[0];
	if (!file) {
		console.error('usage: npm run scenario:load -- <file.json>');
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
	const result = await loadScenarioText(db, source);
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

process.exitCode = await main(process.argv.slice(2));
