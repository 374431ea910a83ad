package dev.wsecho.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static dev.wsecho.testsupport.RawWebSocketClient.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo and the lab are read on Jetty's selector thread, shared by every connection:
 * one connection that floods it, or one whose sends wait for a client that reads nothing,
 * must not keep the others waiting. A send timeout of 10 s makes a wait on such a client
 * long enough to see.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.transport-send-timeout=10s", "wsecho.limits.ping-interval=0" })
class NonBlockingHandlerIntegrationTests {

	/**
	 * Far below the 10 s a blocked selector would add, far above a round trip on a busy
	 * machine.
	 */
	private static final Duration PROMPT = Duration.ofSeconds(2);

	private static final int FLOODS = 4;

	@LocalServerPort
	private int port;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final AtomicBoolean stop = new AtomicBoolean();

	@AfterEach
	void stopTheOtherClients() {
		this.stop.set(true);
		this.threads.shutdownNow();
	}

	/** Round trips of a small message on a connection of its own, each of them prompt. */
	private void probePromptly(int roundTrips) throws IOException {
		try (RawWebSocketClient probe = RawWebSocketClient.connect(this.port, "/ws/echo")) {
			for (int i = 0; i < roundTrips; i++) {
				long start = System.nanoTime();
				probe.sendText("probe " + i);
				assertThat(probe.readFrame().text()).isEqualTo("probe " + i);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("round trip %d", i).isLessThan(PROMPT);
			}
		}
	}

	@Test
	void answersOtherConnectionsWhileOthersFloodTheEcho() throws Exception {
		// One frame, masked once: each flooding client then writes as fast as its socket
		// takes it, and reads the echoes as bytes, unparsed, so that they never wait to
		// be written.
		byte[] frame = RawWebSocketClient.frame(true, 0, BINARY, new byte[256 * 1024], true);
		List<RawWebSocketClient> floods = new ArrayList<>();
		try {
			for (int i = 0; i < FLOODS; i++) {
				RawWebSocketClient flood = RawWebSocketClient.connect(this.port, "/ws/echo");
				floods.add(flood);
				this.threads.submit(() -> {
					while (!this.stop.get()) {
						flood.sendBytes(frame);
					}
					return null;
				});
				this.threads.submit(() -> {
					byte[] sink = new byte[1024 * 1024];
					while (!this.stop.get() && flood.socket().getInputStream().read(sink) >= 0) {
					}
					return null;
				});
			}

			probePromptly(200);
		}
		finally {
			this.stop.set(true);
			for (RawWebSocketClient flood : floods) {
				flood.close();
			}
		}
	}

	@Test
	void answersOtherConnectionsWhileALabClientKeepsSendingButReadsNothing() throws Exception {
		try (RawWebSocketClient slow = RawWebSocketClient.connect(this.port, "/ws/lab", 4096)) {
			assertThat(slow.readFrame().text()).contains("\"type\":\"welcome\"");
			// A burst the client never reads: the lab's thread sending it waits for
			// room...
			slow.sendText("{\"command\":\"burst\",\"count\":50000,\"size\":1024}");
			// ...while the client keeps sending, so the selector keeps handling its
			// messages.
			this.threads.submit(() -> {
				byte[] message = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
				while (!this.stop.get()) {
					slow.sendFrame(true, 0, TEXT, message);
				}
				return null;
			});

			probePromptly(50);
		}
	}

}
