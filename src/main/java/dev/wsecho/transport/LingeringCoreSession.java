package dev.wsecho.transport;

import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Behavior;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's server-side WebSocket session, except that ending the connection once the close
 * frame is out lets the client finish sending first
 * ({@link BatchingConnection#closeAfterDraining()}), so that the client reads the close
 * code instead of a reset, and that on a connection with a {@link FrameWriter} every
 * frame sent through Jetty passes that writer, which keeps it in order with the frames it
 * gathers.
 */
final class LingeringCoreSession extends WebSocketCoreSession implements FrameWriter.JettyQueue {

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

	private @Nullable FrameWriter frames() {
		return (getConnection() instanceof BatchingConnection connection) ? connection.frames() : null;
	}

	@Override
	public void sendFrame(OutgoingEntry entry) {
		FrameWriter frames = frames();
		if (frames != null) {
			frames.send(entry);
		}
		else {
			super.sendFrame(entry);
		}
	}

	@Override
	public void flush(Callback callback) {
		FrameWriter frames = frames();
		if (frames != null) {
			frames.flush(callback);
		}
		else {
			super.flush(callback);
		}
	}

	/**
	 * Closed for output from the moment a close frame is sent, even while it waits in the
	 * {@link FrameWriter} for gathered frames to be written.
	 */
	@Override
	public boolean isOutputOpen() {
		FrameWriter frames = frames();
		return super.isOutputOpen() && (frames == null || !frames.isClosing());
	}

	@Override
	public void sendQueued(OutgoingEntry entry) {
		super.sendFrame(entry);
	}

	@Override
	public void flushQueued(Callback callback) {
		super.flush(callback);
	}

	@Override
	public boolean isUseOutputDirectByteBuffers() {
		return getConnection().isUseOutputDirectByteBuffers();
	}

	@Override
	public void writeFailed(Throwable cause) {
		processConnectionError(cause, Callback.NOOP);
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
