package dev.wsecho.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jetty.websocket.core.ExtensionConfig;

/**
 * The {@code permessage-deflate} parameters a handshake settled on, and the
 * {@code Sec-WebSocket-Extensions} answer that says so.
 *
 * @param serverWindowBits the window the server compresses with, 9 to 15
 * @param answerWindowBits whether the answer carries {@code server_max_window_bits} (only
 * when the offer did: RFC 7692 section 7.1.2.1)
 * @param serverContextTakeover whether the server keeps its compression history from one
 * message to the next
 * @param clientContextTakeover whether the client may refer to earlier messages, so that
 * the server keeps its inflater between messages
 */
record DeflateAgreement(int serverWindowBits, boolean answerWindowBits, boolean serverContextTakeover,
		boolean clientContextTakeover) {

	static final String NAME = "permessage-deflate";

	static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

	static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

	static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";

	static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";

	/** The answer for the response's {@code Sec-WebSocket-Extensions}. */
	ExtensionConfig answer() {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (this.answerWindowBits) {
			parameters.put(SERVER_MAX_WINDOW_BITS, Integer.toString(this.serverWindowBits));
		}
		if (!this.serverContextTakeover) {
			parameters.put(SERVER_NO_CONTEXT_TAKEOVER, null);
		}
		if (!this.clientContextTakeover) {
			parameters.put(CLIENT_NO_CONTEXT_TAKEOVER, null);
		}
		return new ExtensionConfig(NAME, parameters);
	}

	/**
	 * The agreement an answer made by {@link #answer()} stands for; the server's window
	 * is {@code windowBits} when the answer does not name one.
	 */
	static DeflateAgreement of(ExtensionConfig answer, int windowBits) {
		String bits = answer.getParameter(SERVER_MAX_WINDOW_BITS, null);
		return new DeflateAgreement((bits != null) ? Integer.parseInt(bits) : windowBits, bits != null,
				!answer.getParameters().containsKey(SERVER_NO_CONTEXT_TAKEOVER),
				!answer.getParameters().containsKey(CLIENT_NO_CONTEXT_TAKEOVER));
	}

}
