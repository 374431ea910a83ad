package dev.wsecho.chat;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a chat client asks for: to say something, or to change its name. */
sealed interface ChatRequest {

	/** The longest name, in characters. */
	int MAX_NAME_LENGTH = 32;

	record Say(String message) implements ChatRequest {
	}

	record Nick(String name) implements ChatRequest {
	}

	/**
	 * Parses a client's text message, or throws an {@link InvalidChatRequestException}
	 * that says what is wrong.
	 */
	static ChatRequest parse(JsonMapper json, String text) {
		JsonNode node;
		try {
			node = json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new InvalidChatRequestException("Not valid JSON; send {\"type\":\"chat\",\"message\":\"…\"}");
		}
		if (node == null || !node.isObject() || !node.path("type").isString()) {
			throw new InvalidChatRequestException("Send a JSON object with a string \"type\"");
		}
		String type = node.path("type").stringValue();
		switch (type) {
			case "chat":
				JsonNode message = node.path("message");
				if (!message.isString() || message.stringValue().isBlank()) {
					throw new InvalidChatRequestException("A chat needs a non-empty string \"message\"");
				}
				return new Say(message.stringValue());
			case "nick":
				JsonNode name = node.path("name");
				String problem = name.isString() ? nameProblem(name.stringValue()) : "A nick needs a string \"name\"";
				if (problem != null) {
					throw new InvalidChatRequestException(problem);
				}
				return new Nick(name.stringValue().strip());
			default:
				throw new InvalidChatRequestException("Unknown type \"" + type + "\"; known: chat, nick");
		}
	}

	/** Why {@code name} cannot be a name, or {@code null} when it can. */
	static @Nullable String nameProblem(String name) {
		String stripped = name.strip();
		if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH) {
			return "A name has 1 to " + MAX_NAME_LENGTH + " characters";
		}
		if (stripped.codePoints().anyMatch(Character::isISOControl)) {
			return "A name cannot contain control characters";
		}
		return null;
	}

}
