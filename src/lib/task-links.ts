/**
 * Where in the portal a task is done, when the task asks for something the portal has a
 * place for. Tasks carry no such link in the data (scenario format 1), so the known
 * kinds are recognised from their words, in the three languages a task may be written in.
 */
const PLACES: { words: RegExp; href: string }[] = [
	// "Kirjoita kysymykset konsultaatiotiimille": the questions are written on My voice.
	{ words: /konsultaatio|konsultation|consultation/i, href: '/family/voice#consultation-questions' }
];

/** The family page where the task is done, or null when it is done outside the portal. */
export function taskPlace(text: string): string | null {
	return PLACES.find((place) => place.words.test(text))?.href ?? null;
}
