package dev.wsecho.testsupport;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.env.Environment;

import dev.wsecho.connection.ConnectionSlots;

import static org.awaitility.Awaitility.await;

/**
 * The server under test as the integration tests of the connection limit see it: where
 * its echo is, and its own count of its connections; a test adds it to its context with
 * {@code @Import(ServerConnections.class)}. Every wait is bounded by 10 s.
 */
public class ServerConnections {

	/** The path of the echo endpoint, which these tests connect to. */
	public static final String ECHO = "/ws/echo";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Environment environment;

	private final ConnectionSlots slots;

	private final MeterRegistry meters;

	public ServerConnections(Environment environment, ConnectionSlots slots, MeterRegistry meters) {
		this.environment = environment;
		this.slots = slots;
		this.meters = meters;
	}

	/** The port the server listens on (known once it has started). */
	public int port() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	/** The echo endpoint's URL. */
	public URI echo() {
		return URI.create("ws://127.0.0.1:" + port() + ECHO);
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
