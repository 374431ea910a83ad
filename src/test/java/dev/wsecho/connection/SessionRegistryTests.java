package dev.wsecho.connection;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ConnectionSlots slots = new ConnectionSlots(2);

	private final SessionRegistry registry = new SessionRegistry(this.meters, this.slots);

	private final EndpointMeters echoMeters = this.registry.metersFor("echo");

	private TrackedSession open(String id) {
		TrackedSession session = new TrackedSession(new RecordingWebSocketSession(id), "echo", this.echoMeters,
				MessageRate.UNLIMITED, 0);
		this.registry.add(session);
		return session;
	}

	@Test
	void givesOutSlotsUntilStoppedAndAgainOnceRestarted() {
		// The port opens before the registry starts: a handshake then is admitted.
		assertThat(this.slots.reserve()).isNotNull();

		this.registry.start();
		this.registry.stop();

		assertThat(this.slots.reserve()).isNull();

		this.registry.start();

		assertThat(this.slots.reserve()).isNotNull();
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
	void refusesEveryHandshakeOnceStopped() {
		this.registry.start();

		this.registry.stop();

		assertThat(this.slots.reserve()).isNull();
		assertThat(this.slots.refusal()).isEqualTo("The server is shutting down; connect again in a moment.");
	}

	@Test
	void closesEveryOpenSessionWithGoingAwayOnStop() {
		this.registry.start();
		RecordingWebSocketSession a = new RecordingWebSocketSession("a");
		RecordingWebSocketSession b = new RecordingWebSocketSession("b");
		this.registry.add(new TrackedSession(a, "echo", this.echoMeters, MessageRate.UNLIMITED, 0));
		this.registry.add(new TrackedSession(b, "echo", this.echoMeters, MessageRate.UNLIMITED, 0));

		this.registry.stop();

		assertThat(a.closes).containsExactly(CloseStatus.GOING_AWAY.withReason("Server is shutting down"));
		assertThat(b.closes).containsExactly(CloseStatus.GOING_AWAY.withReason("Server is shutting down"));
	}

}
