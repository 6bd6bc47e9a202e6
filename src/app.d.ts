import type { Locale } from '$lib/paraglide/runtime';
import type { Principal } from '$lib/server/policy/types';
import type { Session } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			principal: Principal | null;
			session: Session | null;
			accountId: string | null;
			/** An administrator set the password: nothing else opens until it is changed. */
			mustChangePassword: boolean;
			/** A professional's or administrator's session has passed the second factor (always false for members, who need none). */
			secondFactorVerified: boolean;
			locale: Locale;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
