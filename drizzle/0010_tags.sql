CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`item_kind` text NOT NULL,
	`item_id` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`note` text,
	`created` text NOT NULL,
	`handled` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tags_family_idx` ON `tags` (`family_id`);--> statement-breakpoint
CREATE TRIGGER `tags_insert_version` AFTER INSERT ON `tags` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tags_update_version` AFTER UPDATE ON `tags` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tags_delete_version` AFTER DELETE ON `tags` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
