// Passkeys in the browser (#17), with the browser's own navigator.credentials and no
// library. The portal renders pages without client-side Svelte (csr = false), so this
// small script is the whole browser side: each [data-passkey-form] carries the server's
// WebAuthn options as JSON; the button asks the authenticator and posts its answer as
// the form's `response` field. Without JavaScript or WebAuthn the button stays hidden
// and the app code works as before.
(function () {
	'use strict';
	function bytesOf(base64url) {
		var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
		var padded = base64 + '===='.slice(0, (4 - (base64.length % 4)) % 4);
		return Uint8Array.from(atob(padded), function (c) { return c.charCodeAt(0); });
	}
	function base64urlOf(buffer) {
		if (!buffer) return undefined;
		var text = '';
		new Uint8Array(buffer).forEach(function (byte) { text += String.fromCharCode(byte); });
		return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
	}
	function descriptors(list) {
		return (list || []).map(function (c) { return { type: 'public-key', id: bytesOf(c.id), transports: c.transports }; });
	}
	/** The credential as JSON for the server: what registration and sign-in share, plus their own response fields. */
	function serialized(credential, responseFields) {
		return {
			id: credential.id, rawId: base64urlOf(credential.rawId), type: credential.type,
			authenticatorAttachment: credential.authenticatorAttachment || undefined,
			clientExtensionResults: credential.getClientExtensionResults(),
			response: Object.assign({ clientDataJSON: base64urlOf(credential.response.clientDataJSON) }, responseFields)
		};
	}
	function create(options) {
		var publicKey = Object.assign({}, options, {
			challenge: bytesOf(options.challenge),
			user: Object.assign({}, options.user, { id: bytesOf(options.user.id) }),
			excludeCredentials: descriptors(options.excludeCredentials)
		});
		return navigator.credentials.create({ publicKey: publicKey }).then(function (credential) {
			var r = credential.response;
			return serialized(credential, {
				attestationObject: base64urlOf(r.attestationObject), transports: r.getTransports ? r.getTransports() : []
			});
		});
	}
	function get(options) {
		var publicKey = Object.assign({}, options, { challenge: bytesOf(options.challenge), allowCredentials: descriptors(options.allowCredentials) });
		return navigator.credentials.get({ publicKey: publicKey }).then(function (credential) {
			var r = credential.response;
			return serialized(credential, {
				authenticatorData: base64urlOf(r.authenticatorData), signature: base64urlOf(r.signature), userHandle: base64urlOf(r.userHandle)
			});
		});
	}
	if (!window.PublicKeyCredential || !navigator.credentials) return;
	document.querySelectorAll('[data-passkey-form]').forEach(function (form) {
		var button = form.querySelector('button');
		var failed = form.parentElement.querySelector('[data-passkey-failed]');
		var noScript = form.parentElement.querySelector('[data-passkey-no-script]');
		if (noScript) noScript.hidden = true;
		button.hidden = false;
		// The button submits the form; the answer is asked for first, then the form is sent with it.
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			if (failed) failed.hidden = true;
			var options = JSON.parse(form.getAttribute('data-options'));
			var ask = form.getAttribute('data-passkey-form') === 'create' ? create : get;
			ask(options).then(function (answer) {
				form.querySelector('input[name="response"]').value = JSON.stringify(answer);
				form.submit();
			}, function () {
				if (failed) failed.hidden = false; // cancelled, timed out, or no suitable key
			});
		});
	});
})();
