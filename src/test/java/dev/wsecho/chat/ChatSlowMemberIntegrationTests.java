package dev.wsecho.chat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.SendBufferLimitTest;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.nextChatFrom;
import static dev.wsecho.chat.ChatTraffic.say;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit on events waiting for one member, made small enough to reach in a test; the
 * send-time limit is far off. The lab's send-buffer test shares this context.
 */
@SendBufferLimitTest
class ChatSlowMemberIntegrationTests {

	@LocalServerPort
	private int port;

	private final String tag = UUID.randomUUID().toString().substring(0, 6);

	@Test
	void closesAMemberThatStopsReadingWithoutHoldingUpTheOthers(CapturedOutput output) throws Exception {
		SlowMembers members = new SlowMembers(this.port);
		String slowName = "slow" + this.tag;
		String fastName = "fast" + this.tag;
		try (RawWebSocketClient slow = members.joinNotReading(slowName);
				WebSocketTestClient fast = members.join(fastName)) {
			// Enough to fill the socket buffers between the server and the slow member (a
			// few MiB on loopback), after which 20 more events waiting for it end its
			// membership.
			JsonNode leave = SlowMembers.sayUntilLeaveOf(slowName, fast, 10_000);

			assertThat(leave).as("the slow member's leave, seen by the fast one").isNotNull();
			assertThat(leave.path("members").toString()).doesNotContain(slowName);
			SlowMembers.assertClosedTooSlow(output, "more than 20 events waiting");
			SlowMembers.assertEndedTooSlow(slow);
			say(fast, "still here");
			JsonNode echoed;
			do {
				// Past the large messages the fast member has not read yet.
				echoed = nextChatFrom(fast, fastName);
			}
			while (echoed.path("message").stringValue().length() == SlowMembers.LARGE_MESSAGE.length());
			assertThat(echoed.path("message").stringValue()).isEqualTo("still here");
		}
	}

}
