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

import static dev.wsecho.chat.ChatTraffic.nextChatFrom;
import static dev.wsecho.chat.ChatTraffic.say;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on what waits for a client, made small enough to reach in a test (20 events
 * pending, a 64 KB send buffer), on the lab and the chat: the send-time limit (10 s) is
 * far off and the chat's rate limit out of the way. The log is captured, since it alone
 * tells why the server closed a client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.max-pending=20", "wsecho.slow-clients.send-buffer-size=64KB",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
class SendBufferLimitIntegrationTests {

	/**
	 * How soon a test may expect the limit to close a client: under the send-time limit,
	 * which would close it for its time instead.
	 */
	private static final Duration CLOSE_WITHIN = Duration.ofSeconds(8);

	@LocalServerPort
	private int port;

	private final String tag = UUID.randomUUID().toString().substring(0, 6);

	@Test
	void closesWith1013AClientForWhomMoreThanTheBufferWaits(CapturedOutput output) throws Exception {
		try (NotReadingLabClient client = NotReadingLabClient.connect(this.port)) {
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
