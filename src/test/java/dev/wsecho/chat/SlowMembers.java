package dev.wsecho.chat;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.WebSocketTestClient;

/**
 * What the chat's slow-member tests share: a member that reads nothing, and a fast member whose
 * messages fill the socket buffers to it.
 */
final class SlowMembers {

	private static final String LARGE_MESSAGE = "{\"type\":\"chat\",\"message\":\"" + "x".repeat(4000) + "\"}";

	private final int port;

	private final JsonMapper json;

	SlowMembers(int port, JsonMapper json) {
		this.port = port;
		this.json = json;
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
	@Nullable JsonNode sayUntilLeaveOf(String name, WebSocketTestClient fast, int most) throws Exception {
		JsonNode leave = null;
		for (int sent = 0; leave == null && sent < most; sent += 10) {
			for (int i = 0; i < 10; i++) {
				fast.sendText(LARGE_MESSAGE);
			}
			for (int i = 0; i < 10; i++) {
				JsonNode event = leaveOf(name, fast.nextText());
				leave = (leave != null) ? leave : event;
			}
		}
		return leave;
	}

	/** The event in {@code text} if it is {@code name}'s leave, else {@code null}. */
	@Nullable JsonNode leaveOf(String name, String text) {
		JsonNode event = this.json.readTree(text);
		boolean isLeave = "leave".equals(event.path("type").stringValue())
				&& name.equals(event.path("name").stringValue());
		return isLeave ? event : null;
	}

}
