package dev.wsecho.chat;

import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.wsecho.testsupport.WebSocketTestClient;

/**
 * Reads and writes a chat client's JSON traffic for tests, skipping what a test is not
 * waiting for (other members' joins, say); every read is bounded by the client's timeout.
 * Public for the Redis room's tests.
 */
public final class ChatTraffic {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ChatTraffic() {
	}

	public static JsonNode nextJson(WebSocketTestClient client) throws Exception {
		return JSON.readTree(client.nextText());
	}

	/** The next message of the given type. */
	public static JsonNode next(WebSocketTestClient client, String type) throws Exception {
		return nextWhere(client, (message) -> has(message, "type", type));
	}

	/** The join announcing {@code name}. */
	public static JsonNode joinOf(WebSocketTestClient client, String name) throws Exception {
		return nextWhere(client, (message) -> has(message, "type", "join") && has(message, "name", name));
	}

	/** The next chat message from {@code from}. */
	public static JsonNode nextChatFrom(WebSocketTestClient client, String from) throws Exception {
		return nextWhere(client, (message) -> has(message, "type", "chat") && has(message, "from", from));
	}

	private static JsonNode nextWhere(WebSocketTestClient client, Predicate<JsonNode> wanted) throws Exception {
		JsonNode message;
		do {
			message = nextJson(client);
		}
		while (!wanted.test(message));
		return message;
	}

	private static boolean has(JsonNode message, String field, String value) {
		return value.equals(message.path(field).stringValue());
	}

	public static void say(WebSocketTestClient client, String message) throws Exception {
		client.sendText("{\"type\":\"chat\",\"message\":\"" + message + "\"}");
	}

}
