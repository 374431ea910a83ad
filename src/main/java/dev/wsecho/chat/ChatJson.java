package dev.wsecho.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire form of room events, shared by the WebSocket and SSE endpoints. */
final class ChatJson {

	private ChatJson() {
	}

	/**
	 * {@code {"type":"chat","id":…,"from":…,"message":…,"ts":"<ISO-8601>"}} and its
	 * siblings.
	 */
	static Map<String, Object> of(ChatEvent event) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (event instanceof ChatEvent.Message message) {
			json.put("type", "chat");
			json.put("id", message.id());
			json.put("from", message.from());
			json.put("message", message.message());
			json.put("ts", message.ts().toString());
		}
		else if (event instanceof ChatEvent.Joined joined) {
			json.put("type", "join");
			json.put("name", joined.name());
			json.put("members", joined.members());
		}
		else if (event instanceof ChatEvent.Left left) {
			json.put("type", "leave");
			json.put("name", left.name());
			json.put("members", left.members());
		}
		else if (event instanceof ChatEvent.Renamed renamed) {
			json.put("type", "nick");
			json.put("from", renamed.from());
			json.put("name", renamed.name());
			json.put("members", renamed.members());
		}
		else if (event instanceof ChatEvent.History history) {
			List<Map<String, Object>> messages = history.messages().stream().map(ChatJson::of).toList();
			json.put("type", "history");
			json.put("messages", messages);
			json.put("complete", history.complete());
		}
		else {
			throw new IllegalArgumentException("Unknown event " + event);
		}
		return json;
	}

	/** {@code {"type":"error","message":…}}. */
	static Map<String, Object> error(String message) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", "error");
		json.put("message", message);
		return json;
	}

}
