package dev.wsecho.echo;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHandler;

import dev.wsecho.endpoint.EndpointHandshakeHandler;

/**
 * Selects the first subprotocol the client offers, among the accepted ones when a list is
 * set.
 *
 * <p>
 * When none of the offered subprotocols is accepted the response names none, as RFC 6455
 * §4.2.2 allows; browsers then fail the connection, other clients may carry on without
 * one. Public for the lab, which accepts whatever a client under test offers.
 */
public class FirstOfferedSubprotocolHandshakeHandler extends EndpointHandshakeHandler {

	private final List<String> accepted;

	public FirstOfferedSubprotocolHandshakeHandler(List<String> accepted) {
		this.accepted = List.copyOf(accepted);
	}

	@Override
	protected @Nullable String selectProtocol(List<String> requestedProtocols, WebSocketHandler webSocketHandler) {
		for (String offered : requestedProtocols) {
			if (this.accepted.isEmpty() || this.accepted.contains(offered)) {
				return offered;
			}
		}
		return null;
	}

}
