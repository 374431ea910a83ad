package dev.wsecho.chat;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves the chat room's messages as Server-Sent Events at
 * {@link ChatProperties#SSE_PATH}, with {@code Last-Event-ID} resume; the streams' timing
 * is {@code wsecho.sse.*}.
 */
@RestController
class ChatSseController {

	private final ChatEmitters chat;

	ChatSseController(ChatEmitters chat) {
		this.chat = chat;
	}

	/**
	 * A {@code Last-Event-ID} that is not a message id is ignored: the stream starts from
	 * the latest messages.
	 */
	@GetMapping(path = ChatProperties.SSE_PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter chat(@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId)
			throws IOException {
		return this.chat.open(messageId(lastEventId));
	}

	private static @Nullable Long messageId(@Nullable String lastEventId) {
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
