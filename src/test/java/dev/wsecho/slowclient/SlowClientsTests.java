package dev.wsecho.slowclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SlowClientsTests {

	private final SlowClients slowClients = new SlowClients(
			new SlowClientProperties(1000, DataSize.ofMegabytes(1), Duration.ofMillis(100), Duration.ofSeconds(20)));

	private final CountDownLatch unstick = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.unstick.countDown();
		this.slowClients.destroy();
	}

	@Test
	void tooSlowIs1013WithOneReason() {
		assertThat(SlowClients.TOO_SLOW.getCode()).isEqualTo(1013);
		assertThat(SlowClients.TOO_SLOW.getReason()).startsWith("Client too slow");
	}

	@Test
	void closesBySelfAClientWhoseSendIsStuckOverTheTimeLimit() {
		List<CloseStatus> closed = new CopyOnWriteArrayList<>();
		RecordingWebSocketSession client = new RecordingWebSocketSession() {

			@Override
			public void sendMessage(WebSocketMessage<?> message) {
				try {
					SlowClientsTests.this.unstick.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public void close(CloseStatus status) {
				closed.add(status);
			}

		};
		OutboundSession out = this.slowClients.outbound(client);

		// No other send comes that could find the stuck one: the watch's clock has to.
		new Thread(() -> {
			try {
				out.sendMessage(new TextMessage("stuck"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).start();

		await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
		assertThat(closed).containsExactly(SlowClients.TOO_SLOW);
	}

	@Test
	void leavesAClientThatKeepsUpOpen() throws Exception {
		RecordingWebSocketSession client = new RecordingWebSocketSession();
		OutboundSession out = this.slowClients.outbound(client);

		out.sendMessage(new TextMessage("hello"));
		out.release();

		assertThat(client.sent).hasSize(1);
		assertThat(client.closes).isEmpty();
	}

	@Test
	void leavesASessionOfAnotherTransportAsItIs() {
		RecordingWebSocketSession client = new RecordingWebSocketSession();

		this.slowClients.limitTransport(client);

		assertThat(client.closes).isEmpty();
	}

}
