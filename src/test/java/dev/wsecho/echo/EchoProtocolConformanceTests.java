package dev.wsecho.echo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static dev.wsecho.testsupport.RawWebSocketClient.CLOSE;
import static dev.wsecho.testsupport.RawWebSocketClient.CONTINUATION;
import static dev.wsecho.testsupport.RawWebSocketClient.PING;
import static dev.wsecho.testsupport.RawWebSocketClient.PONG;
import static dev.wsecho.testsupport.RawWebSocketClient.TEXT;
import static dev.wsecho.testsupport.RawWebSocketClient.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * RFC 6455 at the frame level: what the echo does with frames no polite client would
 * send.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoProtocolConformanceTests {

	private static final byte[] INVALID_UTF8 = { 'a', (byte) 0xC3, (byte) 0x28, 'b' };

	@LocalServerPort
	private int port;

	private RawWebSocketClient connect() throws Exception {
		return RawWebSocketClient.connect(this.port, EchoProperties.PATH);
	}

	@Test
	void answersAPingWithAPongCarryingTheSamePayload() throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendFrame(true, 0, PING, "are you there?".getBytes(StandardCharsets.UTF_8));

			Frame pong = client.readFrame();
			assertThat(pong.opcode()).isEqualTo(PONG);
			assertThat(pong.text()).isEqualTo("are you there?");
		}
	}

	@Test
	void reassemblesAFragmentedMessageWithAPingInTheMiddle() throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendFrame(false, 0, TEXT, "frag".getBytes(StandardCharsets.UTF_8));
			client.sendFrame(true, 0, PING, new byte[] { 1 });
			client.sendFrame(false, 0, CONTINUATION, "men".getBytes(StandardCharsets.UTF_8));
			client.sendFrame(true, 0, CONTINUATION, "ted".getBytes(StandardCharsets.UTF_8));

			// The echo streams each fragment back as it arrives, so the pong may come
			// between them.
			StringBuilder echoed = new StringBuilder();
			List<Frame> pongs = new ArrayList<>();
			Frame frame;
			do {
				frame = client.readFrame();
				if (frame.opcode() == PONG) {
					pongs.add(frame);
				}
				else {
					assertThat(frame.opcode()).isEqualTo(echoed.isEmpty() ? TEXT : CONTINUATION);
					echoed.append(frame.text());
				}
			}
			while (frame.opcode() == PONG || !frame.fin());
			assertThat(echoed).hasToString("fragmented");
			if (pongs.isEmpty()) {
				pongs.add(client.readFrame());
			}
			assertThat(pongs).singleElement().satisfies((pong) -> {
				assertThat(pong.opcode()).isEqualTo(PONG);
				assertThat(pong.payload()).containsExactly(1);
			});
		}
	}

	@Test
	void echoesAMessageSentAsTwentyThousandOneByteFragments() throws Exception {
		int fragments = 20_000;
		byte[] frames = RawWebSocketClient.pipelined(fragments, (i) -> frame(i == fragments - 1, 0,
				(i == 0) ? TEXT : CONTINUATION, new byte[] { (byte) ('a' + i % 26) }, true));
		try (RawWebSocketClient client = connect()) {
			// Read while writing: the echo streams each fragment back as it arrives.
			CompletableFuture<String> echoed = inBackground(() -> client.readMessage().text());
			client.sendBytes(frames);

			String message = echoed.get(20, TimeUnit.SECONDS);
			assertThat(message).hasSize(fragments);
			for (int i = 0; i < fragments; i++) {
				assertThat(message.charAt(i)).isEqualTo((char) ('a' + i % 26));
			}
		}
	}

	@Test
	void answersEveryPingOfAFloodInOrder() throws Exception {
		int pings = 20_000;
		byte[] frames = RawWebSocketClient.pipelined(pings,
				(i) -> frame(true, 0, PING, Integer.toString(i).getBytes(StandardCharsets.UTF_8), true));
		try (RawWebSocketClient client = connect()) {
			CompletableFuture<Integer> answered = inBackground(() -> {
				for (int i = 0; i < pings; i++) {
					Frame pong = client.readFrame();
					assertThat(pong.opcode()).isEqualTo(PONG);
					assertThat(pong.text()).isEqualTo(Integer.toString(i));
				}
				return pings;
			});
			client.sendBytes(frames);

			assertThat(answered.get(20, TimeUnit.SECONDS)).isEqualTo(pings);
			client.sendText("after the flood");
			assertThat(client.readMessage().text()).isEqualTo("after the flood");
		}
	}

	@Test
	void closesADecompressionBombWithMessageTooBigOnceTheLimitIsInflated() throws Exception {
		// 32 MiB of zeros deflate to about 32 KB; the echo's limit is 16 MiB.
		byte[] bomb = deflate(new byte[32 * 1024 * 1024]);
		assertThat(bomb.length).isLessThan(64 * 1024);
		try (RawWebSocketClient client = RawWebSocketClient.open(this.port)) {
			// The server answers with its own parameters (no context takeover, both
			// ways).
			assertThat(client.handshake(EchoProperties.PATH, Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))
				.headers()
				.get("sec-websocket-extensions")).startsWith("permessage-deflate");
			CompletableFuture<Frame> close = inBackground(client::readClose);
			// RSV1 (4 in the frame's reserved bits) marks a compressed message.
			client.sendFrame(true, 4, BINARY, bomb);

			Frame frame = close.get(20, TimeUnit.SECONDS);
			assertThat(frame.closeCode()).isEqualTo(1009);
			assertThat(frame.closeReason()).isEqualTo("Message exceeds the limit of 16777216 bytes");
		}
	}

	/**
	 * Raw deflate as permessage-deflate sends it: sync-flushed, without the empty tail.
	 */
	private static byte[] deflate(byte[] data) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		deflater.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int n;
		while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
			out.write(buffer, 0, n);
		}
		deflater.end();
		byte[] deflated = out.toByteArray();
		return Arrays.copyOf(deflated, deflated.length - 4);
	}

	/** Reads on another thread, so that the test can write meanwhile. */
	private static <T> CompletableFuture<T> inBackground(Read<T> read) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return read.read();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	@FunctionalInterface
	private interface Read<T> {

		T read() throws IOException;

	}

	@Test
	void reassemblesAMultibyteCharacterSplitAcrossFragments() throws Exception {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
		try (RawWebSocketClient client = connect()) {
			client.sendFrame(false, 0, TEXT, new byte[] { euro[0] });
			client.sendFrame(true, 0, CONTINUATION, new byte[] { euro[1], euro[2] });

			assertThat(client.readMessage().text()).isEqualTo("€");
		}
	}

	@Test
	void closesWithInvalidPayloadDataForInvalidUtf8() throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendFrame(true, 0, TEXT, INVALID_UTF8);

			assertThat(client.readClose().closeCode()).isEqualTo(1007);
		}
	}

	@Test
	void closesWithInvalidPayloadDataForAnInvalidUtf8CloseReason() throws Exception {
		try (RawWebSocketClient client = connect()) {
			byte[] payload = { 0x03, (byte) 0xE8, (byte) 0xC3, (byte) 0x28 };
			client.sendFrame(true, 0, CLOSE, payload);

			assertThat(client.readClose().closeCode()).isIn(1002, 1007);
		}
	}

	/**
	 * Every frame a client may not send (RFC 6455 section 5), each on a fresh connection.
	 */
	static Stream<Arguments> protocolErrors() {
		byte[] x = "x".getBytes(StandardCharsets.UTF_8);
		return Stream.of(arguments("reserved opcode 3", frame(true, 0, 3, x, true)),
				arguments("reserved opcode 7", frame(true, 0, 7, x, true)),
				arguments("reserved opcode 0xB", frame(true, 0, 0xB, x, true)),
				arguments("reserved opcode 0xF", frame(true, 0, 0xF, x, true)),
				arguments("reserved bit 2, no extension", frame(true, 2, TEXT, x, true)),
				arguments("reserved bit 1, no extension", frame(true, 1, TEXT, x, true)),
				arguments("an unmasked frame", frame(true, 0, TEXT, x, false)),
				arguments("a continuation without a start", frame(true, 0, CONTINUATION, x, true)),
				arguments("a new message before the last ended",
						RawWebSocketClient.pipelined(2, (i) -> frame(i == 1, 0, (i == 0) ? TEXT : BINARY, x, true))),
				arguments("a fragmented control frame", frame(false, 0, PING, x, true)),
				arguments("a control frame over 125 bytes", frame(true, 0, PING, new byte[126], true)),
				arguments("a one-byte close payload", frame(true, 0, CLOSE, new byte[] { 3 }, true)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("protocolErrors")
	void closesWithProtocolErrorFor(String violation, byte[] frames) throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendBytes(frames);

			assertThat(client.readClose().closeCode()).isEqualTo(1002);
		}
	}

	@Test
	void closesWithMessageTooBigForAFragmentedMessageOverTheLimit() throws Exception {
		byte[] mebibyte = new byte[1024 * 1024];
		try (RawWebSocketClient client = connect()) {
			// Read while writing: the server streams the first 16 MiB back before it sees
			// the excess.
			CompletableFuture<Frame> close = inBackground(client::readClose);
			for (int i = 0; i < 16; i++) {
				client.sendFrame(false, 0, (i == 0) ? BINARY : CONTINUATION, mebibyte);
			}
			client.sendFrame(true, 0, CONTINUATION, new byte[1]);

			assertThat(close.get(20, TimeUnit.SECONDS).closeCode()).isEqualTo(1009);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 1001, 1003, 1007, 1008, 1011, 3000, 4999 })
	void answersAValidCloseCodeWithTheSameCode(int code) throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendClose(code, "reason");

			Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(code);
			assertThat(client.serverClosesConnection()).isTrue();
		}
	}

	@Test
	void answersACloseWithoutACodeWithANormalClose() throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendClose(-1, "");

			assertThat(client.readClose().closeCode()).isEqualTo(1000);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000 })
	void closesWithProtocolErrorForACloseCodeThatMayNotBeSent(int code) throws Exception {
		try (RawWebSocketClient client = connect()) {
			client.sendClose(code, "");

			assertThat(client.readClose().closeCode()).isEqualTo(1002);
		}
	}

}
