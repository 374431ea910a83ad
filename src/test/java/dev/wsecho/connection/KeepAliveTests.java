package dev.wsecho.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class KeepAliveTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong();

	private final LimitsProperties limits = new LimitsProperties(10, Duration.ofMinutes(10), Duration.ofSeconds(30), 0,
			1024, Duration.ofSeconds(10), 0);

	private final SessionRegistry registry = new SessionRegistry(new SimpleMeterRegistry(), new ConnectionSlots(10));

	private final KeepAlive keepAlive = new KeepAlive(this.registry, this.limits, this.clock::get);

	private final RecordingWebSocketSession client = new RecordingWebSocketSession();

	private TrackedSession session;

	@BeforeEach
	void open() {
		this.registry.start();
		this.session = new TrackedSession(this.client, "echo", this.registry.metersFor("echo"), MessageRate.UNLIMITED,
				0);
		this.registry.add(this.session);
	}

	private void at(long seconds) {
		this.clock.set(seconds * SECOND);
		this.keepAlive.sweep();
	}

	@Test
	void pingsAConnectionOnceThePingIntervalHasPassed() {
		at(29);
		assertThat(this.client.sent).isEmpty();

		at(30);

		assertThat(this.client.sent).singleElement().isInstanceOf(PingMessage.class);
	}

	@Test
	void closesAConnectionThatLeavesAPingUnansweredForAWholeInterval() {
		at(30);
		at(59);
		assertThat(this.client.closes).isEmpty();

		at(60);

		assertThat(this.client.closes).containsExactly(CloseStatus.GOING_AWAY.withReason("No pong within 30 s"));
	}

	@Test
	void keepsAConnectionThatAnswersItsPings() {
		at(30);
		this.session.pongReceived(31 * SECOND);

		at(60);
		at(61);

		assertThat(this.client.closes).isEmpty();
		assertThat(this.client.sent).hasSize(2).allMatch(PingMessage.class::isInstance);
	}

	@Test
	void closesAConnectionWithNoDataEitherWayForTheIdleTimeout() {
		for (long s = 30; s < 600; s += 30) {
			at(s);
			this.session.pongReceived(s * SECOND);
		}
		assertThat(this.client.closes).isEmpty();

		at(600);

		assertThat(this.client.closes).containsExactly(CloseStatus.GOING_AWAY.withReason("Idle for 10 min"));
	}

	@Test
	void countsDataFromTheClientAsActivity() {
		this.session.received(new TextMessage("still here"), 590 * SECOND);
		this.session.pongReceived(590 * SECOND);

		at(600);

		assertThat(this.client.closes).isEmpty();
	}

	@Test
	void sweepsOftenEnoughToBeLateByAtMostAQuarterInterval() {
		assertThat(this.keepAlive.sweepMillis()).isEqualTo(1000);
		LimitsProperties quick = new LimitsProperties(10, Duration.ofMillis(400), Duration.ZERO, 0, 1024,
				Duration.ofSeconds(10), 0);
		assertThat(new KeepAlive(this.registry, quick).sweepMillis()).isEqualTo(100);
	}

}
