/**
 * A browser-like form post (`accept: text/html`, same origin, the session cookie) whose
 * body arrives in two parts: the first at once, the rest when `finish` is called. For the
 * tests of what may happen while a request is still arriving.
 */
export function slowFormPost(url: string, path: string, cookie: string, body: string): { answer: Promise<Response>; finish: () => void } {
	const encoder = new TextEncoder();
	let finish!: () => void;
	const rest = new Promise<void>((resolve) => (finish = resolve));
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			controller.enqueue(encoder.encode(body.slice(0, 5)));
			await rest;
			controller.enqueue(encoder.encode(body.slice(5)));
			controller.close();
		}
	});
	// `duplex` is what Node's fetch needs for a streamed body; the DOM's RequestInit does not know it yet.
	const answer = fetch(`${url}${path}`, {
		method: 'POST', redirect: 'manual', body: stream, duplex: 'half',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url, accept: 'text/html', cookie }
	} as RequestInit);
	return { answer, finish };
}
