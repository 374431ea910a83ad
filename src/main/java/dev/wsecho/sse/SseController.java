package dev.wsecho.sse;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves Server-Sent Events, the simpler one-way alternative to WebSocket: ticks, and the chat
 * room's messages with {@code Last-Event-ID} resume.
 */
@RestController
class SseController {

	private final TickEmitters ticks;

	private final ChatEmitters chat;

	SseController(TickEmitters ticks, ChatEmitters chat) {
		this.ticks = ticks;
		this.chat = chat;
	}

	@GetMapping(path = SseProperties.TICKS_PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter ticks() {
		return this.ticks.open();
	}

	/** A {@code Last-Event-ID} that is not a message id is ignored: the stream starts from the latest messages. */
	@GetMapping(path = SseProperties.CHAT_PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter chat(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) throws IOException {
		return this.chat.open(messageId(lastEventId));
	}

	private static Long messageId(String lastEventId) {
		if (lastEventId == null) {
			return null;
		}
		try {
			return Long.parseLong(lastEventId.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
