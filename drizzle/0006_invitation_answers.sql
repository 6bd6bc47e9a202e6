ALTER TABLE `invitations` ADD `light_information` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `light_concern` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `light_available` text;--> statement-breakpoint
ALTER TABLE `invitations` ADD `answer_note` text;