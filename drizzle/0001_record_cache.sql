CREATE TABLE `record_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `record_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `organisations_insert_version` AFTER INSERT ON `organisations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_update_version` AFTER UPDATE ON `organisations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_delete_version` AFTER DELETE ON `organisations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `professionals_insert_version` AFTER INSERT ON `professionals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `professionals_update_version` AFTER UPDATE ON `professionals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `professionals_delete_version` AFTER DELETE ON `professionals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `families_insert_version` AFTER INSERT ON `families` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `families_update_version` AFTER UPDATE ON `families` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `families_delete_version` AFTER DELETE ON `families` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `members_insert_version` AFTER INSERT ON `members` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `members_update_version` AFTER UPDATE ON `members` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `members_delete_version` AFTER DELETE ON `members` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `custody_insert_version` AFTER INSERT ON `custody` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `custody_update_version` AFTER UPDATE ON `custody` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `custody_delete_version` AFTER DELETE ON `custody` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `information_rights_insert_version` AFTER INSERT ON `information_rights` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `information_rights_update_version` AFTER UPDATE ON `information_rights` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `information_rights_delete_version` AFTER DELETE ON `information_rights` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `team_memberships_insert_version` AFTER INSERT ON `team_memberships` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `team_memberships_update_version` AFTER UPDATE ON `team_memberships` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `team_memberships_delete_version` AFTER DELETE ON `team_memberships` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `services_insert_version` AFTER INSERT ON `services` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `services_update_version` AFTER UPDATE ON `services` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `services_delete_version` AFTER DELETE ON `services` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `goals_insert_version` AFTER INSERT ON `goals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `goals_update_version` AFTER UPDATE ON `goals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `goals_delete_version` AFTER DELETE ON `goals` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tasks_insert_version` AFTER INSERT ON `tasks` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tasks_update_version` AFTER UPDATE ON `tasks` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `tasks_delete_version` AFTER DELETE ON `tasks` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `assessments_insert_version` AFTER INSERT ON `assessments` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `assessments_update_version` AFTER UPDATE ON `assessments` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `assessments_delete_version` AFTER DELETE ON `assessments` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `voice_items_insert_version` AFTER INSERT ON `voice_items` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `voice_items_update_version` AFTER UPDATE ON `voice_items` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `voice_items_delete_version` AFTER DELETE ON `voice_items` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `consents_insert_version` AFTER INSERT ON `consents` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `consents_update_version` AFTER UPDATE ON `consents` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `consents_delete_version` AFTER DELETE ON `consents` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `blocks_insert_version` AFTER INSERT ON `blocks` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `blocks_update_version` AFTER UPDATE ON `blocks` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `blocks_delete_version` AFTER DELETE ON `blocks` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `invitations_insert_version` AFTER INSERT ON `invitations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `invitations_update_version` AFTER UPDATE ON `invitations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `invitations_delete_version` AFTER DELETE ON `invitations` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `emergency_accesses_insert_version` AFTER INSERT ON `emergency_accesses` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `emergency_accesses_update_version` AFTER UPDATE ON `emergency_accesses` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `emergency_accesses_delete_version` AFTER DELETE ON `emergency_accesses` BEGIN UPDATE `record_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
