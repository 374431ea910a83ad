package dev.wsecho.system;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SessionRegistry registry = new SessionRegistry(this.meters, limits(2));

	private final EndpointMeters echoMeters = this.registry.metersFor("echo");

	static LimitsProperties limits(int maxConnections) {
		return new LimitsProperties(maxConnections, Duration.ofMinutes(10), Duration.ofSeconds(30), 0, 1024);
	}

	private TrackedSession open(String id) {
		TrackedSession session = new TrackedSession(new RecordingWebSocketSession(id), "echo", this.echoMeters, 0, 0);
		this.registry.add(session);
		return session;
	}

	@Test
	void admitsUntilTheConnectionLimit() {
		this.registry.start();
		open("a");
		assertThat(this.registry.refusal()).isNull();

		open("b");

		assertThat(this.registry.refusal())
			.isEqualTo("The server holds its limit of 2 connections; try again later.");
	}

	@Test
	void admitsAgainOnceAConnectionCloses() {
		this.registry.start();
		open("a");
		TrackedSession b = open("b");

		this.registry.remove(b, CloseStatus.NORMAL);

		assertThat(this.registry.refusal()).isNull();
	}

	@Test
	void countsActiveSessionsAndClosesPerEndpointAndCode() {
		this.registry.start();
		TrackedSession a = open("a");
		open("b");
		assertThat(this.meters.get("wsecho.sessions.active").tag("endpoint", "echo").gauge().value()).isEqualTo(2);

		this.registry.remove(a, CloseStatus.TOO_BIG_TO_PROCESS);

		assertThat(this.meters.get("wsecho.sessions.active").tag("endpoint", "echo").gauge().value()).isEqualTo(1);
		assertThat(this.meters.get("wsecho.closes").tags("endpoint", "echo", "code", "1009").counter().count())
			.isEqualTo(1);
	}

	@Test
	void refusesEveryConnectionOnceStopped() {
		this.registry.start();

		this.registry.stop();

		assertThat(this.registry.refusal()).isEqualTo("The server is shutting down; connect again in a moment.");
	}

	@Test
	void closesEveryOpenSessionWithGoingAwayOnStop() {
		this.registry.start();
		RecordingWebSocketSession a = new RecordingWebSocketSession("a");
		RecordingWebSocketSession b = new RecordingWebSocketSession("b");
		this.registry.add(new TrackedSession(a, "echo", this.echoMeters, 0, 0));
		this.registry.add(new TrackedSession(b, "echo", this.echoMeters, 0, 0));

		this.registry.stop();

		assertThat(a.closes).containsExactly(CloseStatus.GOING_AWAY.withReason("Server is shutting down"));
		assertThat(b.closes).containsExactly(CloseStatus.GOING_AWAY.withReason("Server is shutting down"));
	}

}
