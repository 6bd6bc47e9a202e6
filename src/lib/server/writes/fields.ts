/** Form fields the writes share, as zod schemas: dates, texts, checkboxes and who a text is shared with. */
import { z } from 'zod';
import { isIsoDate } from '../time';

export const date = z.string().refine(isIsoDate, 'date');
export const optionalDate = z.union([date, z.literal('').transform(() => null), z.null()]).optional().transform((v) => v ?? null);
export const text = z.string().trim().min(1, 'required').max(4000, 'too-long');
export const optionalText = z.string().trim().max(4000, 'too-long').optional().transform((v) => v ?? '');
export const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal('1'), z.literal(''), z.literal('false'), z.null()])
	.optional().transform((v) => v === 'on' || v === 'true' || v === '1');

/** Forms send one choice, `audience`; the API-style pair of flags is accepted too. */
const AUDIENCES = ['me', 'family', 'team', 'both'] as const;
export const sharing = {
	shareWithFamily: checkbox, shareWithTeam: checkbox, audience: z.enum(AUDIENCES).optional()
};

/** The one `audience` choice, when given, as the pair of flags. */
export function withAudience<T extends { audience?: (typeof AUDIENCES)[number]; shareWithFamily: boolean; shareWithTeam: boolean }>({ audience, ...rest }: T) {
	return audience === undefined ? rest : {
		...rest, shareWithFamily: audience === 'family' || audience === 'both', shareWithTeam: audience === 'team' || audience === 'both'
	};
}
