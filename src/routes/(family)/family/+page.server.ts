import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { readFamilyView } from '$lib/server/family-access';
import { requireMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const me = requireMember(event);
	const view = readFamilyView(getDb(), me, me.familyId);
	if (!view) error(404, 'Not found');
	return { view, me: { id: me.memberId, name: me.name } };
};
