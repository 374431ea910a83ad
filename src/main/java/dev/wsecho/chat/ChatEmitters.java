package dev.wsecho.chat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.wsecho.sse.SseProperties;
import dev.wsecho.sse.SseStreams;

/**
 * Opens event streams of the chat room's messages, each a {@code chat} event whose
 * {@code id:} is the message id, so that a reconnecting browser's {@code Last-Event-ID}
 * resumes exactly after the last message it received.
 */
@Component
class ChatEmitters {

	private static final Log logger = LogFactory.getLog(ChatEmitters.class);

	private final ChatRoom room;

	private final SseProperties properties;

	private final int replay;

	private final AtomicInteger open = new AtomicInteger();

	ChatEmitters(ChatRoom room, SseProperties properties, ChatProperties chat) {
		this.room = room;
		this.properties = properties;
		this.replay = chat.historyReplay();
	}

	/**
	 * A stream of the messages after {@code lastEventId}, or of the latest ones when it
	 * is {@code null}.
	 */
	SseEmitter open(@Nullable Long lastEventId) throws IOException {
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		emitter.send(SseEmitter.event().reconnectTime(this.properties.retry().toMillis()).comment("chat messages"));
		Replay replay = (lastEventId != null) ? Replay.since(lastEventId) : Replay.recent(this.replay);
		ChatRoom.Subscription subscription;
		try {
			subscription = this.room.watch(replay, listener(emitter));
		}
		catch (ChatUnavailableException ex) {
			// Ended with a 200 rather than a 503, which EventSource would never retry.
			logger.info("Refused a chat event stream: " + ex.getMessage());
			sendUnavailable(emitter, ex.getMessage());
			emitter.complete();
			return emitter;
		}
		logger.info("Opened a chat event stream" + ((lastEventId != null) ? " after id " + lastEventId : "") + " ("
				+ this.open.incrementAndGet() + " open)");
		SseStreams.whenEnded(emitter, subscription::cancel,
				() -> logger.info("Closed a chat event stream (" + this.open.decrementAndGet() + " open)"));
		return emitter;
	}

	private ChatListener listener(SseEmitter emitter) {
		return new ChatListener() {

			@Override
			public void onEvent(ChatEvent event) throws IOException {
				if (event instanceof ChatEvent.History history) {
					for (ChatEvent.Message message : history.messages()) {
						send(emitter, message);
					}
				}
				else if (event instanceof ChatEvent.Message message) {
					send(emitter, message);
				}
			}

			@Override
			public void onOverflow() {
				logger.info("Ending a chat event stream: its reader is too slow");
				// The browser reconnects with Last-Event-ID and so loses nothing it can
				// still get.
				emitter.complete();
			}

			@Override
			public void onUnavailable(String message) {
				logger.info("Ending a chat event stream: " + message);
				try {
					sendUnavailable(emitter, message);
				}
				catch (IOException ex) {
					logger.debug("The reader has gone: " + ex);
				}
				// The browser reconnects after retry: with Last-Event-ID, and so loses
				// nothing.
				emitter.complete();
			}

		};
	}

	private static void sendUnavailable(SseEmitter emitter, String message) throws IOException {
		emitter.send(SseEmitter.event().name("unavailable").data(ChatJson.error(message), MediaType.APPLICATION_JSON));
	}

	/** How many chat event streams are open now. */
	int openStreams() {
		return this.open.get();
	}

	private void send(SseEmitter emitter, ChatEvent.Message message) throws IOException {
		try {
			emitter.send(SseEmitter.event()
				.id(Long.toString(message.id()))
				.name("chat")
				.data(ChatJson.of(message), MediaType.APPLICATION_JSON));
		}
		catch (IOException ex) {
			// The reader has gone. Jetty, unlike Tomcat, does not report a failed write
			// to the request's listeners, so the stream is ended here (its completion
			// callback runs).
			emitter.completeWithError(ex);
			throw ex;
		}
	}

}
