package dev.wsecho.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static dev.wsecho.testsupport.RawWebSocketClient.CONTINUATION;
import static dev.wsecho.testsupport.RawWebSocketClient.TEXT;
import static dev.wsecho.transport.TransportIntegrationTest.LAB_MESSAGE_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How frames from a real client reach the handlers: in parts for the echo (which takes
 * them), whole and within the limit for the lab (which does not), with UTF-8 checked as
 * it arrives.
 */
@TransportIntegrationTest
class FrameDispatcherIntegrationTests {

	private static final String ECHO = "/ws/echo";

	private static final String LAB = "/ws/lab";

	private static final int READ_BUFFER = TransportSettings.DEFAULTS.readBufferSize();

	@LocalServerPort
	private int port;

	private RawWebSocketClient connect(String path) throws Exception {
		RawWebSocketClient client = RawWebSocketClient.connect(this.port, path);
		if (path.equals(LAB)) {
			assertThat(client.readFrame().text()).as("the lab's welcome").contains("\"type\":\"welcome\"");
		}
		return client;
	}

	/** Reads the frames of one data message, first to last. */
	private static List<Frame> readMessageFrames(RawWebSocketClient client) throws Exception {
		List<Frame> frames = new ArrayList<>();
		Frame frame;
		do {
			frame = client.readFrame();
			frames.add(frame);
		}
		while (!frame.fin());
		return frames;
	}

	private static byte[] payloadOf(List<Frame> frames) {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		frames.forEach((frame) -> payload.writeBytes(frame.payload()));
		return payload.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void echoesABinaryFrameLargerThanTheReadBufferByteForByte() throws Exception {
		byte[] message = new byte[200 * 1024];
		new Random(6455).nextBytes(message);
		try (RawWebSocketClient client = connect(ECHO)) {
			client.sendFrame(true, 0, BINARY, message);

			List<Frame> frames = readMessageFrames(client);

			assertThat(frames.get(0).opcode()).isEqualTo(BINARY);
			assertThat(frames.subList(1, frames.size()))
				.allSatisfy((frame) -> assertThat(frame.opcode()).isEqualTo(CONTINUATION));
			assertThat(payloadOf(frames)).isEqualTo(message);
		}
	}

	@Test
	void handsTheEchoTheStartOfAFrameLargerThanTheReadBufferBeforeTheRestArrives() throws Exception {
		byte[] message = new byte[200 * 1024];
		new Random(6455).nextBytes(message);
		byte[] frame = RawWebSocketClient.frame(true, 0, BINARY, message, true);
		int header = frame.length - message.length;
		int firstPart = READ_BUFFER - header;
		try (RawWebSocketClient client = connect(ECHO)) {
			client.sendBytes(Arrays.copyOfRange(frame, 0, header + firstPart));

			Frame start = client.readFrame();

			assertThat(start.opcode()).isEqualTo(BINARY);
			assertThat(start.fin()).isFalse();
			assertThat(start.payload()).isEqualTo(Arrays.copyOfRange(message, 0, start.payload().length));
			client.sendBytes(Arrays.copyOfRange(frame, header + firstPart, frame.length));
			List<Frame> frames = new ArrayList<>(List.of(start));
			frames.addAll(readMessageFrames(client));
			assertThat(payloadOf(frames)).isEqualTo(message);
		}
	}

	@Test
	void carriesACharacterSplitAcrossThreeFragmentsToTheEcho() throws Exception {
		byte[] emoji = utf8("😀");
		try (RawWebSocketClient client = connect(ECHO)) {
			client.sendFrame(false, 0, TEXT, new byte[] { 'a', emoji[0] });
			client.sendFrame(false, 0, CONTINUATION, new byte[] { emoji[1] });
			client.sendFrame(true, 0, CONTINUATION, new byte[] { emoji[2], emoji[3], 'b' });

			assertThat(client.readMessage().text()).isEqualTo("a😀b");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { ECHO, LAB })
	void closesWith1007AsSoonAsAFragmentHasInvalidUtf8(String path) throws Exception {
		byte[] euro = utf8("€");
		try (RawWebSocketClient client = connect(path)) {
			client.sendFrame(false, 0, TEXT, new byte[] { 'o', 'k', euro[0] });
			// Not a continuation byte, so no final fragment could make the message valid.
			client.sendFrame(false, 0, CONTINUATION, new byte[] { '(' });

			Frame close = client.readClose();

			assertThat(close.closeCode()).isEqualTo(1007);
			assertThat(close.closeReason()).isEqualTo("Text message is not valid UTF-8");
		}
	}

	@Test
	void assemblesTextFragmentsIntoOneMessageForTheLab() throws Exception {
		byte[] message = utf8("héllo € 😀");
		try (RawWebSocketClient client = connect(LAB)) {
			// Split inside é, inside €, and inside 😀.
			client.sendFrame(false, 0, TEXT, Arrays.copyOfRange(message, 0, 2));
			client.sendFrame(false, 0, CONTINUATION, Arrays.copyOfRange(message, 2, 9));
			client.sendFrame(false, 0, CONTINUATION, Arrays.copyOfRange(message, 9, 12));
			client.sendFrame(true, 0, CONTINUATION, Arrays.copyOfRange(message, 12, message.length));

			Frame echo = client.readFrame();

			assertThat(echo.opcode()).isEqualTo(TEXT);
			assertThat(echo.fin()).as("one frame: the lab had one message").isTrue();
			assertThat(echo.text()).isEqualTo("héllo € 😀");
		}
	}

	@Test
	void assemblesBinaryFragmentsIntoOneMessageForTheLab() throws Exception {
		try (RawWebSocketClient client = connect(LAB)) {
			client.sendFrame(false, 0, BINARY, new byte[] { 1, 2 });
			client.sendFrame(false, 0, CONTINUATION, new byte[0]);
			client.sendFrame(true, 0, CONTINUATION, new byte[] { 3 });

			Frame echo = client.readFrame();

			assertThat(echo.opcode()).isEqualTo(BINARY);
			assertThat(echo.fin()).isTrue();
			assertThat(echo.payload()).containsExactly(1, 2, 3);
		}
	}

	@Test
	void handsTheLabATextMessageOfExactlyItsLimitInUtf8Bytes() throws Exception {
		String message = "€".repeat(LAB_MESSAGE_LIMIT / 3) + "a";
		assertThat(utf8(message)).hasSize(LAB_MESSAGE_LIMIT);
		try (RawWebSocketClient client = connect(LAB)) {
			client.sendText(message);

			assertThat(client.readMessage().text()).isEqualTo(message);
		}
	}

	@Test
	void closesTheLabWith1009ForATextMessageOneUtf8ByteOverItsLimit() throws Exception {
		// Fewer characters than the limit, one byte more.
		String message = "€".repeat(LAB_MESSAGE_LIMIT / 3) + "ab";
		try (RawWebSocketClient client = connect(LAB)) {
			client.sendText(message);

			Frame close = client.readClose();

			assertThat(close.closeCode()).isEqualTo(1009);
			assertThat(close.closeReason()).isEqualTo("Message exceeds the limit of " + LAB_MESSAGE_LIMIT + " bytes");
		}
	}

	@Test
	void closesTheLabWith1009AsSoonAsTheFragmentsOfAMessageGoOverItsLimit() throws Exception {
		byte[] half = new byte[LAB_MESSAGE_LIMIT / 2];
		try (RawWebSocketClient client = connect(LAB)) {
			client.sendFrame(false, 0, BINARY, half);
			client.sendFrame(false, 0, CONTINUATION, half);
			client.sendFrame(false, 0, CONTINUATION, new byte[1]);

			// No final fragment sent: the close comes from the fragment that went over.
			assertThat(client.readClose().closeCode()).isEqualTo(1009);
		}
	}

}
