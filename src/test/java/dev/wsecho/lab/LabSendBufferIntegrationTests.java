package dev.wsecho.lab;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.SendBufferLimitTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send-buffer limit, made small enough to reach in a test, alone: the send-time limit
 * (10 s) is far off. The chat's slow-member test shares this context.
 */
@SendBufferLimitTest
class LabSendBufferIntegrationTests {

	/** Under the send-time limit, which would close the client for its time instead. */
	private static final Duration CLOSE_WITHIN = Duration.ofSeconds(8);

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Test
	void closesWith1013AClientForWhomMoreThanTheBufferWaits(CapturedOutput output) throws Exception {
		try (NotReadingLabClient client = NotReadingLabClient.connect(this.port, this.json)) {
			// A reply over 64KB comes on the timer thread long after the burst's send is
			// stuck on the client that reads nothing, and waits behind it. It is asked
			// for first: while the burst is stuck, the server reads no further commands.
			String reply = "x".repeat(70_000);
			client.sendText("{\"command\":\"delay\",\"ms\":2000,\"message\":\"" + reply + "\"}");
			client.sendText(NotReadingLabClient.BURST);

			client.awaitClosedTooSlow(output, CLOSE_WITHIN, "Buffer size");
			assertThat(output.getOut()).doesNotContain("Closing " + client.session() + ": too slow, a send has taken");
			client.assertBurstCutShort();
		}
	}

}
