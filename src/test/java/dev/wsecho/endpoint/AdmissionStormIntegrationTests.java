package dev.wsecho.endpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.ServerConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many handshakes at the same moment against the connection limit: the limit holds
 * exactly.
 */
@Import(ServerConnections.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsecho.limits.max-connections=50")
class AdmissionStormIntegrationTests {

	private static final String ECHO = "/ws/echo";

	@LocalServerPort
	private int port;

	@Autowired
	private ServerConnections connections;

	private final List<RawWebSocketClient> clients = new ArrayList<>();

	@Test
	void admitsExactlyTheLimitOfSimultaneousHandshakesAndAsManyAgainOnceTheyClose() throws Exception {
		try {
			List<Attempt> storm = storm(300);

			assertThat(storm).filteredOn((attempt) -> attempt.status() == 101).hasSize(50);
			assertThat(storm).filteredOn((attempt) -> attempt.status() == 503).hasSize(250);
			this.connections.awaitSessionsActive(50);

			assertThat(this.connections.slotsTaken()).isEqualTo(50);

			closeAll();
			this.connections.awaitNone();
			List<Attempt> again = storm(100);

			assertThat(again).filteredOn((attempt) -> attempt.status() == 101).hasSize(50);
			assertThat(again).filteredOn((attempt) -> attempt.status() == 503).hasSize(50);
		}
		finally {
			closeAll();
		}
	}

	/**
	 * Opens {@code count} TCP connections, then sends a handshake on every one at once;
	 * the connections stay open (the admitted ones as WebSocket connections) until
	 * {@link #closeAll}.
	 */
	private List<Attempt> storm(int count) throws Exception {
		List<RawWebSocketClient> opened = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RawWebSocketClient client = RawWebSocketClient.open(this.port);
			opened.add(client);
			this.clients.add(client);
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<Attempt>> attempts = new ArrayList<>();
			for (RawWebSocketClient client : opened) {
				attempts.add(threads.submit(() -> {
					start.await();
					return new Attempt(client.handshake(ECHO, Map.of()).status());
				}));
			}
			start.countDown();
			List<Attempt> results = new ArrayList<>();
			for (Future<Attempt> attempt : attempts) {
				results.add(attempt.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private void closeAll() throws IOException {
		for (RawWebSocketClient client : this.clients) {
			client.close();
		}
		this.clients.clear();
	}

	private record Attempt(int status) {
	}

}
