package dev.wsecho.echo;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EchoWebSocketHandlerTests {

	private final EchoWebSocketHandler handler = new EchoWebSocketHandler(DataSize.ofBytes(10));

	private final RecordingWebSocketSession session = new RecordingWebSocketSession();

	@BeforeEach
	void open() {
		this.handler.afterConnectionEstablished(this.session);
	}

	@Test
	void echoesTextAsTheSameText() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("héllo"));

		assertThat(this.session.sent).singleElement().isInstanceOfSatisfying(TextMessage.class, (echo) -> {
			assertThat(echo.getPayload()).isEqualTo("héllo");
			assertThat(echo.isLast()).isTrue();
		});
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void echoesBinaryAsTheSameBytes() throws Exception {
		this.handler.handleMessage(this.session, new BinaryMessage(new byte[] { 0, 1, (byte) 0xff }));

		assertThat(this.session.sent).singleElement().isInstanceOfSatisfying(BinaryMessage.class, (echo) -> {
			ByteBuffer payload = echo.getPayload();
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			assertThat(bytes).containsExactly(0, 1, 0xff);
		});
	}

	@Test
	void echoesPartsAsPartsSoTheMessageStaysWhole() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("abc", false));
		this.handler.handleMessage(this.session, new TextMessage("def", true));

		assertThat(this.session.sent).extracting((message) -> (Object) message.getPayload())
			.containsExactly("abc", "def");
		assertThat(this.session.sent).extracting(WebSocketMessage::isLast).containsExactly(false, true);
	}

	@Test
	void echoesAMessageExactlyAtTheLimit() throws Exception {
		this.handler.handleMessage(this.session, new BinaryMessage(new byte[10]));

		assertThat(this.session.sent).hasSize(1);
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void closesWithMessageTooBigOverLimit() throws Exception {
		this.handler.handleMessage(this.session, new TextMessage("123456", false));
		this.handler.handleMessage(this.session, new TextMessage("78901", true));

		assertThat(this.session.sent).hasSize(1);
		assertThat(this.session.closes).singleElement().satisfies((status) -> {
			assertThat(status.getCode()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
			assertThat(status.getReason()).isEqualTo("Message exceeds the limit of 10 bytes");
		});
	}

	@Test
	void countsTextInUtf8BytesNotCharacters() throws Exception {
		// Five characters, eleven bytes: "é" is two, "€" three, "😀" four (a surrogate
		// pair).
		this.handler.handleMessage(this.session, new TextMessage("aaé€😀"));

		assertThat(this.session.sent).isEmpty();
		assertThat(this.session.closes).extracting(CloseStatus::getCode).containsExactly(1009);
	}

	@Test
	void startsCountingAgainAfterEachWholeMessage() throws Exception {
		for (int i = 0; i < 5; i++) {
			this.handler.handleMessage(this.session, new BinaryMessage(new byte[8]));
		}

		assertThat(this.session.sent).hasSize(5);
		assertThat(this.session.closes).isEmpty();
	}

	@Test
	void propagatesSendFailuresInsteadOfSwallowingThem() {
		this.session.close(CloseStatus.GOING_AWAY);

		assertThatIllegalStateException()
			.isThrownBy(() -> this.handler.handleMessage(this.session, new TextMessage("x")));
	}

	@Test
	void supportsPartialMessagesSoMemoryDoesNotGrowWithMessageSize() {
		assertThat(this.handler.supportsPartialMessages()).isTrue();
	}

}
