package dev.wsecho.slowclient;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.nextJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send-time limit (500 ms) alone within reach, on the lab and the chat: so many
 * messages may wait that the pending limit is never reached, the transport's own send
 * timeout (20 s) is far off, and the chat's rate limit is out of the way. The log is
 * captured, since it alone tells why the server closed a client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.send-time-limit=500ms", "wsecho.slow-clients.max-pending=100000",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
class SendTimeLimitIntegrationTests {

	/**
	 * How soon a test may expect the limit to close a client: well under the transport's
	 * send timeout (20 s), which would drop it with 1006 instead.
	 */
	private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);

	private final String tag = UUID.randomUUID().toString().substring(0, 6);

	@LocalServerPort
	private int port;

	@Test
	void closesAClientThatStopsReadingWith1013(CapturedOutput output) throws Exception {
		try (NotReadingLabClient client = NotReadingLabClient.connect(this.port)) {
			// Nothing is sent after the burst: the limit is kept by the server's clock,
			// not by a later send that would find the burst's send stuck.
			client.sendText(NotReadingLabClient.BURST);

			client.awaitClosedTooSlow(output, CLOSE_WITHIN, "a send has taken");
			client.assertBurstCutShort();
		}
	}

	@Test
	void closesWith1013AMemberWhoseSendIsStuckOverTheLimit(CapturedOutput output) throws Exception {
		SlowMembers members = new SlowMembers(this.port);
		String slowName = "stuck" + this.tag;
		try (RawWebSocketClient slow = members.joinNotReading(slowName);
				WebSocketTestClient fast = members.join("fast" + this.tag)) {
			// Enough to fill the socket buffers to the slow member (up to 4 MiB here):
			// its send is then stuck, and only the clock can tell, since its events
			// merely queue up behind it.
			JsonNode leave = SlowMembers.sayUntilLeaveOf(slowName, fast, 3000);
			// If the limit has not passed yet, the room is now quiet: no other send is
			// coming that could find the stuck one.
			long quietSince = System.nanoTime();
			while (leave == null) {
				JsonNode event = nextJson(fast);
				leave = SlowMembers.isLeaveOf(slowName, event) ? event : null;
				assertThat(Duration.ofNanos(System.nanoTime() - quietSince)).as("time waiting for the leave")
					.isLessThan(CLOSE_WITHIN);
			}

			assertThat(leave.path("members").toString()).doesNotContain(slowName);
			SlowMembers.assertClosedTooSlow(output, "a send has taken");
			assertThat(output.getOut()).doesNotContain("more than 100000 events waiting");
			SlowMembers.assertEndedTooSlow(slow);
		}
	}

}
