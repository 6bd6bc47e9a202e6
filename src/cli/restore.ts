/**
 * `npm run restore -- <file>`: puts a backup back as the database at DATABASE_PATH.
 * Refuses while a server holds the database, and refuses a copy that fails SQLite's
 * integrity check or whose access-log chain is broken; nothing changes then (exit 1).
 * The replaced database and its access-log anchors are kept aside; every session ends.
 */
import { DEFAULT_DATABASE_PATH } from '../lib/server/db';
import { restoreDatabase } from '../lib/server/db/restore';

function main(argv: string[]): number {
	const copy = argv[0];
	if (argv.length !== 1 || copy.startsWith('--')) {
		console.error('usage: npm run restore -- <file>');
		return 2;
	}
	const target = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
	const result = restoreDatabase(copy, target);
	if (!result.ok) {
		console.error(`${target}: not restored: ${result.problem}`);
		return 1;
	}
	console.log(`${target}: restored from ${copy} (access log intact, ${result.entries} entries).`);
	console.log('  Lost: everything written after the copy was taken; every session has ended (' +
		`${result.sessionsEnded} ended), so everyone signs in again.`);
	for (const note of result.notes) console.log(`  Note: ${note}.`);
	if (result.replacedKeptAt) console.log(`  The replaced database is kept at ${result.replacedKeptAt}.`);
	console.log(`  A new access-log anchor file starts at the restored head` +
		(result.anchorsKeptAt ? `; the old anchors are kept at ${result.anchorsKeptAt}.` : '.'));
	return 0;
}

process.exitCode = main(process.argv.slice(2));
