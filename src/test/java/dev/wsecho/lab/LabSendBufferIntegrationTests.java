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
 * The send-buffer limit, made small enough to reach in a test, alone: the send-time limit
 * (10 s) is far off. The chat's slow-member test shares this context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.max-pending=20", "wsecho.slow-clients.send-buffer-size=64KB",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
class LabSendBufferIntegrationTests {

	/** Under the send-time limit, which would close the client for its time instead. */
	private static final Duration CLOSE_WITHIN = Duration.ofSeconds(8);

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Test
	void closesWith1013AClientForWhomMoreThanTheBufferWaits(CapturedOutput output) throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, LabProperties.PATH, 16 * 1024)) {
			String session = this.json.readTree(client.readMessage().text()).path("session").stringValue();
			// A reply over 64KB comes on the timer thread long after the burst's send is
			// stuck on the
			// client that reads nothing, and waits behind it. It is asked for first:
			// while the
			// burst is stuck, the server reads no further commands.
			String reply = "x".repeat(70_000);
			client.sendText("{\"command\":\"delay\",\"ms\":2000,\"message\":\"" + reply + "\"}");
			client.sendText("{\"command\":\"burst\",\"count\":1000,\"size\":65536,\"binary\":true}");

			await().atMost(CLOSE_WITHIN)
				.until(() -> output.getOut()
					.contains("Closed lab " + session + " code=1013 reason=" + SlowClients.TOO_SLOW.getReason()));
			assertThat(output.getOut()).contains("Closing " + session + ": too slow, Buffer size")
				.doesNotContain("Closing " + session + ": too slow, a send has taken");
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
