package dev.wsecho.connection;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.wsecho.slowclient.SlowClientProperties;
import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedWebSocketHandlerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EchoingHandler delegate = new EchoingHandler();

	private final RecordingWebSocketSession client = new RecordingWebSocketSession();

	private final ConnectionSlots slots = new ConnectionSlots(10);

	private final SlowClients slowClients = new SlowClients(SlowClientProperties.defaults());

	@AfterEach
	void stopSlowClients() {
		this.slowClients.destroy();
	}

	private GuardedWebSocketHandler guarded(int messageRate) {
		return guarded(new MessageRate(messageRate, messageRate));
	}

	private GuardedWebSocketHandler guarded(MessageRate rate) {
		SessionRegistry registry = new SessionRegistry(this.meters, this.slots);
		registry.start();
		return new GuardedWebSocketHandler("echo", this.delegate, registry, rate, this.slowClients);
	}

	@Test
	void handsTheHandlerATrackedSessionWhoseSendsAreCounted() throws Exception {
		GuardedWebSocketHandler handler = guarded(0);
		handler.afterConnectionEstablished(this.client);

		handler.handleMessage(this.client, new TextMessage("héllo"));
		handler.handleMessage(this.client, new BinaryMessage(new byte[3], false));
		handler.handleMessage(this.client, new BinaryMessage(new byte[4], true));

		assertThat(this.delegate.sessions).allMatch(TrackedSession.class::isInstance);
		assertThat(this.client.sent).hasSize(3);
		assertThat(count("wsecho.messages", "in", "text")).isEqualTo(1);
		assertThat(count("wsecho.bytes", "in", "text")).isEqualTo(6);
		assertThat(count("wsecho.messages", "out", "binary")).isEqualTo(1);
		assertThat(count("wsecho.bytes", "out", "binary")).isEqualTo(7);
	}

	@Test
	void countsAFragmentedMessageOnceAgainstTheRate() throws Exception {
		GuardedWebSocketHandler handler = guarded(1);
		handler.afterConnectionEstablished(this.client);

		for (int i = 0; i < 10; i++) {
			handler.handleMessage(this.client, new TextMessage("part", false));
		}
		handler.handleMessage(this.client, new TextMessage("end", true));

		assertThat(this.client.closes).isEmpty();
		assertThat(this.client.sent).hasSize(11);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void logsAtInfoOnlyTheClosesThatAreNotANormalEnd(CapturedOutput output) throws Exception {
		GuardedWebSocketHandler handler = guarded(0);
		RecordingWebSocketSession other = new RecordingWebSocketSession("other");
		handler.afterConnectionEstablished(this.client);
		handler.afterConnectionEstablished(other);

		handler.afterConnectionClosed(this.client, CloseStatus.NORMAL);
		handler.afterConnectionClosed(other, CloseStatus.POLICY_VIOLATION.withReason("too fast"));

		assertThat(output).doesNotContain("Opened echo", "Closed echo " + this.client.getId() + " ")
			.contains("Closed echo " + other.getId() + " code=1008 reason=too fast");
	}

	@Test
	void givesBackTheSlotItsHandshakeTookWhenTheConnectionCloses() throws Exception {
		GuardedWebSocketHandler handler = guarded(0);
		this.slots.reserve().handTo(this.client.getAttributes());
		handler.afterConnectionEstablished(this.client);
		assertThat(this.slots.taken()).isEqualTo(1);

		handler.afterConnectionClosed(this.client, CloseStatus.NORMAL);

		assertThat(this.slots.taken()).isZero();
	}

	@ParameterizedTest(name = "{0} per second in bursts of {1}")
	@CsvSource({ "5, 5", "2, 4" })
	void closesWithPolicyViolationOnceTheBurstIsSpent(int perSecond, int burst) throws Exception {
		GuardedWebSocketHandler handler = guarded(new MessageRate(perSecond, burst));
		handler.afterConnectionEstablished(this.client);

		for (int i = 0; i <= burst; i++) {
			handler.handleMessage(this.client, new TextMessage("m" + i));
		}

		assertThat(this.client.sent).hasSize(burst);
		assertThat(this.client.closes).containsExactly(
				CloseStatus.POLICY_VIOLATION.withReason("More than " + perSecond + " messages per second"));
	}

	private double count(String name, String direction, String type) {
		return this.meters.get(name).tags("endpoint", "echo", "direction", direction, "type", type).counter().count();
	}

	/** Sends every message back and remembers which session it was handed. */
	private static final class EchoingHandler extends AbstractWebSocketHandler {

		final List<WebSocketSession> sessions = new ArrayList<>();

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
			this.sessions.add(session);
			session.sendMessage(message);
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

	}

}
