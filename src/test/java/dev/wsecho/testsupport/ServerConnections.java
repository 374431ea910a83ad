package dev.wsecho.testsupport;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.wsecho.connection.ConnectionSlots;

import static org.awaitility.Awaitility.await;

/**
 * The server's own count of its connections, for integration tests of the connection
 * limit; a test adds it to its context with {@code @Import(ServerConnections.class)}.
 * Every wait is bounded by 10 s.
 */
public class ServerConnections {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ConnectionSlots slots;

	private final MeterRegistry meters;

	public ServerConnections(ConnectionSlots slots, MeterRegistry meters) {
		this.slots = slots;
		this.meters = meters;
	}

	/**
	 * Slots taken under the connection limit: admitted handshakes and open connections.
	 */
	public int slotsTaken() {
		return this.slots.taken();
	}

	/** {@code wsecho_sessions_active}, all endpoints together. */
	public double sessionsActive() {
		return this.meters.find("wsecho.sessions.active").gauges().stream().mapToDouble(Gauge::value).sum();
	}

	/**
	 * Waits until the server holds no connection, so that connections a test has closed
	 * do not count against the limit in the next.
	 */
	public void awaitNone() {
		awaitSlotsTaken(0);
	}

	public void awaitSlotsTaken(int count) {
		await().atMost(WAIT).until(() -> this.slots.taken() == count);
	}

	public void awaitSessionsActive(int count) {
		await().atMost(WAIT).until(() -> sessionsActive() == count);
	}

}
