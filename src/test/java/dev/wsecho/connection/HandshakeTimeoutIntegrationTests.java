package dev.wsecho.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

import dev.wsecho.testsupport.SseTestClient;
import dev.wsecho.testsupport.WebSocketTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slowloris: connections that send their upgrade request a byte at a time are closed once
 * the handshake timeout has passed since their accept, however steadily they trickle;
 * connections that completed their request are left alone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.limits.handshake-timeout=1s", "server.jetty.connection-idle-timeout=60s" })
class HandshakeTimeoutIntegrationTests {

	private static final byte[] UPGRADE = ("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
			+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	private int port;

	@Test
	void closesConnectionsTricklingTheirUpgradeRequestOnceTheTimeoutHasPassed() throws Exception {
		ScheduledExecutorService trickler = null;
		List<Socket> sockets = new ArrayList<>();
		AtomicInteger sent = new AtomicInteger();
		try {
			for (int i = 0; i < 20; i++) {
				sockets.add(open());
			}
			long start = System.nanoTime();
			trickler = trickle(sockets, sent);

			for (Socket socket : sockets) {
				assertThat(endsWithoutAnswer(socket)).isTrue();
			}
			long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

			assertThat(elapsed).as("every connection ended soon after the 1 s timeout").isLessThan(5_000);
			assertThat(sent.get()).as("bytes trickled each, far from the whole request").isLessThan(UPGRADE.length);
		}
		finally {
			if (trickler != null) {
				trickler.shutdownNow();
			}
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void closesAKeptAliveConnectionTricklingItsNextRequestWithinTwoTimeouts() throws Exception {
		try (Socket socket = open()) {
			OutputStream out = socket.getOutputStream();
			out.write("HEAD /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");

			long start = System.nanoTime();
			AtomicInteger sent = new AtomicInteger();
			ScheduledExecutorService trickler = trickle(List.of(socket), sent);
			try {
				assertThat(endsWithoutAnswer(socket)).isTrue();
			}
			finally {
				trickler.shutdownNow();
			}

			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("within two 1 s timeouts")
				.isLessThan(5_000);
			assertThat(sent.get()).isLessThan(UPGRADE.length);
		}
	}

	@Test
	void closesAConnectionThatSendsNothing() throws Exception {
		try (Socket socket = open()) {
			assertThat(endsWithoutAnswer(socket)).isTrue();
		}
	}

	@Test
	void leavesAWebSocketOpenLongAfterTheTimeout() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient
			.connect(URI.create("ws://127.0.0.1:" + this.port + "/ws/echo"))) {
			await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> !client.isClosed());

			client.sendText("still here");
			assertThat(client.nextText()).isEqualTo("still here");
		}
	}

	@Test
	void leavesAnEventStreamOpenLongAfterTheTimeout() throws Exception {
		try (SseTestClient stream = SseTestClient.open(URI.create("http://127.0.0.1:" + this.port + "/sse/ticks"),
				Map.of())) {
			assertThat(stream.next().name()).isEqualTo("tick");
			long start = System.nanoTime();
			// A tick a second: three more are past two checks of the 1 s deadline.
			for (int i = 0; i < 3; i++) {
				assertThat(stream.next().name()).isEqualTo("tick");
			}

			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(2_000);
		}
	}

	private Socket open() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	/**
	 * Sends the upgrade request to each socket, a byte every 100 ms (the whole request
	 * would take 15 s), counting the bytes in {@code sent}; a socket the server closed is
	 * skipped.
	 */
	private static ScheduledExecutorService trickle(List<Socket> sockets, AtomicInteger sent) {
		ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
		trickler.scheduleAtFixedRate(() -> {
			int next = sent.getAndIncrement();
			for (Socket socket : sockets) {
				try {
					socket.getOutputStream().write(UPGRADE[next % UPGRADE.length]);
				}
				catch (IOException ex) {
					// Closed by the server: what the tests wait for.
				}
			}
		}, 0, 100, TimeUnit.MILLISECONDS);
		return trickler;
	}

	/** Reads a response head, up to its blank line. */
	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.indexOf("\r\n\r\n") < 0) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/**
	 * Whether the server ends the connection (EOF or reset) without sending a byte,
	 * within the socket timeout.
	 */
	private static boolean endsWithoutAnswer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			return in.read() < 0;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsecho.limits.handshake-timeout=60s")
	class WithALongTimeout {

		@LocalServerPort
		private int port;

		@Autowired
		private WebServerApplicationContext context;

		@Test
		void letsGoOfAConnectionThatBecameAWebSocketBeforeItsDeadline() throws Exception {
			List<WeakReference<HttpConnection>> opened = new CopyOnWriteArrayList<>();
			Connector connector = ((JettyWebServer) this.context.getWebServer()).getServer().getConnectors()[0];
			connector.addEventListener(new Connection.Listener() {
				@Override
				public void onOpened(Connection connection) {
					if (connection instanceof HttpConnection http) {
						opened.add(new WeakReference<>(http));
					}
				}
			});
			try (WebSocketTestClient client = WebSocketTestClient
				.connect(URI.create("ws://127.0.0.1:" + this.port + "/ws/echo"))) {
				client.sendText("ping");
				assertThat(client.nextText()).isEqualTo("ping");
			}
			assertThat(opened).isNotEmpty();

			// The deadline is a minute away: a connection still held by it is not
			// collected.
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				System.gc();
				return opened.stream().allMatch((reference) -> reference.get() == null);
			});
		}

	}

}
