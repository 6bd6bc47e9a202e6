/**
 * The browser side of passkeys, with the browser's own navigator.credentials (no
 * library): the server's options arrive as JSON with base64url fields, and the answer
 * goes back the same way, as a form field.
 */
function bytesOf(base64url: string): Uint8Array<ArrayBuffer> {
	const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
	const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
	return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

function base64urlOf(buffer: ArrayBuffer | null): string | null {
	if (!buffer) return null;
	let text = '';
	for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
	return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

type CredentialRef = { id: string; type?: string; transports?: string[] };
type Json = Record<string, unknown>;

function withIds(list: unknown): PublicKeyCredentialDescriptor[] | undefined {
	return (list as CredentialRef[] | undefined)?.map((c) => ({ type: 'public-key', id: bytesOf(c.id), transports: c.transports as AuthenticatorTransport[] | undefined }));
}

/** True when this browser can use passkeys at all. */
export function passkeysAvailable(): boolean {
	return typeof window !== 'undefined' && 'PublicKeyCredential' in window && !!navigator.credentials;
}

/** Creates a passkey from the server's registration options; the answer as the JSON the server verifies. */
export async function createPasskey(options: Json): Promise<string> {
	const user = options.user as { id: string; name: string; displayName: string };
	const credential = (await navigator.credentials.create({
		publicKey: {
			...(options as unknown as PublicKeyCredentialCreationOptions),
			challenge: bytesOf(options.challenge as string),
			user: { ...user, id: bytesOf(user.id) },
			excludeCredentials: withIds(options.excludeCredentials)
		}
	})) as PublicKeyCredential;
	const response = credential.response as AuthenticatorAttestationResponse;
	return JSON.stringify({
		id: credential.id, rawId: base64urlOf(credential.rawId), type: credential.type,
		authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
		clientExtensionResults: credential.getClientExtensionResults(),
		response: {
			clientDataJSON: base64urlOf(response.clientDataJSON), attestationObject: base64urlOf(response.attestationObject),
			transports: response.getTransports?.() ?? []
		}
	});
}

/** Signs the server's challenge with a passkey; the answer as the JSON the server verifies. */
export async function usePasskey(options: Json): Promise<string> {
	const credential = (await navigator.credentials.get({
		publicKey: {
			...(options as unknown as PublicKeyCredentialRequestOptions),
			challenge: bytesOf(options.challenge as string),
			allowCredentials: withIds(options.allowCredentials)
		}
	})) as PublicKeyCredential;
	const response = credential.response as AuthenticatorAssertionResponse;
	return JSON.stringify({
		id: credential.id, rawId: base64urlOf(credential.rawId), type: credential.type,
		authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
		clientExtensionResults: credential.getClientExtensionResults(),
		response: {
			clientDataJSON: base64urlOf(response.clientDataJSON), authenticatorData: base64urlOf(response.authenticatorData),
			signature: base64urlOf(response.signature), userHandle: base64urlOf(response.userHandle) ?? undefined
		}
	});
}
