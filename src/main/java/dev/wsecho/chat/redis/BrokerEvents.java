package dev.wsecho.chat.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.wsecho.chat.ChatEvent;

/**
 * The form room events take on the Redis channel and in its history: the same JSON
 * clients receive ({@link ChatJson}), so that a message is built once, by the instance
 * that accepts it.
 */
final class BrokerEvents {

	/** What a message starts with before its id, which only Redis assigns. */
	static final String MESSAGE_START = "{\"type\":\"chat\",\"id\":";

	private final JsonMapper json;

	BrokerEvents(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The JSON that follows the id of a message: {@code ,"from":…,"message":…,"ts":…}.
	 */
	String messageRest(String from, String message, Instant ts) {
		Map<String, Object> rest = new LinkedHashMap<>();
		rest.put("from", from);
		rest.put("message", message);
		rest.put("ts", ts.toString());
		return "," + this.json.writeValueAsString(rest).substring(1);
	}

	JsonNode read(String text) {
		return this.json.readTree(text);
	}

	/**
	 * The event {@code node} stands for; {@code null} for what is not an event (probes).
	 */
	static @Nullable ChatEvent decode(JsonNode node) {
		String type = node.path("type").asString();
		return switch (type) {
			case "chat" -> message(node);
			case "join" -> new ChatEvent.Joined(node.path("name").asString(), members(node));
			case "leave" -> new ChatEvent.Left(node.path("name").asString(), members(node));
			case "nick" ->
				new ChatEvent.Renamed(node.path("from").asString(), node.path("name").asString(), members(node));
			default -> null;
		};
	}

	static ChatEvent.Message message(JsonNode node) {
		return new ChatEvent.Message(node.path("id").asLong(), node.path("from").asString(),
				node.path("message").asString(), Instant.parse(node.path("ts").asString()));
	}

	/**
	 * Redis's Lua encodes an empty list as {@code {}}: anything but an array is nobody.
	 */
	private static List<String> members(JsonNode node) {
		List<String> members = new ArrayList<>();
		JsonNode array = node.path("members");
		if (array.isArray()) {
			array.forEach((member) -> members.add(member.asString()));
		}
		return List.copyOf(members);
	}

}
