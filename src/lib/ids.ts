/**
 * The form of every id (FORMAT.md: 1-64 characters of A-Z, a-z, 0-9, _ and -), once:
 * the scenario loader, the forms and the routes check the same thing.
 */
export const ID_CHARACTERS = '[A-Za-z0-9_-]{1,64}';
export const ID_PATTERN = new RegExp(`^${ID_CHARACTERS}$`);

export const isId = (value: string): boolean => ID_PATTERN.test(value);
