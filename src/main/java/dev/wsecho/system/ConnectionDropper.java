package dev.wsecho.system;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Ends a session's TCP connection without a close frame, so that the client sees 1006: on
 * request ({@code /ws/lab}'s {@code drop}), and after closing a client that reads too slowly,
 * whose close frame may never get through.
 *
 * <p>
 * Neither Spring nor Jakarta WebSocket can do this: asked to close with 1006, Tomcat sends 1002
 * instead, because RFC 6455 forbids 1006 on the wire. So this reaches into Tomcat
 * ({@code WsRemoteEndpointBase.base}, whose {@code close()} closes the socket); on another
 * container, or if Tomcat changes, {@link #drop} returns {@code false} and the client is told.
 */
public final class ConnectionDropper {

	private static final Field BASE;

	private static final Method CLOSE;

	static {
		Field base = null;
		Method close = null;
		try {
			Class<?> remote = Class.forName("org.apache.tomcat.websocket.WsRemoteEndpointBase");
			base = remote.getDeclaredField("base");
			base.setAccessible(true);
			close = base.getType().getMethod("close");
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			base = null;
			close = null;
		}
		BASE = base;
		CLOSE = close;
	}

	private ConnectionDropper() {
	}

	/** Whether this server can drop connections at all. */
	public static boolean isSupported() {
		return BASE != null;
	}

	/** Closes the session's socket without a close frame; {@code false} when that is not possible. */
	public static boolean drop(WebSocketSession session) throws ReflectiveOperationException {
		if (!isSupported() || !(WebSocketSessionDecorator.unwrap(session) instanceof NativeWebSocketSession nativeSession)) {
			return false;
		}
		Object tomcatSession = nativeSession.getNativeSession();
		if (!(tomcatSession instanceof jakarta.websocket.Session jakartaSession)
				|| !BASE.getDeclaringClass().isInstance(jakartaSession.getAsyncRemote())) {
			return false;
		}
		CLOSE.invoke(BASE.get(jakartaSession.getAsyncRemote()));
		return true;
	}

}
