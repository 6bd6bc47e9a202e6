CREATE TABLE `family_outcomes` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`point` text NOT NULL,
	`outcome` text NOT NULL,
	`recorded` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `family_outcomes_point_idx` ON `family_outcomes` (`family_id`,`point`);--> statement-breakpoint
ALTER TABLE `professionals` ADD `manager` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TRIGGER `family_outcomes_insert_version` AFTER INSERT ON `family_outcomes` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `family_outcomes_update_version` AFTER UPDATE ON `family_outcomes` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `family_outcomes_delete_version` AFTER DELETE ON `family_outcomes` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
