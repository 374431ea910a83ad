package dev.wsecho.connection;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Knows every open WebSocket connection: counts them per endpoint
 * ({@code wsecho.sessions.active}, {@code wsecho.closes}), opens the
 * {@link ConnectionSlots} when the server starts, and on shutdown closes them to new
 * handshakes and closes the open connections with 1001 before the web server stops.
 */
@Component
class SessionRegistry implements SmartLifecycle {

	static final CloseStatus SHUTTING_DOWN = CloseStatus.GOING_AWAY.withReason("Server is shutting down");

	private static final Log logger = LogFactory.getLog(SessionRegistry.class);

	/**
	 * How long shutdown waits for messages in hand to be echoed and for clients to answer
	 * the close.
	 */
	private static final long SHUTDOWN_WAIT_MILLIS = 5_000;

	private final Map<String, TrackedSession> sessions = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> activeByEndpoint = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final ConnectionSlots slots;

	private volatile boolean running;

	private volatile CompletableFuture<Void> drained = new CompletableFuture<>();

	SessionRegistry(MeterRegistry meters, ConnectionSlots slots) {
		this.meters = meters;
		this.slots = slots;
	}

	EndpointMeters metersFor(String endpoint) {
		AtomicInteger active = this.activeByEndpoint.computeIfAbsent(endpoint, (name) -> new AtomicInteger());
		Gauge.builder("wsecho.sessions.active", active, AtomicInteger::get)
			.description("Open WebSocket connections")
			.tag("endpoint", endpoint)
			.register(this.meters);
		return new EndpointMeters(this.meters, endpoint);
	}

	/** The count of {@code endpoint}, whose meters are made before its first session. */
	private AtomicInteger active(String endpoint) {
		return Objects.requireNonNull(this.activeByEndpoint.get(endpoint));
	}

	void add(TrackedSession session) {
		this.sessions.put(session.getId(), session);
		active(session.endpoint()).incrementAndGet();
	}

	void remove(TrackedSession session, CloseStatus status) {
		if (this.sessions.remove(session.getId()) != null) {
			active(session.endpoint()).decrementAndGet();
			Counter.builder("wsecho.closes")
				.description("WebSocket connections closed, by close code")
				.tags("endpoint", session.endpoint(), "code", String.valueOf(status.getCode()))
				.register(this.meters)
				.increment();
		}
		if (!this.running && this.sessions.isEmpty()) {
			this.drained.complete(null);
		}
	}

	Collection<TrackedSession> sessions() {
		return this.sessions.values();
	}

	@Override
	public void start() {
		this.drained = new CompletableFuture<>();
		this.running = true;
		this.slots.open();
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.slots.close();
		int open = this.sessions.size();
		if (open > 0) {
			logger.info("Closing " + open + " WebSocket connections with 1001: server is shutting down");
		}
		for (TrackedSession session : this.sessions.values()) {
			closeQuietly(session, () -> session.closeAfterCurrentMessage(SHUTTING_DOWN));
		}
		if (this.sessions.isEmpty()) {
			this.drained.complete(null);
		}
		this.drained.completeOnTimeout(null, SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)
			.whenComplete((result, failure) -> {
				// Whatever is still open now had a message in hand for too long: close it
				// regardless.
				for (TrackedSession session : this.sessions.values()) {
					closeQuietly(session, () -> session.close(SHUTTING_DOWN));
				}
				callback.run();
			});
	}

	private static void closeQuietly(TrackedSession session, TrackedSession.IoAction close) {
		try {
			close.run();
		}
		catch (Exception ex) {
			// Already gone; its close is logged by the handler.
			logger.debug("Close of " + session.getId() + " failed: " + ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
