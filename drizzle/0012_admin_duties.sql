CREATE TABLE `administration_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`administrator_id` text NOT NULL,
	`action` text NOT NULL,
	`account_id` text NOT NULL,
	`right` text,
	`proposal_id` text
);
--> statement-breakpoint
CREATE TABLE `right_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`professional_id` text NOT NULL,
	`right` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `administrators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `administrators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `right_proposals_state_idx` ON `right_proposals` (`state`,`expires_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`kind` text NOT NULL,
	`member_id` text,
	`professional_id` text,
	`administrator_id` text,
	`active` integer DEFAULT true NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`administrator_id`) REFERENCES `administrators`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "accounts_one_owner" CHECK((kind = 'member' AND member_id IS NOT NULL AND professional_id IS NULL AND administrator_id IS NULL)
		OR (kind = 'professional' AND professional_id IS NOT NULL AND member_id IS NULL AND administrator_id IS NULL)
		OR (kind = 'administrator' AND administrator_id IS NOT NULL AND member_id IS NULL AND professional_id IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_accounts`("id", "username", "password_hash", "kind", "member_id", "professional_id", "administrator_id", "active", "must_change_password") SELECT "id", "username", "password_hash", "kind", "member_id", "professional_id", "administrator_id", "active", "must_change_password" FROM `accounts`;--> statement-breakpoint
DROP TABLE `accounts`;--> statement-breakpoint
ALTER TABLE `__new_accounts` RENAME TO `accounts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_username_idx` ON `accounts` (`username`);--> statement-breakpoint
CREATE INDEX `accounts_professional_idx` ON `accounts` (`professional_id`);--> statement-breakpoint
CREATE INDEX `accounts_member_idx` ON `accounts` (`member_id`);--> statement-breakpoint
-- Hand-written: the administration log is append-only; an entry is never changed (the scenario loader, which replaces all data, still empties it).
CREATE TRIGGER `administration_log_no_update` BEFORE UPDATE ON `administration_log` BEGIN SELECT RAISE(ABORT, 'administration_log is append-only'); END;
