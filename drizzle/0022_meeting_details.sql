ALTER TABLE `meetings` ADD `place` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `interpreter_booked` text DEFAULT '[]' NOT NULL;