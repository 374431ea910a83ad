package dev.wsecho.sse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves Server-Sent Events, the simpler one-way alternative to WebSocket: ticks. The
 * chat room's messages are served by the chat itself ({@code /sse/chat}), with the
 * settings here.
 */
@RestController
class SseController {

	private final TickEmitters ticks;

	SseController(TickEmitters ticks) {
		this.ticks = ticks;
	}

	@GetMapping(path = SseProperties.TICKS_PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter ticks() {
		return this.ticks.open();
	}

}
