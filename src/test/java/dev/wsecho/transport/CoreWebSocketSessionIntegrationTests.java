package dev.wsecho.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static dev.wsecho.testsupport.RawWebSocketClient.CLOSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A real client that sends to the echo and reads nothing: the server stops reading it
 * once what it sent cannot be written, and drops it without a close frame after the send
 * timeout (1 s).
 */
@TransportIntegrationTest
class CoreWebSocketSessionIntegrationTests {

	private static final int CLIENT_SOCKET_BUFFERS = 64 * 1024;

	private static final byte[] FRAME = RawWebSocketClient.frame(true, 0, BINARY, new byte[16 * 1024], true);

	@LocalServerPort
	private int port;

	private final ExecutorService writer = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopWriting() {
		this.writer.shutdownNow();
	}

	/**
	 * At most what the kernel can hold between a client and a server that read nothing:
	 * both sockets' send and receive buffers (the server's grow up to the kernel's
	 * maximums), plus one part held by the server and one being read.
	 */
	private static long socketBuffersBetween(RawWebSocketClient client) throws IOException {
		Path rmem = Path.of("/proc/sys/net/ipv4/tcp_rmem");
		Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
		assumeThat(Files.isReadable(rmem) && Files.isReadable(wmem)).as("Linux's TCP buffer limits").isTrue();
		long serverReceive = maximumOf(rmem);
		long serverSend = maximumOf(wmem);
		long clientBuffers = client.socket().getReceiveBufferSize() + client.socket().getSendBufferSize();
		return serverReceive + serverSend + clientBuffers + 2L * TransportSettings.DEFAULTS.readBufferSize();
	}

	/**
	 * The last of the three sizes in a tcp_rmem or tcp_wmem file: the most autotuning may
	 * grow a buffer to.
	 */
	private static long maximumOf(Path limits) throws IOException {
		// Read by line: procfs gives no file size, which Files.readString trips over.
		String[] sizes = Files.readAllLines(limits).get(0).trim().split("\\s+");
		return Long.parseLong(sizes[2]);
	}

	/**
	 * Writes frames without reading until {@code limit} bytes are written or a write
	 * fails.
	 */
	private Flood flood(RawWebSocketClient client, long limit) {
		AtomicLong written = new AtomicLong();
		CompletableFuture<IOException> failure = CompletableFuture.supplyAsync(() -> {
			try {
				while (written.get() < limit) {
					client.sendBytes(FRAME);
					written.addAndGet(FRAME.length);
				}
				return null;
			}
			catch (IOException ex) {
				return ex;
			}
		}, this.writer);
		return new Flood(written, failure);
	}

	@Test
	void takesNoMoreFromAClientThatReadsNothingThanTheSocketBuffersHold() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo", CLIENT_SOCKET_BUFFERS)) {
			long buffers = socketBuffersBetween(client);

			Flood flood = flood(client, buffers + 8 * 1024 * 1024);

			await().atMost(Duration.ofSeconds(15)).until(flood.ended()::isDone);
			assertThat(flood.written().get()).as("bytes the client wrote").isLessThan(buffers);
			assertThat(flood.ended().get()).as("the write that failed when the server dropped the client").isNotNull();
		}
	}

	@Test
	void dropsAClientThatReadsNothingForTheSendTimeoutWithoutACloseFrame() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo", CLIENT_SOCKET_BUFFERS)) {
			Flood flood = flood(client, Long.MAX_VALUE);

			await().atMost(Duration.ofSeconds(10)).until(flood.ended()::isDone);

			assertThat(flood.ended().get()).as("a write, once the server has dropped the client").isNotNull();
			List<Integer> opcodes = new ArrayList<>();
			try {
				while (true) {
					Frame frame = client.readFrame();
					opcodes.add(frame.opcode());
				}
			}
			catch (IOException ex) {
				// The connection has ended (EOF, or a reset): everything the server sent
				// is read.
			}
			assertThat(opcodes).as("the frames read before the end").doesNotContain(CLOSE);
		}
	}

	@Test
	void keepsAClientThatWasIdleLongerThanTheSendTimeoutAndThenReadsSlowly() throws Exception {
		byte[] message = new byte[1024 * 1024];
		for (int i = 0; i < message.length; i++) {
			message[i] = (byte) i;
		}
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/echo", CLIENT_SOCKET_BUFFERS)) {
			// Idle for longer than the send timeout (1 s): nothing is sent either way
			// meanwhile.
			client.socket().setSoTimeout(1500);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(client::readFrame);
			client.socket().setSoTimeout(20_000);

			// A message bigger than the socket buffers: its echo waits on the client's
			// reading.
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				try {
					client.sendFrame(true, 0, BINARY, message);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}, this.writer);
			ByteArrayOutputStream echoed = new ByteArrayOutputStream();
			while (echoed.size() < message.length) {
				Frame frame = client.readFrame();
				assertThat(frame.opcode()).as("a part of the echo, not a close").isIn(BINARY, 0);
				echoed.writeBytes(frame.payload());
			}

			assertThat(echoed.toByteArray()).isEqualTo(message);
			assertThat(sending).succeedsWithin(Duration.ofSeconds(5));
		}
	}

	/**
	 * A client writing without reading: how much it wrote, and the write that failed, if
	 * one did.
	 */
	private record Flood(AtomicLong written, CompletableFuture<IOException> ended) {
	}

}
