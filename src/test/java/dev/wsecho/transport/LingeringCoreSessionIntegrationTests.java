package dev.wsecho.transport;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.Frame;

import static dev.wsecho.testsupport.RawWebSocketClient.BINARY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After its close frame the server reads on until the client ends the connection, so that
 * a client still sending reads the close code rather than a reset, and no longer than the
 * linger.
 */
@TransportIntegrationTest
class LingeringCoreSessionIntegrationTests {

	private static final int LIMIT = TransportIntegrationTest.LAB_MESSAGE_LIMIT;

	@LocalServerPort
	private int port;

	@Test
	void letsAClientStillSendingItsMessageReadThe1009() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/lab")) {
			// One frame of 256 KiB, written 1 KiB at a time: cut after the first KiB,
			// while the rest is still coming.
			int chunks = 256;
			byte[] frame = RawWebSocketClient.frame(true, 0, BINARY, new byte[chunks * LIMIT], true);
			for (int offset = 0; offset < frame.length; offset += LIMIT) {
				client.sendBytes(Arrays.copyOfRange(frame, offset, Math.min(frame.length, offset + LIMIT)));
			}

			Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1009);
			client.sendClose(1009, "");
			client.socket().shutdownOutput();
			assertThat(client.bytesBeforeEnd()).as("a clean end after the close frame").isZero();
		}
	}

	@Test
	void endsTheConnectionAfterTheLingerWhenTheClientNeverDoes() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.port, "/ws/lab")) {
			client.sendFrame(true, 0, BINARY, new byte[LIMIT + 1]);
			Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1009);

			// Neither a close frame in answer nor the end of the connection from this
			// client.
			client.socket().setSoTimeout((int) BatchingConnection.CLOSE_LINGER.plus(Duration.ofSeconds(5)).toMillis());
			assertThat(client.bytesBeforeEnd()).as("the server ends it, within the linger").isZero();
		}
	}

}
