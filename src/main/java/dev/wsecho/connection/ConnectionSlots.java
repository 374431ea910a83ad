package dev.wsecho.connection;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * Owns the connection limits ({@code wsecho.limits.max-connections} and
 * {@code wsecho.limits.max-connections-per-address}): a handshake takes a slot atomically
 * when it is admitted, under both limits at once, and gives it back exactly once, when
 * the handshake fails or when the connection it became closes; once the server stops no
 * slot is given out.
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

	/** 0 when there is no cap per address. */
	private final int maxPerAddress;

	/**
	 * Slots taken per client address; an address leaves the map with its last slot, so
	 * the map holds no more entries than there are slots.
	 */
	private final Map<InetAddress, Integer> takenPerAddress = new ConcurrentHashMap<>();

	/**
	 * Open from the start: the web server opens its port in an earlier lifecycle phase
	 * than the session registry starts, and a handshake arriving in between must not be
	 * told the server is shutting down.
	 */
	private volatile boolean open = true;

	@Autowired
	ConnectionSlots(LimitsProperties limits) {
		this(limits.maxConnections(), limits.maxConnectionsPerAddress());
	}

	public ConnectionSlots(int max) {
		this(max, 0);
	}

	/**
	 * @param max slots in all
	 * @param maxPerAddress slots one client address may hold; 0 for no cap
	 */
	public ConnectionSlots(int max, int maxPerAddress) {
		this.max = max;
		this.maxPerAddress = maxPerAddress;
	}

	/**
	 * A slot for one handshake, or {@code null} when all are taken or the server is not
	 * running; the cap per address does not apply.
	 */
	public @Nullable Slot reserve() {
		return (admit(null) instanceof Slot slot) ? slot : null;
	}

	/**
	 * A slot for one handshake from {@code address} ({@code null} if unknown, which only
	 * the overall limit then counts), or why there is none.
	 */
	public Admission admit(@Nullable InetAddress address) {
		if (!this.open) {
			return new Refusal(false, refusal());
		}
		int current;
		do {
			current = this.taken.get();
			if (current >= this.max) {
				return new Refusal(false, refusal());
			}
		}
		while (!this.taken.compareAndSet(current, current + 1));
		if (address == null || this.maxPerAddress <= 0) {
			return new Slot(null);
		}
		boolean[] admitted = new boolean[1];
		this.takenPerAddress.compute(address, (key, held) -> {
			int count = (held != null) ? held : 0;
			if (count >= this.maxPerAddress) {
				return held;
			}
			admitted[0] = true;
			return count + 1;
		});
		if (!admitted[0]) {
			this.taken.decrementAndGet();
			return new Refusal(true, "Your address holds its limit of " + this.maxPerAddress
					+ " connections; close one before opening another.");
		}
		return new Slot(address);
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

	/** What {@link #admit} decides: a {@link Slot} or a {@link Refusal}. */
	public sealed interface Admission permits Slot, Refusal {

	}

	/**
	 * No slot for a handshake.
	 *
	 * @param perAddress whether the client's address holds its cap (the server itself has
	 * room)
	 * @param reason why, for the client
	 */
	public record Refusal(boolean perAddress, String reason) implements Admission {

	}

	/** One connection's place under the limit, from its handshake until it closes. */
	public final class Slot implements Admission {

		private final AtomicBoolean released = new AtomicBoolean();

		private final @Nullable InetAddress address;

		private Slot(@Nullable InetAddress address) {
			this.address = address;
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
				if (this.address != null) {
					ConnectionSlots.this.takenPerAddress.computeIfPresent(this.address,
							(key, held) -> (held > 1) ? held - 1 : null);
				}
				ConnectionSlots.this.taken.decrementAndGet();
			}
		}

	}

}
