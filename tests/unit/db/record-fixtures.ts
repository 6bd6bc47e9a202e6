/** Test data for the record statement and cache tests, beyond the demo scenario. */
import type { Db } from '../../../src/lib/server/db';

/**
 * One row in each record table the demo leaves empty (information rights, outcomes,
 * consultations, tags, safety signals), all in fam-haddad, so that every table has a row.
 */
export function addRowsTheDemoLacks(db: Db) {
	const run = (sql: string) => db.$client.prepare(sql).run();
	run(`INSERT INTO information_rights (adult_id, child_id, categories) VALUES ('amal', 'omar', '["services"]')`);
	run(`INSERT INTO family_outcomes (id, family_id, point, outcome, recorded, recorded_by) VALUES ('out-1', 'fam-haddad', 'end', 'better', '2026-11-01', 'pro-anna')`);
	run(`INSERT INTO consultations (id, family_id, subject_id, created_by, created, question, answered_by, answered)
		VALUES ('con-1', 'fam-haddad', 'omar', 'pro-anna', '2026-11-01', 'Why?', 'pro-mikko', '2026-11-02')`);
	run(`INSERT INTO tags (id, family_id, item_kind, item_id, from_id, to_id, created) VALUES ('tag-1', 'fam-haddad', 'consultation', 'con-1', 'pro-anna', 'pro-mikko', '2026-11-01')`);
	run(`INSERT INTO safety_signals (id, family_id, member_id, word, created, handled_at, handled_by) VALUES ('sig-1', 'fam-haddad', 'yasmin', 'help', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z', 'pro-anna')`);
}
