-- family_version triggers of the message tables (POLICY.md G1-G5): a write to a thread,
-- its participants or its messages raises that family's version, so cached records go stale
-- (as drizzle/0013_family_versions.sql does for the other family tables). thread_reads is
-- not part of the record and has none.
CREATE TRIGGER `threads_insert_version` AFTER INSERT ON `threads` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `threads_update_version` AFTER UPDATE ON `threads` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `threads_delete_version` AFTER DELETE ON `threads` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_participants_insert_version` AFTER INSERT ON `thread_participants` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_participants_update_version` AFTER UPDATE ON `thread_participants` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_participants_delete_version` AFTER DELETE ON `thread_participants` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_messages_insert_version` AFTER INSERT ON `thread_messages` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (NEW.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_messages_update_version` AFTER UPDATE ON `thread_messages` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; INSERT INTO `family_version` (`family_id`, `version`) SELECT NEW.`family_id`, 1 WHERE NEW.`family_id` IS NOT OLD.`family_id` ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
--> statement-breakpoint
CREATE TRIGGER `thread_messages_delete_version` AFTER DELETE ON `thread_messages` BEGIN INSERT INTO `family_version` (`family_id`, `version`) VALUES (OLD.`family_id`, 1) ON CONFLICT (`family_id`) DO UPDATE SET `version` = `version` + 1; END;
