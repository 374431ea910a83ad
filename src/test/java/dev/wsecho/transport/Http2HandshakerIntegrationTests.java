package dev.wsecho.transport;

import java.net.URI;
import java.time.Duration;

import org.eclipse.jetty.websocket.core.CloseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.connection.ConnectionSlots;
import dev.wsecho.testsupport.Http2WebSocketClient;
import dev.wsecho.testsupport.Http2WebSocketClient.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSockets on HTTP/2 streams ({@link Http2Handshaker}): a client that stops reading one
 * stream holds back that stream alone, by HTTP/2 flow control. The server stops writing
 * it once its window is full, and drops it after the send timeout (1 s here), while the
 * other streams of the same TCP connection go on flowing.
 */
@TransportIntegrationTest
class Http2HandshakerIntegrationTests {

	/** The client's window per stream, far smaller than the burst it asks for. */
	private static final int STREAM_WINDOW = 128 * 1024;

	/** 8 MiB of binary messages, from the lab's burst thread. */
	private static final String BURST = "{\"command\":\"burst\",\"count\":128,\"size\":65536,\"binary\":true}";

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionSlots slots;

	private Http2WebSocketClient client;

	@BeforeEach
	void start() throws Exception {
		this.client = new Http2WebSocketClient(STREAM_WINDOW);
	}

	@AfterEach
	void stop() throws Exception {
		this.client.close();
	}

	private Socket connect(String path) throws Exception {
		return this.client.connect(URI.create("ws://127.0.0.1:" + this.port + path));
	}

	@Test
	void holdsBackTheStreamThatIsNotReadWhileOtherStreamsOnItsConnectionFlow() throws Exception {
		try (Socket stalled = connect("/ws/lab"); Socket flowing = connect("/ws/echo")) {
			stalled.stopReading();
			stalled.sendText(BURST);

			flowing.sendText("while the other stream is held");
			assertThat(flowing.nextText()).isEqualTo("while the other stream is held");
			assertThat(stalled.isClosed()).as("the unread stream, held back but not yet dropped").isFalse();

			// The server's drop resets the stream; a client that reads nothing does not
			// see
			// it.
			await().atMost(Duration.ofSeconds(10)).until(() -> this.slots.taken() == 1);
			stalled.resumeReading();
			assertThat(stalled.awaitClose().getCode()).as("dropped by the send timeout, without a close frame")
				.isEqualTo(CloseStatus.NO_CLOSE);
			assertThat(stalled.messagesWaiting()).as("of the burst's 128 messages, what the stream's window held")
				.isLessThan(128);
			for (int i = 0; i < 20; i++) {
				flowing.sendText("after the drop " + i);
				assertThat(flowing.nextText()).isEqualTo("after the drop " + i);
			}
		}
		assertThat(this.client.tcpConnections()).as("both streams on one connection, which outlived the drop")
			.isEqualTo(1);
	}

	@Test
	void echoesOnEveryStreamOfOneConnection() throws Exception {
		Socket[] sockets = new Socket[10];
		for (int i = 0; i < sockets.length; i++) {
			sockets[i] = connect("/ws/echo");
		}
		for (int i = 0; i < sockets.length; i++) {
			sockets[i].sendText("stream " + i);
		}
		for (int i = 0; i < sockets.length; i++) {
			assertThat(sockets[i].nextText()).isEqualTo("stream " + i);
			sockets[i].close();
		}
		assertThat(this.client.tcpConnections()).isEqualTo(1);
	}

}
