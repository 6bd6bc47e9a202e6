/**
 * Accessibility feedback (Act 306/2019, rule F1): anyone sends it, signed in or not, and
 * the administrators mark it answered. No family is involved, so these writes stand on
 * the skeleton's parts that do not need one: parse first (bad input writes nothing),
 * then one immediate transaction that decides and writes.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import * as t from '../db/schema';
import { appendAdministrationLog } from '../administration-log';
import { decide } from '../policy/decide';
import type { Principal } from '../policy/types';
import { RefillingTokenBucket } from '../rate-limit';
import { invalid, newId, type WriteResult } from '../write-result';
import { forbidden, notFound } from './skeleton';
import { text } from './fields';

/** The longest answer address kept: an e-mail address or a phone number fits well within it. */
const CONTACT_MAX = 200;
const PAGE_MAX = 300;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,24}$/;

/** An e-mail address or a phone number, or nothing: a sender may stay anonymous. */
const contact = z.string().trim().max(CONTACT_MAX, 'too-long')
	.refine((value) => value === '' || EMAIL.test(value) || PHONE.test(value), 'contact-invalid')
	.optional().transform((value) => value || null);

/**
 * The portal page the message is about: a path of this site only (`/family/tasks`), never
 * another site's address (`//example.com`, `https://…`). Its query and fragment are
 * dropped: only which page is kept.
 */
const page = z.string().trim().max(PAGE_MAX, 'too-long')
	.transform((value, ctx) => {
		if (value === '') return null;
		const path = samePath(value);
		if (path === null) ctx.addIssue({ code: 'custom', message: 'page-invalid' });
		return path;
	})
	.optional().transform((value) => value ?? null);

/** A missing message (or anything but text) is "required", like an empty one. */
const message = z.string({ error: 'required' }).pipe(text);
const feedbackInput = z.object({ message, contact, page });

/**
 * A same-origin path's pathname, or null for anything else. A path must start with one
 * slash (`//host` and `/\host` name other sites) and hold no control characters.
 */
export function samePath(value: string): string | null {
	// eslint-disable-next-line no-control-regex
	if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return null;
	const base = 'http://portal.invalid';
	try {
		const url = new URL(value, base);
		return url.origin === base ? url.pathname : null;
	} catch {
		return null;
	}
}

/**
 * Per client address, a burst of 5 messages, then one every 10 minutes: enough for a
 * person with several things to say, too few to flood the administrators' list.
 */
export const FEEDBACK_BURST = 5;
export const FEEDBACK_REFILL_MS = 10 * 60 * 1000;
const feedbackBucket = new RefillingTokenBucket<string>(FEEDBACK_BURST, FEEDBACK_REFILL_MS);

export type FeedbackResult = WriteResult | { ok: false; status: 429; message: 'throttled' };
export type FeedbackSender = { accountId: string | null; clientAddress: string };

/**
 * Stores one accessibility feedback message. Input is parsed before the rate limit is
 * consumed, so a refused form does not use up a sender's tries; over the limit nothing
 * is stored (429). A signed-in sender's account id is recorded, an anonymous one's not.
 */
export function sendAccessibilityFeedback(db: Db, sender: FeedbackSender, input: unknown, now = new Date(), bucket = feedbackBucket): FeedbackResult {
	const parsed = feedbackInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	if (!bucket.consume(sender.clientAddress, 1, now.getTime())) return { ok: false, status: 429, message: 'throttled' };
	const id = newId('afb');
	db.insert(t.accessibilityFeedback).values({
		id, created: now.toISOString(), message: parsed.data.message, contact: parsed.data.contact, page: parsed.data.page, accountId: sender.accountId
	}).run();
	return { ok: true, id };
}

/**
 * An administrator marks a message answered (F1). The answer itself is given outside the
 * portal (by the e-mail or phone the sender left); the administration log records who
 * marked it and when. A message already answered, or not found, is 404.
 */
export function markAccessibilityFeedbackAnswered(db: Db, who: Principal, feedbackId: string, now = new Date()): WriteResult {
	if (!decide(null, who, { type: 'accessibilityFeedback.answer' }).allow || who.kind !== 'administrator') return forbidden;
	return db.transaction((tx) => {
		const open = and(eq(t.accessibilityFeedback.id, feedbackId), isNull(t.accessibilityFeedback.answeredAt));
		const changed = tx.update(t.accessibilityFeedback).set({ answeredAt: now.toISOString(), answeredBy: who.administratorId }).where(open).run();
		if (changed.changes === 0) return notFound;
		appendAdministrationLog(tx, { administratorId: who.administratorId, action: 'answer-feedback', accountId: feedbackId }, now);
		return { ok: true, id: feedbackId };
	}, { behavior: 'immediate' });
}
