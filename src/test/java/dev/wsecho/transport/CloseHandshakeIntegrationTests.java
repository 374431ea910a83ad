package dev.wsecho.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.CLOSE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A close while messages are still flowing both ways, with {@code permessage-deflate} (as
 * Node's clients negotiate it): every echo, then the close frame, then the end of the
 * connection, never a reset, whichever side closes.
 */
@TransportIntegrationTest
class CloseHandshakeIntegrationTests {

	private static final Map<String, String> DEFLATE = Map.of("Sec-WebSocket-Extensions", "permessage-deflate");

	private static final int MESSAGES = 500;

	/**
	 * Under the lab's 1 KiB limit, and compressible, so that the echoes never fill a
	 * socket buffer.
	 */
	private static final String MESSAGE = "x".repeat(1000);

	@LocalServerPort
	private int port;

	@Test
	void answersACloseSentWhileEchoesAreInFlightAfterTheLastEchoAndThenEndsTheConnection() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo", 64 * 1024, DEFLATE)) {
			CompletableFuture<Void> sent = sendInBackground(client, () -> {
				sendMessages(client, MESSAGES * 2);
				client.sendClose(4000, "done");
			});

			Received received = readUntilClose(client);
			sent.get(20, TimeUnit.SECONDS);
			assertThat(received.compressed()).as("permessage-deflate in use").isTrue();
			assertThat(received.messages()).as("every echo, before the close").isEqualTo(MESSAGES * 2);
			assertThat(received.close().closeCode()).isEqualTo(4000);
			assertThat(client.bytesBeforeEnd()).as("the end, not a reset, right after the close frame").isZero();
		}
	}

	@Test
	void closesOnTheLabsCommandAndReadsOnWhileTheClientIsStillSending() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/lab", 64 * 1024, DEFLATE)) {
			CompletableFuture<Void> sent = sendInBackground(client, () -> {
				sendMessages(client, MESSAGES);
				client.sendText("{\"command\":\"close\",\"code\":1011,\"reason\":\"lab\"}");
			});

			Received received = readUntilClose(client);
			sent.get(20, TimeUnit.SECONDS);
			assertThat(received.compressed()).as("permessage-deflate in use").isTrue();
			assertThat(received.messages()).as("the welcome and every echo before the command").isEqualTo(MESSAGES + 1);
			assertThat(received.close().closeCode()).isEqualTo(1011);
			assertThat(received.close().closeReason()).isEqualTo("lab");
			// A client that has not yet read the close sends on: the server reads that
			// and lets it go, where closing with it unread would reset the connection.
			sendMessages(client, MESSAGES);
			client.sendClose(1011, "");
			client.socket().shutdownOutput();
			assertThat(client.bytesBeforeEnd()).as("the end, not a reset").isZero();
		}
	}

	private static void sendMessages(RawWebSocketClient client, int count) throws IOException {
		for (int i = 0; i < count; i++) {
			client.sendText(MESSAGE);
		}
	}

	/** Sends on another thread, so that this one reads and the echoes keep flowing. */
	private static CompletableFuture<Void> sendInBackground(RawWebSocketClient client, Sending sending) {
		return CompletableFuture.runAsync(() -> {
			try {
				sending.send();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * Counts whole data messages up to the close frame; fails on the end or a reset
	 * before it.
	 */
	private static Received readUntilClose(RawWebSocketClient client) throws IOException {
		int messages = 0;
		boolean compressed = false;
		Frame frame = client.readFrame();
		while (frame.opcode() != CLOSE) {
			if (frame.opcode() < CLOSE && frame.fin()) {
				messages++;
			}
			// RSV1 on a message's first frame: compressed (RFC 7692).
			compressed |= (frame.rsv() & 0b100) != 0;
			frame = client.readFrame();
		}
		return new Received(messages, compressed, frame);
	}

	@FunctionalInterface
	private interface Sending {

		void send() throws IOException;

	}

	private record Received(int messages, boolean compressed, Frame close) {
	}

}
