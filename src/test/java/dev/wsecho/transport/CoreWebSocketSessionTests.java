package dev.wsecho.transport;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring's session over a fake Jetty connection: messages become frames of their type,
 * closes become Jetty's, and the session's settings reach its send flow, whose own steps
 * are in {@link SendFlowTests}.
 */
class CoreWebSocketSessionTests {

	private final RecordingCoreSession connection = new RecordingCoreSession();

	/** The session's clock, in nanoseconds; it moves only when a test moves it. */
	private final AtomicLong now = new AtomicLong();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final CoreWebSocketSession session = new CoreWebSocketSession(URI.create("ws://localhost/ws/test"),
			new HttpHeaders(), null, null, TransportSettings.DEFAULTS, this.now::get, this.scheduler);

	CoreWebSocketSessionTests() {
		this.session.opened(this.connection);
	}

	private static String text(Frame frame) {
		return StandardCharsets.UTF_8.decode(frame.getPayload().duplicate()).toString();
	}

	@Test
	void sendsEachMessageAsAFrameOfItsType() throws Exception {
		this.session.sendMessage(new TextMessage("text"));
		this.session.sendMessage(new BinaryMessage(new byte[] { 1, 2 }));
		this.session.sendMessage(new PingMessage(ByteBuffer.wrap(new byte[] { 3 })));
		this.session.sendMessage(new PongMessage(ByteBuffer.wrap(new byte[] { 4 })));

		assertThat(this.connection.sent).extracting(Frame::getOpCode)
			.containsExactly(OpCode.TEXT, OpCode.BINARY, OpCode.PING, OpCode.PONG);
		assertThat(this.connection.sent).allMatch(Frame::isFin);
		assertThat(text(this.connection.sent.get(0))).isEqualTo("text");
		assertThat(this.connection.sent.get(1).getPayloadLength()).isEqualTo(2);
	}

	@Test
	void sendsATextMessageInPartsAsAFrameAndItsContinuation() throws Exception {
		this.session.sendMessage(new TextMessage("par", false));
		this.session.sendMessage(new TextMessage("ts", true));

		assertThat(this.connection.sent).extracting(Frame::getOpCode).containsExactly(OpCode.TEXT, OpCode.CONTINUATION);
		assertThat(this.connection.sent).extracting(CoreWebSocketSessionTests::text).containsExactly("par", "ts");
	}

	@Test
	void closesWithTheStatusCodeAndReason() throws Exception {
		this.session.close(CloseStatus.POLICY_VIOLATION.withReason("Origin not allowed"));

		assertThat(this.connection.closes)
			.containsExactly(CloseStatus.POLICY_VIOLATION.withReason("Origin not allowed"));
		assertThat(this.session.isOpen()).isFalse();
	}

	@Test
	void closesWithoutACodeFor1005() throws Exception {
		this.session.close(CloseStatus.NO_STATUS_CODE);

		assertThat(this.connection.closes).containsExactly(CloseStatus.NO_STATUS_CODE);
	}

	@Test
	void dropsWithoutACloseFrameFor1006() throws Exception {
		this.session.close(CloseStatus.NO_CLOSE_FRAME);

		assertThat(this.connection.aborts).hasValue(1);
		assertThat(this.connection.closes).as("RFC 6455 forbids sending 1006").isEmpty();
	}

	@Test
	void refusesToSendOnceTheConnectionIsClosed() {
		this.session.closed();

		assertThat(this.session.isOpen()).isFalse();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.session.sendMessage(new TextMessage("late")))
			.withMessageContaining("is closed");
		this.session.pong(ByteBuffer.allocate(0));
		assertThat(this.connection.sent).as("no pong either").isEmpty();
	}

	@Test
	void answersAPingWithAPong() {
		this.session.pong(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.connection.sent).extracting(Frame::getOpCode).containsExactly(OpCode.PONG);
		assertThat(text(this.connection.sent.get(0))).isEqualTo("ping");
	}

	@Test
	void holdsTheFrameItAnswersUntilTheAnswerIsWritten() throws Exception {
		this.connection.holdWrites();
		Callback.Completable frame = new Callback.Completable();

		this.session.sendMessage(new TextMessage("echo"));
		this.session.handled(frame, 4);

		assertThat(frame).isNotDone();
		this.connection.writeHeldFrames();
		assertThat(frame).isCompleted();
		assertThat(this.connection.demands).hasValue(1);
	}

	@Test
	void dropsAClientThatReadsNothingForTheSendTimeoutItWasGiven() throws Exception {
		this.session.setSendTimeout(Duration.ofSeconds(1));
		this.connection.holdWrites();
		this.session.sendMessage(new TextMessage("echo"));
		this.session.handled(new Callback.Completable(), 4);

		this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		this.scheduler.runPending();

		assertThat(this.connection.aborts).hasValue(1);
	}

}
