/**
 * What a scenario file's JSON syntax error says: where, never what is there. The problem is
 * printed to a terminal or a CI log, and the file holds passwords.
 */

/** V8's message without its quote of the file, with the line and column on every Node. */
export function jsonProblem(message: string, source: string): string {
	return withLine(withoutSource(message), source);
}

/**
 * V8's JSON message without the piece of the file it quotes (`..."assword": TopSecr"...`):
 * the problem is printed to a terminal or a CI log, and the file holds passwords.
 */
function withoutSource(message: string): string {
	return message.replace(/, (\.\.\.)?"[\s\S]*"(\.\.\.)? is not valid JSON$/, ' (the file\'s text is not shown: it may hold passwords)');
}

/** Node 20's message gives only the position; Node 22 and later add the line and column, as this does. */
function withLine(message: string, source: string): string {
	const position = /at position (\d+)$/.exec(message);
	if (!position) return message;
	const before = source.slice(0, Number(position[1])).split('\n');
	return `${message} (line ${before.length} column ${before.at(-1)!.length + 1})`;
}
