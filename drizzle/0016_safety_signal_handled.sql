-- The coordinator marks a safety signal handled (S1): when and who. The sender sees that it was;
-- a handled signal leaves the coordinator's urgent list.
ALTER TABLE `safety_signals` ADD `handled_at` text;--> statement-breakpoint
ALTER TABLE `safety_signals` ADD `handled_by` text REFERENCES professionals(id);