package dev.wsecho.connection;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class TrackedSessionTests {

	private final RecordingWebSocketSession client = new RecordingWebSocketSession();

	private final TrackedSession session = new TrackedSession(this.client, "echo",
			new EndpointMeters(new SimpleMeterRegistry(), "echo"), MessageRate.UNLIMITED, 0);

	@Test
	void closesRightAwayBetweenMessages() throws Exception {
		this.session.whileHandling(new BinaryMessage(new byte[1]),
				() -> this.session.sendMessage(new BinaryMessage(new byte[1])));

		this.session.closeAfterCurrentMessage(CloseStatus.GOING_AWAY);

		assertThat(this.client.closes).containsExactly(CloseStatus.GOING_AWAY);
	}

	@Test
	void closesOnlyOnceTheMessageInHandIsEchoedWhole() throws Exception {
		BinaryMessage first = new BinaryMessage(new byte[] { 1 }, false);
		BinaryMessage last = new BinaryMessage(new byte[] { 2 }, true);
		this.session.whileHandling(first, () -> this.session.sendMessage(first));

		this.session.closeAfterCurrentMessage(CloseStatus.GOING_AWAY);
		assertThat(this.client.closes).isEmpty();

		this.session.whileHandling(last, () -> this.session.sendMessage(last));

		assertThat(this.client.sent).containsExactly(first, last);
		assertThat(this.client.closes).containsExactly(CloseStatus.GOING_AWAY);
	}

}
