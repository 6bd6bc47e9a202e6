/** The access log's entries of one request (L1), collected while the view is built. */
import type { LogRead } from './view-types';
import type { Category, Decision } from './types';

/** Collects one entry per (subject, category) with the union of its rules and consents. */
export class ReadLog {
	private entries = new Map<string, LogRead>();
	note(subject: string | null, category: Category, decision: Decision) {
		const key = `${subject}/${category}/${decision.allow}`;
		const existing = this.entries.get(key);
		const consents = decision.allow ? decision.consents : [];
		if (!existing) {
			this.entries.set(key, { subject, category, allowed: decision.allow, rules: [...decision.rules], consents: [...consents] });
			return;
		}
		for (const r of decision.rules) if (!existing.rules.includes(r)) existing.rules.push(r);
		for (const c of consents) if (!existing.consents.includes(c)) existing.consents.push(c);
	}
	/** G5: a professional's read of one thread is its own entry, naming the thread. */
	noteThread(thread: string, decision: Decision) {
		const consents = decision.allow ? decision.consents : [];
		this.entries.set(`thread/${thread}/${decision.allow}`, { subject: null, category: 'messages', thread, allowed: decision.allow, rules: [...decision.rules], consents: [...consents] });
	}
	list(): LogRead[] {
		return [...this.entries.values()];
	}
}
