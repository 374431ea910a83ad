package dev.wsecho.chat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.SendTimeLimitTest;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.nextJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send-time limit alone: so many events may wait that the queue limit is never
 * reached, and the transport's own send timeout (20 s) is far off. The lab's send-time
 * test shares this context.
 */
@SendTimeLimitTest
class ChatSendTimeLimitIntegrationTests {

	@LocalServerPort
	private int port;

	private final String tag = UUID.randomUUID().toString().substring(0, 6);

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
					.isLessThan(SendTimeLimitTest.CLOSE_WITHIN);
			}

			assertThat(leave.path("members").toString()).doesNotContain(slowName);
			SlowMembers.assertClosedTooSlow(output, "a send has taken");
			assertThat(output.getOut()).doesNotContain("more than 100000 events waiting");
			SlowMembers.assertEndedTooSlow(slow);
		}
	}

}
