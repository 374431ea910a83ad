package dev.wsecho.lab;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.SendTimeLimitTest;

/**
 * The send-time limit, made small enough to reach in a test, alone: the buffer and
 * pending limits are far off. The chat's send-time test shares this context.
 */
@SendTimeLimitTest
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
		try (NotReadingLabClient client = NotReadingLabClient.connect(this.port, this.json)) {
			// Nothing is sent after the burst: the limit is kept by the server's clock,
			// not by a later send that would find the burst's send stuck.
			client.sendText(NotReadingLabClient.BURST);

			client.awaitClosedTooSlow(output, CLOSE_WITHIN, "a send has taken");
			client.assertBurstCutShort();
		}
	}

}
