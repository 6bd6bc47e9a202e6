CREATE INDEX `thread_messages_family_idx` ON `thread_messages` (`family_id`);--> statement-breakpoint
CREATE INDEX `thread_participants_family_idx` ON `thread_participants` (`family_id`);