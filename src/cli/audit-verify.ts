/**
 * `npm run audit:verify`: recomputes the access log's hash chain (L1) at DATABASE_PATH
 * and names the first broken entry. Exit 0 when the chain holds, 1 otherwise.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_DATABASE_PATH, openDatabase } from '../lib/server/db';
import { verifyAccessLog } from '../lib/server/access-log';

const path = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
if (!existsSync(path)) {
	console.error(`${path}: no database there`);
	process.exit(1);
}
const db = openDatabase(path);
const result = verifyAccessLog(db);
db.$client.close();
if (result.ok) {
	console.log(`${path}: access log intact, ${result.entries} entries`);
} else {
	console.error(`${path}: access log broken at entry ${result.firstBroken}: ${result.problem}`);
	process.exitCode = 1;
}
