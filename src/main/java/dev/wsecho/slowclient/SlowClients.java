package dev.wsecho.slowclient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.wsecho.transport.CoreWebSocketSession;

/**
 * The one owner of outbound limits ({@link SlowClientProperties}): it gives each
 * connection that other threads send to an {@link OutboundSession} and watches its sends,
 * sets the transport's backstop on every connection, and closes a client that falls
 * behind with {@link #TOO_SLOW}.
 *
 * <p>
 * One {@link SendTimeWatch} serves every endpoint: its timer looks at each watched
 * connection twice per limit, a read of one field per connection, so one thread keeps up
 * with far more connections than {@code wsecho.limits.max-connections} allows.
 */
@Component
public final class SlowClients implements DisposableBean {

	/**
	 * How a client that falls behind any outbound limit is closed: events waiting, a
	 * send's time or buffer.
	 */
	public static final CloseStatus TOO_SLOW = CloseStatus.SERVICE_OVERLOAD
		.withReason("Client too slow: it did not keep up with what was sent to it");

	private final SlowClientProperties properties;

	private final SendTimeWatch watch;

	public SlowClients(SlowClientProperties properties) {
		this.properties = properties;
		this.watch = new SendTimeWatch("slow-client-watch", properties.sendTimeLimit());
	}

	/**
	 * The settings: the chat reads {@link SlowClientProperties#maxPending()} from here.
	 */
	public SlowClientProperties properties() {
		return this.properties;
	}

	/**
	 * The session to send to {@code raw} through from any thread, watched until
	 * {@link OutboundSession#release()}.
	 * @param raw the session to close with {@link #TOO_SLOW} when the client falls behind
	 */
	public OutboundSession outbound(WebSocketSession raw) {
		OutboundSession out = new OutboundSession(raw, this.properties, this.watch);
		this.watch.watch(out, out::closeTooSlow);
		return out;
	}

	/**
	 * Gives {@code session}'s transport the backstop: a send stuck that long drops it
	 * (1006).
	 */
	public void limitTransport(WebSocketSession session) {
		if (WebSocketSessionDecorator.unwrap(session) instanceof CoreWebSocketSession connection) {
			connection.setSendTimeout(this.properties.transportSendTimeout());
		}
	}

	/** Stops the watch's timer with the application. */
	@Override
	public void destroy() {
		this.watch.close();
	}

}
