import type { Principal } from '$lib/server/policy/types';
import type { Session } from '$lib/server/session';

declare global {
	namespace App {
		interface Locals {
			principal: Principal | null;
			session: Session | null;
			accountId: string | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
