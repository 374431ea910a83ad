package dev.wsecho.slowclient;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * The session a handler sends through from any thread, made by
 * {@link SlowClients#outbound}: sends are serialised, and a client that falls behind the
 * send-time or buffer limit is closed with {@link SlowClients#TOO_SLOW} and dropped
 * instead of the send failing.
 */
public final class OutboundSession extends ConcurrentWebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(OutboundSession.class);

	private final SendTimeWatch watch;

	private final AtomicBoolean tooSlow = new AtomicBoolean();

	OutboundSession(WebSocketSession raw, SlowClientProperties properties, SendTimeWatch watch) {
		super(raw, (int) Math.min(properties.sendTimeLimit().toMillis(), Integer.MAX_VALUE),
				(int) Math.min(properties.sendBufferSize().toBytes(), Integer.MAX_VALUE));
		this.watch = watch;
	}

	/**
	 * Sends, or buffers while another thread sends; a client over a limit is closed, and
	 * what is sent to it afterwards is dropped.
	 */
	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		try {
			super.sendMessage(message);
		}
		catch (SessionLimitExceededException ex) {
			closeTooSlow(ex.getMessage());
		}
	}

	/**
	 * Closes with {@link SlowClients#TOO_SLOW}, then drops the connection: a close frame
	 * cannot overtake a send that is stuck on the client. Only the first call does
	 * anything.
	 * @param why what went over its limit, for the log
	 */
	public void closeTooSlow(@Nullable String why) {
		if (!this.tooSlow.compareAndSet(false, true)) {
			return;
		}
		WebSocketSession raw = getDelegate();
		logger.info("Closing " + raw.getId() + ": too slow, " + why);
		this.watch.unwatch(this);
		try {
			// Straight to the container: once over a limit, the decorator would turn any
			// code into its own 4500.
			raw.close(SlowClients.TOO_SLOW);
		}
		catch (IOException ex) {
			logger.debug("Close of " + raw.getId() + " failed: " + ex);
		}
		finally {
			ConnectionDropper.drop(raw);
		}
	}

	/**
	 * Stops watching this session's sends; to be called once its connection has closed.
	 */
	public void release() {
		this.watch.unwatch(this);
	}

}
