CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`start` text NOT NULL,
	`title` text,
	`member_ids` text DEFAULT '[]' NOT NULL,
	`professional_ids` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meetings_family_idx` ON `meetings` (`family_id`);--> statement-breakpoint
ALTER TABLE `families` ADD `path` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `voice_items` ADD `meeting_id` text REFERENCES meetings(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `voice_items` ADD `feeling` text;--> statement-breakpoint
ALTER TABLE `voice_items` ADD `answers` text;--> statement-breakpoint
ALTER TABLE `voice_items` ADD `score` integer;
--> statement-breakpoint
CREATE TRIGGER `meetings_insert_version` AFTER INSERT ON `meetings` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `meetings_update_version` AFTER UPDATE ON `meetings` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `meetings_delete_version` AFTER DELETE ON `meetings` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
