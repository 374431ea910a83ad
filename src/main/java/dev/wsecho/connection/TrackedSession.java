package dev.wsecho.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import dev.wsecho.transport.CoreWebSocketSession;

/**
 * One open connection as the server's guards see it: when data last moved, whether a
 * keep-alive ping is unanswered, its message-rate budget; every send goes through one
 * lock so that sends from other threads (pings, shutdown) never interleave with a message
 * being written.
 */
final class TrackedSession extends WebSocketSessionDecorator {

	private static final byte[] PING_PAYLOAD = "wsecho".getBytes(StandardCharsets.US_ASCII);

	private final String endpoint;

	private final EndpointMeters meters;

	private final ReentrantLock lock = new ReentrantLock();

	private final @Nullable RateLimiter rate;

	/**
	 * The connection underneath, when it is wsecho's own transport; null for test fakes.
	 */
	private final @Nullable CoreWebSocketSession transport;

	private volatile long lastDataNanos;

	private volatile long lastPongNanos;

	private volatile long pingSentNanos;

	private volatile @Nullable CloseStatus pendingClose;

	/**
	 * Whether the last part handled left a message unfinished; guarded by {@link #lock}.
	 */
	private boolean messageInProgress;

	TrackedSession(WebSocketSession session, String endpoint, EndpointMeters meters, MessageRate rate, long nowNanos) {
		super(session);
		this.endpoint = endpoint;
		this.meters = meters;
		this.rate = rate.limited() ? new RateLimiter(rate.perSecond(), rate.burst(), System::nanoTime) : null;
		this.transport = (WebSocketSessionDecorator.unwrap(session) instanceof CoreWebSocketSession connection)
				? connection : null;
		this.lastDataNanos = nowNanos;
		this.lastPongNanos = nowNanos;
	}

	String endpoint() {
		return this.endpoint;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (this.transport != null && !(message instanceof PingMessage) && !(message instanceof PongMessage)) {
			// A sender on another thread waits for a slow client here, before taking the
			// lock and not holding it: the connection's reader takes the lock for every
			// message it handles.
			this.transport.awaitRoomToSend();
		}
		this.lock.lock();
		try {
			super.sendMessage(message);
		}
		finally {
			this.lock.unlock();
		}
		if (!(message instanceof PingMessage) && !(message instanceof PongMessage)) {
			this.meters.sent(message);
			this.lastDataNanos = System.nanoTime();
		}
	}

	/**
	 * Handles one message part holding the send lock; once a whole message is done,
	 * carries out a close that was asked for while it was in hand.
	 */
	void whileHandling(WebSocketMessage<?> part, IoAction action) throws Exception {
		this.lock.lock();
		try {
			action.run();
			this.messageInProgress = !part.isLast();
		}
		finally {
			this.lock.unlock();
		}
		// Checked after unlocking: a close asked for while we held the lock is seen here.
		if (this.pendingClose != null) {
			closeIfBetweenMessages();
		}
	}

	/**
	 * Counts a message part from the client; false when a whole message exceeds the rate.
	 */
	boolean received(WebSocketMessage<?> message, long nowNanos) {
		this.meters.received(message);
		this.lastDataNanos = nowNanos;
		return this.rate == null || !message.isLast() || this.rate.tryAcquire();
	}

	void pongReceived(long nowNanos) {
		this.pingSentNanos = 0;
		this.lastPongNanos = nowNanos;
	}

	long lastDataNanos() {
		return this.lastDataNanos;
	}

	long lastPongNanos() {
		return this.lastPongNanos;
	}

	long pingSentNanos() {
		return this.pingSentNanos;
	}

	/**
	 * Sends a keep-alive ping unless a message is being written right now (that proves
	 * life too).
	 */
	void ping(long nowNanos) throws IOException {
		if (this.lock.tryLock()) {
			try {
				this.pingSentNanos = nowNanos;
				super.sendMessage(new PingMessage(ByteBuffer.wrap(PING_PAYLOAD)));
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * Closes now when no message is in hand, otherwise as soon as the one in hand has
	 * been handled whole, so that a close never cuts an echo in half.
	 */
	void closeAfterCurrentMessage(CloseStatus status) throws IOException {
		this.pendingClose = status;
		closeIfBetweenMessages();
	}

	private void closeIfBetweenMessages() throws IOException {
		if (this.lock.tryLock()) {
			try {
				// Read under the lock: the latest close asked for; once set, never unset.
				CloseStatus pending = this.pendingClose;
				if (pending != null && !this.messageInProgress && isOpen()) {
					close(pending);
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** An action on the session that may fail with any exception. */
	@FunctionalInterface
	interface IoAction {

		void run() throws Exception;

	}

}
