package dev.wsecho.lab;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.End;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send-time limit, made small enough to reach in a test, alone: the buffer and
 * pending limits are far off. The chat's send-time test shares this context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.send-time-limit=500ms", "wsecho.slow-clients.max-pending=100000",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
class LabSlowClientIntegrationTests {

	/**
	 * Well under the transport's send timeout (20 s), which would drop the client with
	 * 1006 instead.
	 */
	private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Test
	void closesAClientThatStopsReadingWith1013(CapturedOutput output) throws Exception {
		// A raw client with small socket buffers that reads nothing until the server has
		// given up:
		// the burst is stuck after a few hundred KiB, and the client sees the end as a
		// socket does.
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, LabProperties.PATH, 16 * 1024)) {
			String session = this.json.readTree(client.readMessage().text()).path("session").stringValue();
			// Nothing is sent after the burst: the limit is kept by the server's clock,
			// not by a
			// later send that would find the burst's send stuck.
			client.sendText("{\"command\":\"burst\",\"count\":1000,\"size\":65536,\"binary\":true}");

			await().atMost(CLOSE_WITHIN)
				.until(() -> output.getOut()
					.contains("Closed lab " + session + " code=1013 reason=" + SlowClients.TOO_SLOW.getReason()));
			assertThat(output.getOut()).contains("Closing " + session + ": too slow, a send has taken");
			End end = client.readUntilEnd();
			assertThat(end.dataFrames()).as("messages received before the end").isLessThan(1000);
			// The close frame cannot overtake the stuck burst, so the socket usually ends
			// without it (1006).
			if (end.close() != null) {
				assertThat(end.close().closeCode()).isEqualTo(1013);
			}
		}
	}

}
