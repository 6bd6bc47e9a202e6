/**
 * The fixed facts of the accessibility statement (Act 306/2019, the Finnish model
 * statement of saavutettavuusvaatimukset.fi). Update the dates whenever the statement
 * is checked again; the texts themselves are messages (`a11y_*`) in every locale.
 */

/** When the statement was first made (YYYY-MM-DD, Helsinki). */
export const STATEMENT_MADE = '2026-12-02';
/** When the service and the statement were last checked (YYYY-MM-DD, Helsinki). */
export const STATEMENT_CHECKED = '2026-12-02';

/** Days within which feedback must be answered. */
export const ANSWER_DAYS = 14;

/** The longest feedback message the form takes (the server refuses longer ones too). */
export const FEEDBACK_MAX = 4000;

/**
 * The supervising authority's contact details, as public services' statements give them.
 * Its name and unit are messages (they are translated); these are not.
 */
export const AUTHORITY = {
	web: 'https://www.saavutettavuusvaatimukset.fi',
	webText: 'www.saavutettavuusvaatimukset.fi',
	email: 'saavutettavuus@avi.fi',
	phone: '0295 016 000',
	phoneHref: 'tel:+358295016000'
} as const;
