package dev.wsecho.chat;

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
		JsonNode message;
		do {
			message = nextJson(client);
		}
		while (!message.path("type").stringValue().equals(type));
		return message;
	}

	/** The join announcing {@code name}. */
	public static JsonNode joinOf(WebSocketTestClient client, String name) throws Exception {
		JsonNode message;
		do {
			message = next(client, "join");
		}
		while (!message.path("name").stringValue().equals(name));
		return message;
	}

	/** The next chat message from {@code from}. */
	public static JsonNode nextChatFrom(WebSocketTestClient client, String from) throws Exception {
		JsonNode message;
		do {
			message = next(client, "chat");
		}
		while (!message.path("from").stringValue().equals(from));
		return message;
	}

	public static void say(WebSocketTestClient client, String message) throws Exception {
		client.sendText("{\"type\":\"chat\",\"message\":\"" + message + "\"}");
	}

}
