CREATE INDEX `accounts_professional_idx` ON `accounts` (`professional_id`);--> statement-breakpoint
CREATE INDEX `accounts_member_idx` ON `accounts` (`member_id`);