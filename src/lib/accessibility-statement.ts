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
 * The supervising authority's contact details. Supervision of digital accessibility moved
 * from the Regional State Administrative Agency for Southern Finland to Traficom on
 * 1.1.2025 (HE 71/2024); check these whenever the statement is reviewed.
 * Its name and unit are messages (they are translated); these are not.
 */
export const AUTHORITY = {
	web: 'https://www.saavutettavuusvaatimukset.fi',
	webText: 'www.saavutettavuusvaatimukset.fi',
	email: 'saavutettavuus@traficom.fi',
	phone: '029 534 5000',
	phoneHref: 'tel:+358295345000'
} as const;
