package dev.wsecho.transport;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Negotiation;
import org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The RFC 6455 opening handshake over HTTP/1.1, as Jetty's own, except that the
 * connection it creates is a {@link BatchingConnection}, with a
 * {@link LingeringCoreSession}. Jetty's handshaker is final, hence this one; it builds on
 * Jetty's internal handshake classes, which is why the transport has tests of its own.
 */
final class BatchingHandshaker extends AbstractHandshaker {

	private final boolean eventLoop;

	/**
	 * @param eventLoop whether connections are read on the selector thread
	 * ({@link NonBlockingHandler})
	 */
	BatchingHandshaker(boolean eventLoop) {
		this.eventLoop = eventLoop;
	}

	@Override
	public boolean isWebSocketUpgradeRequest(Request request) {
		return "GET".equals(request.getMethod()) && "HTTP/1.1".equals(request.getConnectionMetaData().getProtocol())
				&& super.isWebSocketUpgradeRequest(request);
	}

	@Override
	protected WebSocketNegotiation newNegotiation(Request request, Response response, Callback callback,
			WebSocketComponents components) {
		return new RFC6455Negotiation(request, response, callback, components);
	}

	@Override
	protected boolean validateNegotiation(WebSocketNegotiation negotiation) {
		// Spring's handshake handler has already answered requests without a key with
		// 400.
		return super.validateNegotiation(negotiation) && ((RFC6455Negotiation) negotiation).getKey() != null;
	}

	@Override
	protected WebSocketCoreSession newWebSocketCoreSession(Request request, FrameHandler handler, Negotiated negotiated,
			WebSocketComponents components) {
		return new LingeringCoreSession(handler, negotiated, components, request.getContext());
	}

	@Override
	protected WebSocketConnection createWebSocketConnection(Request request, WebSocketCoreSession coreSession) {
		ConnectionMetaData metaData = request.getConnectionMetaData();
		Connector connector = metaData.getConnector();
		BatchingConnection connection = new BatchingConnection(metaData.getConnection().getEndPoint(),
				connector.getExecutor(), connector.getScheduler(), connector.getByteBufferPool(), coreSession,
				this.eventLoop);
		coreSession.setWebSocketConnection(connection);
		return connection;
	}

	@Override
	protected void prepareResponse(Response response, WebSocketNegotiation negotiation) {
		response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
		response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
		response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
		response.getHeaders()
			.put(HttpHeader.SEC_WEBSOCKET_ACCEPT, WebSocketUtils.hashKey(((RFC6455Negotiation) negotiation).getKey()));
	}

}
