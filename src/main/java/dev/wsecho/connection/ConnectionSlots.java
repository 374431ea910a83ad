package dev.wsecho.connection;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * Owns the connection limit ({@code wsecho.limits.max-connections}): a handshake takes a
 * slot atomically when it is admitted, and gives it back exactly once, when the handshake
 * fails or when the connection it became closes; once the server stops no slot is given
 * out.
 *
 * <p>
 * A slot is counted from the handshake on, not from the connection's registration,
 * because the connection opens only after the handshake's answer has gone out: counting
 * later lets the handshakes that arrive in between through.
 */
@Component
public final class ConnectionSlots {

	private static final String ATTRIBUTE = Slot.class.getName();

	private final int max;

	private final AtomicInteger taken = new AtomicInteger();

	/**
	 * Open from the start: the web server opens its port in an earlier lifecycle phase
	 * than the session registry starts, and a handshake arriving in between must not be
	 * told the server is shutting down.
	 */
	private volatile boolean open = true;

	@Autowired
	ConnectionSlots(LimitsProperties limits) {
		this(limits.maxConnections());
	}

	public ConnectionSlots(int max) {
		this.max = max;
	}

	/**
	 * A slot for one handshake, or {@code null} when all are taken or the server is not
	 * running.
	 */
	public @Nullable Slot reserve() {
		if (!this.open) {
			return null;
		}
		int current;
		do {
			current = this.taken.get();
			if (current >= this.max) {
				return null;
			}
		}
		while (!this.taken.compareAndSet(current, current + 1));
		return new Slot();
	}

	/** Why {@link #reserve()} refuses: the body of the 503. */
	public String refusal() {
		if (!this.open) {
			return "The server is shutting down; connect again in a moment.";
		}
		return "The server holds its limit of " + this.max + " connections; try again later.";
	}

	/** Slots taken: handshakes under way plus open connections. */
	public int taken() {
		return this.taken.get();
	}

	/**
	 * From now on slots are given out again: the session registry reopens them when the
	 * server starts after a stop.
	 */
	public void open() {
		this.open = true;
	}

	/**
	 * From now on every handshake is refused (the server shuts down); slots taken stay
	 * taken.
	 */
	void close() {
		this.open = false;
	}

	/** The slot a connection's handshake took, if it took one. */
	static @Nullable Slot of(WebSocketSession session) {
		return (Slot) session.getAttributes().get(ATTRIBUTE);
	}

	/** One connection's place under the limit, from its handshake until it closes. */
	public final class Slot {

		private final AtomicBoolean released = new AtomicBoolean();

		private Slot() {
		}

		/**
		 * Goes with the handshake's attributes to the connection, which gives it back
		 * when it closes.
		 */
		public void handTo(Map<String, Object> handshakeAttributes) {
			handshakeAttributes.put(ATTRIBUTE, this);
		}

		/** Gives the slot back; any call after the first does nothing. */
		public void release() {
			if (this.released.compareAndSet(false, true)) {
				ConnectionSlots.this.taken.decrementAndGet();
			}
		}

	}

}
