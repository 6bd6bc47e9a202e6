import type { Locale } from '$lib/paraglide/runtime';
import type { Principal } from '$lib/server/policy/types';
import type { Session } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			principal: Principal | null;
			session: Session | null;
			accountId: string | null;
			locale: Locale;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
