/**
 * `npm run audit:verify [-- --chain-only]`: recomputes the access log's hash chain (L1)
 * at DATABASE_PATH and checks it against the anchors in `<db>.log-anchor` (every
 * anchored head held, the last one reached), naming the first broken entry or the
 * missing tail. Exit 0 when all holds, 1 otherwise; a missing or damaged anchor file is
 * a failure too (removed newest entries could not be seen), unless `--chain-only`.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_DATABASE_PATH, openDatabase } from '../lib/server/db';
import { verifyAccessLog } from '../lib/server/access-log';
import { readAnchorFile } from '../lib/server/log-anchor';

const path = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
const chainOnly = process.argv.includes('--chain-only');
if (!existsSync(path)) {
	console.error(`${path}: no database there`);
	process.exit(1);
}
const anchorFile = readAnchorFile(path);
const anchors = anchorFile.state === 'ok' ? anchorFile.anchors : [];
const db = openDatabase(path);
const result = verifyAccessLog(db, anchors);
db.$client.close();
if (!result.ok) {
	console.error(`${path}: access log broken at entry ${result.firstBroken}: ${result.problem}`);
	process.exitCode = 1;
} else if (anchorFile.state === 'ok') {
	const last = anchors.at(-1)!;
	const since = result.entries - last.seq;
	console.log(`${path}: access log intact, ${result.entries} entries; all ${anchors.length} anchors hold, the last of ${last.at} at entry ${last.seq}` +
		(since > 0 ? ` (${since} newer entries are not anchored yet)` : ''));
} else {
	const why = anchorFile.state === 'missing'
		? `no anchor file (${anchorFile.path})`
		: `the anchor file ${anchorFile.path} is damaged: ${anchorFile.problem}`;
	const line = `${path}: access log intact, ${result.entries} entries, but ${why}: removed newest entries cannot be seen`;
	if (chainOnly) {
		console.log(line);
	} else {
		console.error(`${line} (--chain-only checks the chain alone)`);
		process.exitCode = 1;
	}
}
