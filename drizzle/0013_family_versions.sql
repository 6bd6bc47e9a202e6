-- Per-family record versions (replacing the one global version for family data): a
-- write to a family's data raises only that family's version, so the other families'
-- cached records stay valid. Professionals and organisations appear in many records and
-- change seldom: their triggers keep raising the global `record_version`.
-- The family of a row is its family_id (families: id); custody and information rights
-- reach it through the member the record joins them by (child_id, adult_id). An update
-- raises the old family and, when the row moved, the new one. Rows of family_version are
-- never deleted, so a version never returns to one a cache has seen; a family without a
-- row counts as version 0.
CREATE TABLE `family_version` (
	`family_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
DROP TRIGGER IF EXISTS `families_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `families_insert_version` AFTER INSERT ON `families` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `families_update_version`;
--> statement-breakpoint
CREATE TRIGGER `families_update_version` AFTER UPDATE ON `families` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`id`, 1 WHERE NEW.`id` IS NOT OLD.`id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `families_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `families_delete_version` AFTER DELETE ON `families` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `members_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `members_insert_version` AFTER INSERT ON `members` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `members_update_version`;
--> statement-breakpoint
CREATE TRIGGER `members_update_version` AFTER UPDATE ON `members` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `members_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `members_delete_version` AFTER DELETE ON `members` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `team_memberships_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `team_memberships_insert_version` AFTER INSERT ON `team_memberships` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `team_memberships_update_version`;
--> statement-breakpoint
CREATE TRIGGER `team_memberships_update_version` AFTER UPDATE ON `team_memberships` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `team_memberships_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `team_memberships_delete_version` AFTER DELETE ON `team_memberships` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `services_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `services_insert_version` AFTER INSERT ON `services` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `services_update_version`;
--> statement-breakpoint
CREATE TRIGGER `services_update_version` AFTER UPDATE ON `services` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `services_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `services_delete_version` AFTER DELETE ON `services` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `goals_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `goals_insert_version` AFTER INSERT ON `goals` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `goals_update_version`;
--> statement-breakpoint
CREATE TRIGGER `goals_update_version` AFTER UPDATE ON `goals` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `goals_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `goals_delete_version` AFTER DELETE ON `goals` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tasks_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `tasks_insert_version` AFTER INSERT ON `tasks` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tasks_update_version`;
--> statement-breakpoint
CREATE TRIGGER `tasks_update_version` AFTER UPDATE ON `tasks` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tasks_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `tasks_delete_version` AFTER DELETE ON `tasks` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `assessments_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `assessments_insert_version` AFTER INSERT ON `assessments` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `assessments_update_version`;
--> statement-breakpoint
CREATE TRIGGER `assessments_update_version` AFTER UPDATE ON `assessments` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `assessments_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `assessments_delete_version` AFTER DELETE ON `assessments` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `voice_items_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `voice_items_insert_version` AFTER INSERT ON `voice_items` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `voice_items_update_version`;
--> statement-breakpoint
CREATE TRIGGER `voice_items_update_version` AFTER UPDATE ON `voice_items` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `voice_items_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `voice_items_delete_version` AFTER DELETE ON `voice_items` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `meetings_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `meetings_insert_version` AFTER INSERT ON `meetings` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `meetings_update_version`;
--> statement-breakpoint
CREATE TRIGGER `meetings_update_version` AFTER UPDATE ON `meetings` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `meetings_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `meetings_delete_version` AFTER DELETE ON `meetings` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consents_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `consents_insert_version` AFTER INSERT ON `consents` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consents_update_version`;
--> statement-breakpoint
CREATE TRIGGER `consents_update_version` AFTER UPDATE ON `consents` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consents_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `consents_delete_version` AFTER DELETE ON `consents` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `blocks_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `blocks_insert_version` AFTER INSERT ON `blocks` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `blocks_update_version`;
--> statement-breakpoint
CREATE TRIGGER `blocks_update_version` AFTER UPDATE ON `blocks` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `blocks_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `blocks_delete_version` AFTER DELETE ON `blocks` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `invitations_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `invitations_insert_version` AFTER INSERT ON `invitations` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `invitations_update_version`;
--> statement-breakpoint
CREATE TRIGGER `invitations_update_version` AFTER UPDATE ON `invitations` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `invitations_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `invitations_delete_version` AFTER DELETE ON `invitations` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `emergency_accesses_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `emergency_accesses_insert_version` AFTER INSERT ON `emergency_accesses` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `emergency_accesses_update_version`;
--> statement-breakpoint
CREATE TRIGGER `emergency_accesses_update_version` AFTER UPDATE ON `emergency_accesses` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `emergency_accesses_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `emergency_accesses_delete_version` AFTER DELETE ON `emergency_accesses` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `consultations_insert_version` AFTER INSERT ON `consultations` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_update_version`;
--> statement-breakpoint
CREATE TRIGGER `consultations_update_version` AFTER UPDATE ON `consultations` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `consultations_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `consultations_delete_version` AFTER DELETE ON `consultations` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tags_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `tags_insert_version` AFTER INSERT ON `tags` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tags_update_version`;
--> statement-breakpoint
CREATE TRIGGER `tags_update_version` AFTER UPDATE ON `tags` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `tags_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `tags_delete_version` AFTER DELETE ON `tags` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `family_outcomes_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `family_outcomes_insert_version` AFTER INSERT ON `family_outcomes` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `family_outcomes_update_version`;
--> statement-breakpoint
CREATE TRIGGER `family_outcomes_update_version` AFTER UPDATE ON `family_outcomes` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `family_outcomes_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `family_outcomes_delete_version` AFTER DELETE ON `family_outcomes` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `safety_signals_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `safety_signals_insert_version` AFTER INSERT ON `safety_signals` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `safety_signals_update_version`;
--> statement-breakpoint
CREATE TRIGGER `safety_signals_update_version` AFTER UPDATE ON `safety_signals` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `safety_signals_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `safety_signals_delete_version` AFTER DELETE ON `safety_signals` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `custody_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `custody_insert_version` AFTER INSERT ON `custody` BEGIN INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = NEW.`child_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `custody_update_version`;
--> statement-breakpoint
CREATE TRIGGER `custody_update_version` AFTER UPDATE ON `custody` BEGIN INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = OLD.`child_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = NEW.`child_id` AND NEW.`child_id` IS NOT OLD.`child_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `custody_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `custody_delete_version` AFTER DELETE ON `custody` BEGIN INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = OLD.`child_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `information_rights_insert_version`;
--> statement-breakpoint
CREATE TRIGGER `information_rights_insert_version` AFTER INSERT ON `information_rights` BEGIN INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = NEW.`adult_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `information_rights_update_version`;
--> statement-breakpoint
CREATE TRIGGER `information_rights_update_version` AFTER UPDATE ON `information_rights` BEGIN INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = OLD.`adult_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = NEW.`adult_id` AND NEW.`adult_id` IS NOT OLD.`adult_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `information_rights_delete_version`;
--> statement-breakpoint
CREATE TRIGGER `information_rights_delete_version` AFTER DELETE ON `information_rights` BEGIN INSERT INTO `family_version` (`family_id`, `version`) SELECT `family_id`, 1 FROM `members` WHERE `id` = OLD.`adult_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
