package dev.wsecho.slowclient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;

import dev.wsecho.chat.ChatProperties;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.nextJson;
import static dev.wsecho.chat.ChatTraffic.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the chat's slow-member tests share: a member that reads nothing, and a fast member
 * whose messages fill the socket buffers to it.
 */
final class SlowMembers {

	static final String LARGE_MESSAGE = "x".repeat(4000);

	private final int port;

	SlowMembers(int port) {
		this.port = port;
	}

	/**
	 * A raw client with small socket buffers that reads nothing until the server has
	 * given up on it, and then sees the end exactly as its socket does.
	 */
	RawWebSocketClient joinNotReading(String name) throws IOException {
		return RawWebSocketClient.connect(this.port, ChatProperties.PATH + "?name=" + name, 16 * 1024,
				Map.of("Sec-WebSocket-Protocol", "chat"));
	}

	WebSocketTestClient join(String name) throws Exception {
		URI uri = URI.create("ws://127.0.0.1:" + this.port + ChatProperties.PATH + "?name=" + name);
		return WebSocketTestClient.connect(uri, "chat");
	}

	/**
	 * Has {@code fast} say 4,000-character messages in tens, reading as many events back
	 * each time (so that it never has many waiting itself), until it sees {@code name}
	 * leave or has said {@code most}.
	 * @return the leave, or {@code null} if none came
	 */
	static @Nullable JsonNode sayUntilLeaveOf(String name, WebSocketTestClient fast, int most) throws Exception {
		JsonNode leave = null;
		for (int sent = 0; leave == null && sent < most; sent += 10) {
			for (int i = 0; i < 10; i++) {
				say(fast, LARGE_MESSAGE);
			}
			for (int i = 0; i < 10; i++) {
				JsonNode event = nextJson(fast);
				leave = (leave == null && isLeaveOf(name, event)) ? event : leave;
			}
		}
		return leave;
	}

	/**
	 * Asserts that the server closed a member with {@link SlowClients#TOO_SLOW} for the
	 * reason that starts with {@code why}, as its log tells: the member itself may see
	 * only the end of its socket (1006), since the close frame cannot overtake what is
	 * stuck before it.
	 */
	static void assertClosedTooSlow(CapturedOutput output, String why) {
		Matcher closing = Pattern.compile("Closing (\\S+): too slow, " + Pattern.quote(why)).matcher(output.getOut());
		assertThat(closing.find()).as("a member closed as too slow, " + why).isTrue();
		String closed = "Closed chat " + closing.group(1) + " code=1013 reason=" + SlowClients.TOO_SLOW.getReason();
		await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(closed));
	}

	/**
	 * Reads to the end of the slow member's connection and asserts that it ended with the
	 * server's 1013, or without a close frame (1006), since the close frame cannot
	 * overtake the events already in the socket buffers.
	 */
	static void assertEndedTooSlow(RawWebSocketClient slow) throws IOException {
		assertThat(slow.readUntilEnd().closeCode()).as("1013, or 1006 without the close frame").isIn(1013, 1006);
	}

	static boolean isLeaveOf(String name, JsonNode event) {
		return "leave".equals(event.path("type").stringValue()) && name.equals(event.path("name").stringValue());
	}

}
