/**
 * sqliteOf (db/prepared.ts): the connection under a database or a drizzle transaction.
 * Statements run on it inside a transaction belong to that transaction (its rollback
 * undoes them); if drizzle stops keeping the connection where sqliteOf reads it, this fails.
 */
import { describe, expect, it } from 'vitest';
import { sqliteOf } from '../../../src/lib/server/db/prepared';
import { freshDatabase } from './test-db';

describe('sqliteOf', () => {
	it('is the database\'s own connection, for the database and for its transactions', () => {
		const test = freshDatabase();
		try {
			let underTransaction: unknown;
			test.db.transaction((tx) => { underTransaction = sqliteOf(tx); });
			expect(sqliteOf(test.db)).toBe(test.db.$client);
			expect(underTransaction).toBe(test.db.$client);
		} finally {
			test.close();
		}
	});

	it('a statement run on it inside a transaction is undone with the transaction', () => {
		const test = freshDatabase();
		try {
			const insert = "INSERT INTO organisations (id, name, kind) VALUES ('org-x', 'X', 'child-welfare')";
			expect(() => test.db.transaction((tx) => {
				sqliteOf(tx).prepare(insert).run();
				expect(sqliteOf(tx).prepare("SELECT count(*) FROM organisations WHERE id = 'org-x'").pluck().get()).toBe(1);
				throw new Error('undo');
			})).toThrow('undo');
			expect(test.db.$client.prepare("SELECT count(*) FROM organisations WHERE id = 'org-x'").pluck().get()).toBe(0);
		} finally {
			test.close();
		}
	});
});
