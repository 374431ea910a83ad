package dev.wsecho.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.End;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static dev.wsecho.testsupport.RawWebSocketClient.CLOSE;
import static dev.wsecho.testsupport.RawWebSocketClient.CONTINUATION;
import static dev.wsecho.testsupport.RawWebSocketClient.PING;
import static dev.wsecho.testsupport.RawWebSocketClient.PONG;
import static dev.wsecho.testsupport.RawWebSocketClient.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Echoes gathered by the {@link FrameWriter} among frames that go through Jetty's queue,
 * as a client sees them: pongs, message parts, large messages and the close frame come in
 * the order they were sent, and with {@code permessage-deflate} every echo goes through
 * the extension.
 */
@TransportIntegrationTest
class FrameWriterIntegrationTests {

	@LocalServerPort
	private int port;

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] frames(List<byte[]> frames) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		frames.forEach(bytes::writeBytes);
		return bytes.toByteArray();
	}

	private static byte[] frame(boolean fin, int opcode, byte[] payload) {
		return RawWebSocketClient.frame(fin, 0, opcode, payload, true);
	}

	@Test
	void answersPingsAndEchoesInTheOrderTheyCameInOneWrite() throws Exception {
		int count = 200;
		byte[] pipelined = RawWebSocketClient.pipelined(2 * count, (i) -> (i % 2 == 0)
				? frame(true, PING, utf8("ping " + i / 2)) : frame(true, TEXT, utf8("echo " + i / 2)));
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo")) {
			client.sendBytes(pipelined);

			for (int i = 0; i < count; i++) {
				Frame pong = client.readFrame();
				assertThat(pong.opcode()).isEqualTo(PONG);
				assertThat(pong.text()).isEqualTo("ping " + i);
				Frame echo = client.readFrame();
				assertThat(echo.opcode()).isEqualTo(TEXT);
				assertThat(echo.text()).isEqualTo("echo " + i);
			}
		}
	}

	@Test
	void echoesMessagesInPartsLargeAndBinaryInOrderAmongSmallWholeOnes() throws Exception {
		byte[] large = new byte[100 * 1024];
		large[large.length - 1] = 42;
		List<byte[]> sent = new ArrayList<>();
		for (int round = 0; round < 20; round++) {
			sent.add(frame(true, TEXT, utf8("whole " + round)));
			sent.add(frame(false, TEXT, utf8("in ")));
			sent.add(frame(false, CONTINUATION, utf8("three ")));
			sent.add(frame(true, CONTINUATION, utf8("parts " + round)));
			sent.add(frame(true, BINARY, new byte[] { 1, 2, (byte) round }));
			sent.add(frame(false, BINARY, new byte[] { 3 }));
			sent.add(frame(true, CONTINUATION, new byte[] { 4, (byte) round }));
			sent.add(frame(true, BINARY, large));
		}
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo")) {
			client.sendBytes(frames(sent));

			for (int round = 0; round < 20; round++) {
				assertMessage(client.readMessage(), TEXT, utf8("whole " + round));
				assertMessage(client.readMessage(), TEXT, utf8("in three parts " + round));
				assertMessage(client.readMessage(), BINARY, new byte[] { 1, 2, (byte) round });
				assertMessage(client.readMessage(), BINARY, new byte[] { 3, 4, (byte) round });
				assertMessage(client.readMessage(), BINARY, large);
			}
		}
	}

	/** Text frames "prefix 0", "prefix 1", ... */
	private static List<byte[]> texts(String prefix, int count) {
		List<byte[]> texts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			texts.add(frame(true, TEXT, utf8(prefix + i)));
		}
		return texts;
	}

	private static void assertTexts(RawWebSocketClient client, String prefix, int count) throws Exception {
		for (int i = 0; i < count; i++) {
			assertThat(client.readFrame().text()).isEqualTo(prefix + i);
		}
	}

	private static void assertMessage(Frame message, int opcode, byte[] payload) {
		assertThat(message.opcode()).isEqualTo(opcode);
		assertThat(message.payload()).isEqualTo(payload);
	}

	@Test
	void sendsEveryEchoBeforeTheAnswerToACloseAndNothingAfterIt() throws Exception {
		int count = 300;
		List<byte[]> sent = texts("before ", count);
		sent.add(frame(true, CLOSE, RawWebSocketClient.closePayload(4000, "done")));
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo")) {
			client.sendBytes(frames(sent));

			assertTexts(client, "before ", count);
			assertThat(client.readFrame().closeCode()).isEqualTo(4000);
			assertThat(client.bytesBeforeEnd()).as("nothing after the close frame").isZero();
		}
	}

	@Test
	void echoesNothingAfterTheHandlersCloseFrameThoughMoreCameInTheSameRead() throws Exception {
		int count = 100;
		List<byte[]> sent = texts("before ", count);
		sent.add(frame(true, TEXT, utf8("{\"command\":\"close\",\"code\":4001,\"reason\":\"lab\"}")));
		sent.addAll(texts("after ", count));
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/lab")) {
			assertThat(client.readFrame().text()).contains("\"type\":\"welcome\"");
			client.sendBytes(frames(sent));

			assertTexts(client, "before ", count);
			End end = client.readUntilEnd();
			assertThat(end.dataFrames()).as("no echo after the close").isZero();
			assertThat(end.closeCode()).isEqualTo(4001);
		}
	}

	@Test
	void compressesEchoesSentWhileReadingWithPermessageDeflate() throws Exception {
		int count = 50;
		String message = "a compressible message ".repeat(20);
		byte[] pipelined = RawWebSocketClient.pipelined(count, (i) -> frame(true, TEXT, utf8(message)));
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo", 64 * 1024,
				Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
			client.sendBytes(pipelined);

			for (int i = 0; i < count; i++) {
				Frame echo = client.readFrame();
				assertThat(echo.opcode()).isEqualTo(TEXT);
				assertThat(echo.rsv() & 0b100).as("RSV1: compressed by the extension").isNotZero();
				assertThat(echo.payload().length).isLessThan(message.length());
			}
		}
	}

}
