package dev.wsecho.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.JZlib;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawDeflate;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code permessage-deflate} as a client meets it: each parameter it may offer is
 * answered, and the server's compressed messages keep to the window and context that the
 * answer promised, which {@link RawDeflate} checks on the bytes.
 */
@TransportIntegrationTest
class PerMessageDeflateIntegrationTests {

	private static final int RSV1 = 4;

	/**
	 * 16 KB of text that repeats every 1,000 bytes: a compressor with a window above
	 * 1,000 bytes refers back 1,000 bytes, one within 512 cannot.
	 */
	private static final String REPEATING = repeating();

	@LocalServerPort
	private int port;

	/**
	 * With a 9-bit window no reference reaches back 1,000 bytes; with no limit asked for,
	 * the server's 32 KiB window lets every repeat refer back exactly 1,000.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			permessage-deflate; server_max_window_bits=9 | 1 | 512
			permessage-deflate                           | 1000 | 1000
			""")
	void refersNoFartherBackThanTheWindowTheClientAsksFor(String offer, int nearest, int farthest) throws Exception {
		try (RawWebSocketClient client = connect("/ws/echo", offer)) {
			client.sendText(REPEATING);

			RawDeflate.Decoded echo = compressedEcho(client);
			assertThat(new String(echo.data(), StandardCharsets.UTF_8)).isEqualTo(REPEATING);
			assertThat(echo.farthestReference()).isBetween(nearest, farthest);
		}
	}

	@Test
	void inflatesAClientThatCompressesWithinTheTenBitWindowItOffered() throws Exception {
		try (RawWebSocketClient client = connect("/ws/echo", "permessage-deflate; client_max_window_bits=10")) {
			client.sendFrame(true, RSV1, TEXT, compress(REPEATING, 10));

			assertThat(new String(compressedEcho(client).data(), StandardCharsets.UTF_8)).isEqualTo(REPEATING);
		}
	}

	@Test
	void compressesEachMessageOnItsOwnAndInflatesEachOnItsOwnWithoutContextTakeover() throws Exception {
		try (RawWebSocketClient client = connect("/ws/echo", "permessage-deflate; client_max_window_bits")) {
			byte[] message = compress(REPEATING, 15);
			client.sendFrame(true, RSV1, TEXT, message);
			Frame first = client.readMessage();
			client.sendFrame(true, RSV1, TEXT, message);
			Frame second = client.readMessage();

			// Decoded alone, each from an empty history: a reference into the first
			// message would fail the second.
			assertThat(first.rsv()).isEqualTo(RSV1);
			assertThat(second.payload()).isEqualTo(first.payload());
			assertThat(new String(RawDeflate.inflateMessage(second.payload()).data(), StandardCharsets.UTF_8))
				.isEqualTo(REPEATING);
		}
	}

	@Test
	void sendsAndReceivesAMessageThatCompressesToManyParts() throws Exception {
		// Random bytes hardly compress: 300 KB in is about 300 KB out, ten parts of 32
		// KiB
		// each way, and the dropped tail may straddle two of them.
		byte[] random = new byte[300_000];
		new Random(13).nextBytes(random);
		String text = java.util.HexFormat.of().formatHex(random).substring(0, 300_000);
		try (RawWebSocketClient client = connect("/ws/echo", "permessage-deflate")) {
			client.sendFrame(true, RSV1, TEXT, compress(text, 15));

			assertThat(new String(compressedEcho(client).data(), StandardCharsets.UTF_8)).isEqualTo(text);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ws/echo", "/ws/lab", "/ws/chat" })
	void everyEndpointAnswersTheFirstOfferItCanKeep(String path) throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.port)) {
			RawWebSocketClient.HandshakeResponse response = client.handshake(path, Map.of("Sec-WebSocket-Extensions",
					"permessage-deflate; server_max_window_bits=8, permessage-deflate; server_max_window_bits=10"));

			assertThat(response.status()).isEqualTo(101);
			ExtensionConfig answer = ExtensionConfig.parse(response.headers().get("sec-websocket-extensions"));
			assertThat(answer.getName()).isEqualTo("permessage-deflate");
			assertThat(answer.getParameters()).containsEntry("server_max_window_bits", "10")
				.containsKeys("server_no_context_takeover", "client_no_context_takeover")
				.hasSize(3);
		}
	}

	private RawWebSocketClient connect(String path, String offer) throws Exception {
		RawWebSocketClient client = RawWebSocketClient.open(this.port);
		RawWebSocketClient.HandshakeResponse response = client.handshake(path,
				Map.of("Sec-WebSocket-Extensions", offer));
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");
		return client;
	}

	private static RawDeflate.Decoded compressedEcho(RawWebSocketClient client) throws Exception {
		Frame echo = client.readMessage();
		assertThat(echo.opcode()).isEqualTo(TEXT);
		assertThat(echo.rsv()).isEqualTo(RSV1);
		return RawDeflate.inflateMessage(echo.payload());
	}

	/** A message as a client compresses it with a window of {@code windowBits}. */
	private static byte[] compress(String text, int windowBits) throws Exception {
		byte[] input = text.getBytes(StandardCharsets.UTF_8);
		Deflater deflater = new Deflater(6, windowBits, 8, JZlib.WrapperType.NONE);
		byte[] out = new byte[input.length + input.length / 100 + 1024];
		deflater.setInput(input, 0, input.length, false);
		deflater.setOutput(out, 0, out.length);
		deflater.deflate(JZlib.Z_SYNC_FLUSH);
		deflater.end();
		// RFC 7692: the 00 00 ff ff of the sync flush is left off.
		return Arrays.copyOf(out, deflater.next_out_index - 4);
	}

	private static String repeating() {
		Random random = new Random(7692);
		StringBuilder block = new StringBuilder();
		while (block.length() < 1000) {
			block.append((char) ('a' + random.nextInt(26)));
		}
		return block.toString().repeat(16);
	}

}
