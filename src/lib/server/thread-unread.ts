/**
 * Unread counts (G5): computed from the threads of a view the policy built for the reader,
 * so a count never includes a thread they may not see, and from the reader's read marks.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './db';
import { threadReads } from './db/schema';
import type { Principal } from './policy/types';
import type { ThreadView } from './policy/view-types';

/** The reader as stored in read marks. */
function readerOf(who: Principal): { kind: 'member' | 'professional'; id: string } | null {
	if (who.kind === 'member') return { kind: 'member', id: who.memberId };
	return who.kind === 'professional' ? { kind: 'professional', id: who.professionalId } : null;
}

/**
 * Per thread of the view, how many messages by others (not withdrawn) came after the
 * reader last read it. Threads the view does not hold are not counted at all.
 */
export function unreadByThread(db: Db, who: Principal, threads: readonly ThreadView[]): Record<string, number> {
	const reader = readerOf(who);
	if (!reader || threads.length === 0) return {};
	const marks = new Map(db.select({ thread: threadReads.threadId, lastRead: threadReads.lastRead }).from(threadReads)
		.where(and(eq(threadReads.readerKind, reader.kind), eq(threadReads.readerId, reader.id), inArray(threadReads.threadId, threads.map((t) => t.id))))
		.all().map((row) => [row.thread, Date.parse(row.lastRead)]));
	const out: Record<string, number> = {};
	for (const thread of threads) {
		const since = marks.get(thread.id) ?? Number.NEGATIVE_INFINITY;
		out[thread.id] = thread.messages.filter((m) => !m.withdrawn && m.author !== reader.id && Date.parse(m.sent) > since).length;
	}
	return out;
}

/** All unread messages of the view's threads together (the "now" card, the professional's today). */
export function unreadTotal(db: Db, who: Principal, threads: readonly ThreadView[]): number {
	return Object.values(unreadByThread(db, who, threads)).reduce((sum, n) => sum + n, 0);
}
