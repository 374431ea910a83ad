package dev.wsecho.chat;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.nextJson;
import static dev.wsecho.chat.ChatTraffic.say;

/**
 * What the chat's slow-member tests share: a member that reads nothing, and a fast member whose
 * messages fill the socket buffers to it.
 */
final class SlowMembers {

	static final String LARGE_MESSAGE = "x".repeat(4000);

	private final int port;

	SlowMembers(int port) {
		this.port = port;
	}

	/**
	 * A raw client with small socket buffers that reads nothing until the server has given up on
	 * it, and then sees the end exactly as its socket does.
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
	 * Has {@code fast} say 4,000-character messages in tens, reading as many events back each
	 * time (so that it never has many waiting itself), until it sees {@code name} leave or has
	 * said {@code most}.
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

	static boolean isLeaveOf(String name, JsonNode event) {
		return "leave".equals(event.path("type").stringValue()) && name.equals(event.path("name").stringValue());
	}

}
