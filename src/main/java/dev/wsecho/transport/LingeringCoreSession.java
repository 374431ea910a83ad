package dev.wsecho.transport;

import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.websocket.core.Behavior;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * Jetty's server-side WebSocket session, except that ending the connection once the close
 * frame is out lets the client finish sending first
 * ({@link BatchingConnection#closeAfterDraining()}), so that the client reads the close
 * code instead of a reset.
 */
final class LingeringCoreSession extends WebSocketCoreSession {

	private final Context context;

	LingeringCoreSession(FrameHandler handler, Negotiated negotiated, WebSocketComponents components, Context context) {
		super(handler, Behavior.SERVER, negotiated, components);
		this.context = context;
	}

	@Override
	protected void handle(Runnable runnable) {
		// As Jetty's own session: the handler runs in the context of the request that
		// upgraded.
		this.context.run(runnable);
	}

	@Override
	public void abort() {
		if (getConnection() instanceof BatchingConnection connection && connection.closeAfterDraining()) {
			connection.cancelDemand();
			return;
		}
		super.abort();
	}

	/** Ends the connection now, whatever the client may still be sending. */
	void abortAtOnce() {
		super.abort();
	}

}
