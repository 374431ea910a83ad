package dev.wsecho.lab;

import org.junit.jupiter.api.Test;

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

	@LocalServerPort
	private int port;

	@Test
	void closesWith1013AClientForWhomMoreThanTheBufferWaits(CapturedOutput output) throws Exception {
		try (NotReadingLabClient client = NotReadingLabClient.connect(this.port)) {
			// A reply over 64KB comes on the timer thread long after the burst's send is
			// stuck on the client that reads nothing, and waits behind it. It is asked
			// for first: while the burst is stuck, the server reads no further commands.
			String reply = "x".repeat(70_000);
			client.sendText("{\"command\":\"delay\",\"ms\":2000,\"message\":\"" + reply + "\"}");
			client.sendText(NotReadingLabClient.BURST);

			client.awaitClosedTooSlow(output, SendBufferLimitTest.CLOSE_WITHIN, "Buffer size");
			assertThat(output.getOut()).doesNotContain("Closing " + client.session() + ": too slow, a send has taken");
			client.assertBurstCutShort();
		}
	}

}
