package dev.wsecho.transport;

import java.util.concurrent.Executor;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.internal.RFC8441Handshaker;

/**
 * The RFC 8441 opening handshake, a {@code CONNECT} with {@code :protocol websocket} on
 * an HTTP/2 stream, as Jetty's own, except that the connection it creates on the stream's
 * tunnel is a {@link BatchingConnection}, with a {@link LingeringCoreSession}: over
 * HTTP/2 a WebSocket behaves, and is limited, as over HTTP/1.1. The stream's end-point
 * takes the place of the socket: HTTP/2 flow control holds back the stream of a client
 * that stops reading, not the connection it shares with others.
 */
final class Http2Handshaker extends RFC8441Handshaker {

	private final boolean eventLoop;

	/**
	 * @param eventLoop whether frames are handled on the thread that reads the HTTP/2
	 * connection ({@link NonBlockingHandler})
	 */
	Http2Handshaker(boolean eventLoop) {
		this.eventLoop = eventLoop;
	}

	@Override
	protected WebSocketCoreSession newWebSocketCoreSession(Request request, FrameHandler handler, Negotiated negotiated,
			WebSocketComponents components) {
		return new LingeringCoreSession(handler, negotiated, components, request.getContext());
	}

	@Override
	protected WebSocketConnection newWebSocketConnection(EndPoint endPoint, Executor executor, Scheduler scheduler,
			ByteBufferPool bufferPool, WebSocketCoreSession coreSession) {
		BatchingConnection connection = new BatchingConnection(endPoint, executor, scheduler, bufferPool, coreSession,
				this.eventLoop);
		coreSession.setWebSocketConnection(connection);
		return connection;
	}

}
