CREATE TABLE `consultations` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created` text NOT NULL,
	`question` text NOT NULL,
	`situation` text,
	`root_causes` text,
	`plan` text,
	`answer` text,
	`answered_by` text,
	`answered` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultations_family_idx` ON `consultations` (`family_id`);--> statement-breakpoint
ALTER TABLE `voice_items` ADD `consultation_id` text REFERENCES consultations(id) ON DELETE set null;--> statement-breakpoint
CREATE TRIGGER `consultations_insert_version` AFTER INSERT ON `consultations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `consultations_update_version` AFTER UPDATE ON `consultations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `consultations_delete_version` AFTER DELETE ON `consultations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
