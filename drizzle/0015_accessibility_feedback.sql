CREATE TABLE `accessibility_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`created` text NOT NULL,
	`message` text NOT NULL,
	`contact` text,
	`page` text,
	`account_id` text,
	`answered_at` text,
	`answered_by` text
);
--> statement-breakpoint
CREATE INDEX `accessibility_feedback_open_idx` ON `accessibility_feedback` (`answered_at`,`created`);