CREATE TABLE `oidc_flows` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text,
	`nonce` text,
	`code_verifier` text,
	`issuer` text,
	`subject_hash` text,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `oidc_identities` (
	`id` text PRIMARY KEY NOT NULL,
	`issuer` text NOT NULL,
	`subject_hash` text NOT NULL,
	`account_id` text NOT NULL,
	`linked_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oidc_identities_subject_idx` ON `oidc_identities` (`issuer`,`subject_hash`);--> statement-breakpoint
CREATE INDEX `oidc_identities_account_idx` ON `oidc_identities` (`account_id`);--> statement-breakpoint
CREATE TABLE `oidc_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL
);
