CREATE TABLE `safety_signals` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`member_id` text NOT NULL,
	`word` text,
	`created` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `safety_signals_family_idx` ON `safety_signals` (`family_id`);
--> statement-breakpoint
CREATE TRIGGER `safety_signals_insert_version` AFTER INSERT ON `safety_signals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `safety_signals_update_version` AFTER UPDATE ON `safety_signals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `safety_signals_delete_version` AFTER DELETE ON `safety_signals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
