ALTER TABLE `emergency_accesses` ADD `reviewed_at` text;--> statement-breakpoint
ALTER TABLE `emergency_accesses` ADD `reviewed_by` text REFERENCES professionals(id);