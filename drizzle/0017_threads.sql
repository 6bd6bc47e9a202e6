CREATE TABLE `thread_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`author_member` text,
	`author_professional` text,
	`text` text NOT NULL,
	`sent` text NOT NULL,
	`withdrawn_at` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_member`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_professional`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "thread_messages_one_author" CHECK(("thread_messages"."author_member" IS NULL) <> ("thread_messages"."author_professional" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `thread_messages_thread_idx` ON `thread_messages` (`thread_id`,`sent`);--> statement-breakpoint
CREATE TABLE `thread_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`family_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`member_id` text,
	`professional_id` text,
	`added_at` text NOT NULL,
	`added_by` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "thread_participants_one_person" CHECK(("thread_participants"."member_id" IS NULL) <> ("thread_participants"."professional_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `thread_participants_thread_idx` ON `thread_participants` (`thread_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `thread_participants_member_idx` ON `thread_participants` (`thread_id`,`member_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `thread_participants_professional_idx` ON `thread_participants` (`thread_id`,`professional_id`);--> statement-breakpoint
CREATE TABLE `thread_reads` (
	`thread_id` text NOT NULL,
	`reader_kind` text NOT NULL,
	`reader_id` text NOT NULL,
	`last_read` text NOT NULL,
	PRIMARY KEY(`thread_id`, `reader_kind`, `reader_id`),
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `threads` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`started_by_member` text,
	`started_by_professional` text,
	`created` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_member`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`started_by_professional`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `threads_family_idx` ON `threads` (`family_id`);