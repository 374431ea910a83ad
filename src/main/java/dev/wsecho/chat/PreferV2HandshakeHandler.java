package dev.wsecho.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHandler;

import dev.wsecho.endpoint.EndpointHandshakeHandler;

/**
 * Selects {@code v2} whenever the client offers it, else {@code chat}, whatever the order
 * offered: the server, not the client's list order, decides which version of the protocol
 * is spoken.
 */
class PreferV2HandshakeHandler extends EndpointHandshakeHandler {

	static final String V2 = "v2";

	static final String CHAT = "chat";

	@Override
	protected @Nullable String selectProtocol(List<String> requestedProtocols, WebSocketHandler webSocketHandler) {
		if (requestedProtocols.contains(V2)) {
			return V2;
		}
		return requestedProtocols.contains(CHAT) ? CHAT : null;
	}

}
