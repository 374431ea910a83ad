package dev.wsecho.lab;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.SendTimeLimitTest;

/**
 * The send-time limit, made small enough to reach in a test, alone: the buffer and
 * pending limits are far off. The chat's send-time test shares this context.
 */
@SendTimeLimitTest
class LabSlowClientIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void closesAClientThatStopsReadingWith1013(CapturedOutput output) throws Exception {
		try (NotReadingLabClient client = NotReadingLabClient.connect(this.port)) {
			// Nothing is sent after the burst: the limit is kept by the server's clock,
			// not by a later send that would find the burst's send stuck.
			client.sendText(NotReadingLabClient.BURST);

			client.awaitClosedTooSlow(output, SendTimeLimitTest.CLOSE_WITHIN, "a send has taken");
			client.assertBurstCutShort();
		}
	}

}
