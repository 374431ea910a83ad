package dev.wsecho.transport;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the dispatcher does when the handler fails; how frames become messages is pinned
 * against the real endpoints in {@link FrameDispatcherIntegrationTests}.
 */
class FrameDispatcherTests {

	private final RecordingCoreSession connection = new RecordingCoreSession();

	private final CoreWebSocketSession session = new CoreWebSocketSession(URI.create("ws://localhost/ws/test"),
			new HttpHeaders(), null, null, TransportSettings.DEFAULTS, new ManualScheduler());

	private static Frame text(String text) {
		return new Frame(OpCode.TEXT, true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void closesWith1011WhenTheHandlerThrowsOnAMessage() {
		FrameDispatcher dispatcher = new FrameDispatcher(this.session, new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) {
				throw new IllegalStateException("handler bug");
			}

		});
		dispatcher.onOpen(this.connection, Callback.NOOP);
		Callback.Completable frameDone = new Callback.Completable();

		dispatcher.onFrame(text("boom"), frameDone);

		assertThat(this.connection.closes).containsExactly(CloseStatus.SERVER_ERROR);
		assertThat(frameDone).as("the frame is released all the same").isCompleted();
	}

	@Test
	void closesWith1011WhenTheHandlerThrowsOnOpen() {
		FrameDispatcher dispatcher = new FrameDispatcher(this.session, new TextWebSocketHandler() {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) {
				throw new IllegalStateException("handler bug");
			}

		});
		Callback.Completable opened = new Callback.Completable();

		dispatcher.onOpen(this.connection, opened);

		assertThat(this.connection.closes).containsExactly(CloseStatus.SERVER_ERROR);
		assertThat(opened).isCompleted();
	}

}
