package dev.wsecho.chat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChatRequestTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void parsesChatAndNick() {
		assertThat(ChatRequest.parse(this.json, "{\"type\":\"chat\",\"message\":\"Hello\"}"))
			.isEqualTo(new ChatRequest.Say("Hello"));
		assertThat(ChatRequest.parse(this.json, "{\"type\":\"nick\",\"name\":\" ann \"}"))
			.isEqualTo(new ChatRequest.Nick("ann"));
	}

	@Test
	void saysWhatIsWrongWithABadMessage() {
		assertInvalid("Hello", "Not valid JSON; send {\"type\":\"chat\",\"message\":\"…\"}");
		assertInvalid("[1]", "Send a JSON object with a string \"type\"");
		assertInvalid("{\"type\":\"dance\"}", "Unknown type \"dance\"; known: chat, nick");
		assertInvalid("{\"type\":\"chat\",\"message\":\" \"}", "A chat needs a non-empty string \"message\"");
		assertInvalid("{\"type\":\"nick\",\"name\":\"" + "x".repeat(33) + "\"}", "A name has 1 to 32 characters");
		assertInvalid("{\"type\":\"nick\",\"name\":\"a\\u0007b\"}", "A name cannot contain control characters");
	}

	private void assertInvalid(String text, String message) {
		assertThatExceptionOfType(InvalidChatRequestException.class)
			.isThrownBy(() -> ChatRequest.parse(this.json, text))
			.withMessage(message);
	}

}
