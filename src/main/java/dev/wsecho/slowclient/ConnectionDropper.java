package dev.wsecho.slowclient;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.wsecho.transport.CoreWebSocketSession;

/**
 * Ends a session's TCP connection without a close frame, so that the client sees 1006: on
 * request ({@code /ws/lab}'s {@code drop}), and after closing a client that reads too
 * slowly, whose close frame may never get through. Neither Spring's API nor RFC 6455 has
 * a way to say this (1006 must not be sent), so it is the transport's.
 */
public final class ConnectionDropper {

	private ConnectionDropper() {
	}

	/**
	 * Closes the session's socket without a close frame; {@code false} for a session of
	 * another kind.
	 */
	public static boolean drop(WebSocketSession session) {
		if (WebSocketSessionDecorator.unwrap(session) instanceof CoreWebSocketSession connection) {
			connection.drop();
			return true;
		}
		return false;
	}

}
