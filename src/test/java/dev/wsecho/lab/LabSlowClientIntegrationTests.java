package dev.wsecho.lab;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.WebSocketTestClient;
import dev.wsecho.testsupport.WebSocketTestClient.Close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Limits made small enough to reach in a test; the chat's slow-member test shares this context. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.lab.send-time-limit=500ms", "wsecho.chat.max-pending=20",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
class LabSlowClientIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Test
	void closesAClientThatStopsReadingWith1013(CapturedOutput output) throws Exception {
		URI lab = URI.create("ws://127.0.0.1:" + this.port + LabProperties.PATH);
		try (WebSocketTestClient client = WebSocketTestClient.connect(lab)) {
			String session = this.json.readTree(client.nextText()).path("session").stringValue();
			client.pauseReading();

			client.sendText("{\"command\":\"burst\",\"count\":1000,\"size\":65536,\"binary\":true}");
			// Sent from the timer thread while the burst waits on the client: such a send finds
			// the burst's send blocked for longer than the limit. Several, a second apart, so that
			// one comes after the burst is stuck however slowly a busy machine fills the buffers.
			for (int second = 1; second <= 5; second++) {
				client.sendText("{\"command\":\"delay\",\"ms\":" + (second * 1000) + ",\"message\":\"probe\"}");
			}

			await().atMost(WebSocketTestClient.TIMEOUT)
				.until(() -> output.getOut().contains("Closed lab " + session + " code=1013 reason=Client too slow"));
			client.resumeReading();
			int received = client.discardUntilEnd();
			Close close = client.awaitEnd();
			assertThat(received).as("messages received before the close").isLessThan(1000);
			// The close frame cannot overtake the stuck burst, so the client may see the socket end (1006).
			assertThat(close.code()).isIn(1013, 1006);
		}
	}

}
