import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/auth';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	redirect(303, locals.principal ? homeOf(locals.principal.kind) : '/login');
};
