package dev.wsecho.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import dev.wsecho.testsupport.RawWebSocketClient.Frame;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.ServerConnections;
import dev.wsecho.testsupport.StartsWithNoConnections;
import dev.wsecho.testsupport.WebSocketTestClient.Close;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.testsupport.ServerConnections.ECHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Import(ServerConnections.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.limits.max-connections=2", "wsecho.limits.idle-timeout=3s",
				"wsecho.limits.ping-interval=1s", "wsecho.limits.message-rate=50",
				"wsecho.slow-clients.transport-send-timeout=1s" })
class WebSocketLimitsIntegrationTests implements StartsWithNoConnections {

	@Autowired
	private SessionRegistry sessions;

	@Autowired
	private ServerConnections connections;

	@Test
	void closesAConnectionWithNoDataForTheIdleTimeoutWith1001() throws Exception {
		// The JDK client answers pings, so only the idle timeout can close it.
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.connections.echo())) {
			assertThat(client.awaitClose()).isEqualTo(new Close(1001, "Idle for 3 s"));
		}
	}

	@Test
	void closesAPeerThatStopsAnsweringPingsWith1001() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.connections.port(), ECHO)) {
			Frame ping = client.readFrame();
			assertThat(ping.opcode()).isEqualTo(RawWebSocketClient.PING);

			Frame close = client.readClose();

			assertThat(close.closeCode()).isEqualTo(1001);
			assertThat(close.closeReason()).isEqualTo("No pong within 1 s");
		}
	}

	@Test
	void closesAClientOverTheMessageRateWith1008() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.connections.echo())) {
			for (int i = 0; i < 200 && !client.isClosed(); i++) {
				client.sendTextIgnoringFailure("flood " + i);
			}

			assertThat(client.awaitClose()).isEqualTo(new Close(1008, "More than 50 messages per second"));
		}
	}

	@Test
	void letsAClientStillSendingAfterA1008ReadTheCloseAndEndCleanly() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.connections.port(), ECHO)) {
			for (int i = 0; i < 60; i++) {
				client.sendText("flood " + i);
			}
			Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1008);

			// A client that has not yet seen the close keeps sending: if the server
			// closed its socket with these unread, the kernel would reset the connection
			// and these writes fail.
			byte[] kibibyte = new byte[1024];
			for (int i = 0; i < 256; i++) {
				client.sendFrame(true, 0, RawWebSocketClient.BINARY, kibibyte);
			}
			client.sendClose(1008, "");
			client.socket().shutdownOutput();

			assertThat(client.bytesBeforeEnd()).as("nothing after the close frame, then a clean end").isZero();
		}
	}

	@Test
	void givesUpOnAClientThatStopsReadingInsteadOfBufferingForIt() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.connections.port(), ECHO)) {
			byte[] mebibyte = new byte[1024 * 1024];
			// Never reads: the echoes fill the socket buffers, the server's send times
			// out.
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					for (int i = 0; i < 64; i++) {
						client.sendFrame(true, 0, RawWebSocketClient.BINARY, mebibyte);
					}
				}
				catch (Exception ex) {
					// The server gave up on us: that is the point.
				}
			});

			await().atMost(Duration.ofSeconds(15)).until(() -> this.sessions.sessions().isEmpty());
			client.close();
			writer.join();
		}
	}

	@Test
	void dropsAClientThatFloodsPingsAndNeverReadsInsteadOfQueueingItsPongs() throws Exception {
		int pings = 200_000;
		AtomicInteger sent = new AtomicInteger();
		try (RawWebSocketClient client = RawWebSocketClient.connect(this.connections.port(), ECHO, 64 * 1024)) {
			byte[] ping = RawWebSocketClient.frame(true, 0, RawWebSocketClient.PING, new byte[125], true);
			// 25 MB of pings, never reading a pong: the pongs fill the socket buffers,
			// the
			// server stops reading and, nothing written for the send timeout, drops us.
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				try {
					for (int i = 0; i < pings; i++) {
						client.sendBytes(ping);
						sent.incrementAndGet();
					}
				}
				catch (IOException ex) {
					// Dropped: the point.
				}
			});
			this.connections.awaitSessionsActive(1);

			await().atMost(Duration.ofSeconds(15)).until(() -> this.sessions.sessions().isEmpty());
			client.close();
			writer.get(15, TimeUnit.SECONDS);

			assertThat(sent.get()).as("pings the server let in before it stopped reading").isLessThan(pings);
		}
	}

}
