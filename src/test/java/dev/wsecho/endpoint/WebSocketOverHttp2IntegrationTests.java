package dev.wsecho.endpoint;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.wsecho.testsupport.Http2WebSocketClient;
import dev.wsecho.testsupport.Http2WebSocketClient.Socket;
import dev.wsecho.testsupport.ServerConnections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSockets over HTTP/2 with prior knowledge ({@code h2c}), by extended {@code CONNECT}
 * (RFC 8441), hold to the same rules as over HTTP/1.1 on the same port: messages of any
 * kind and size come back, compression and subprotocols are negotiated, limits close with
 * their codes, and the origin check and the connection limit refuse with their statuses.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "wsecho.limits.max-connections=4",
				"wsecho.allowed-origins=http://allowed.example", "wsecho.lab.max-message-size=1KB",
				"wsecho.limits.ping-interval=0" })
@Import(ServerConnections.class)
class WebSocketOverHttp2IntegrationTests {

	private static final Map<String, String> ALLOWED = Map.of("Origin", "http://allowed.example");

	@LocalServerPort
	private int port;

	@Autowired
	private ServerConnections server;

	private Http2WebSocketClient client;

	@BeforeEach
	void start() throws Exception {
		this.client = new Http2WebSocketClient();
	}

	@AfterEach
	void stop() throws Exception {
		this.client.close();
		this.server.awaitNone();
	}

	private URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	private Socket echo() throws Exception {
		return this.client.connect(uri("/ws/echo"), ALLOWED, List.of(), List.of());
	}

	@Test
	void echoesTextAndBinaryOnStreamsOfOneConnection() throws Exception {
		try (Socket first = echo(); Socket second = echo()) {
			this.server.awaitSessionsActive(2);
			first.sendText("over h2");
			second.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(first.nextText()).isEqualTo("over h2");
			assertThat((byte[]) second.nextMessage()).containsExactly(1, 2, 3);
		}
		assertThat(this.client.tcpConnections()).isEqualTo(1);
	}

	@Test
	void echoesOneMebibyteMessage() throws Exception {
		byte[] payload = new byte[1024 * 1024];
		new Random(15).nextBytes(payload);
		try (Socket socket = echo()) {
			socket.sendBinary(payload);
			assertThat((byte[]) socket.nextMessage()).isEqualTo(payload);
		}
	}

	@Test
	void echoesFragmentedMessageWhole() throws Exception {
		try (Socket socket = echo()) {
			socket.send(new Frame(OpCode.TEXT, false, "frag"));
			socket.send(new Frame(OpCode.CONTINUATION, false, "ment"));
			socket.send(new Frame(OpCode.CONTINUATION, true, "ed"));
			assertThat(socket.nextText()).isEqualTo("fragmented");
		}
	}

	@Test
	void negotiatesCompressionAndSubprotocol() throws Exception {
		try (Socket socket = this.client.connect(uri("/ws/echo"), ALLOWED, List.of("chat.v1"),
				List.of("permessage-deflate"))) {
			assertThat(socket.extensions()).containsExactly("permessage-deflate");
			assertThat(socket.subprotocol()).isEqualTo("chat.v1");
			String text = "compressible ".repeat(1000);
			socket.sendText(text);
			assertThat(socket.nextText()).isEqualTo(text);
		}
	}

	@Test
	void chatsOverHttp2() throws Exception {
		try (Socket socket = this.client.connect(uri("/ws/chat?name=h2"), ALLOWED, List.of("v2"), List.of())) {
			assertThat(socket.subprotocol()).isEqualTo("v2");
			socket.sendText("{\"type\":\"chat\",\"message\":\"over a stream\"}");
			assertThat(socket.nextTextContaining("\"type\":\"chat\"")).contains("\"from\":\"h2\"",
					"\"message\":\"over a stream\"");
		}
	}

	@Test
	void clientCloseCodeIsAnswered() throws Exception {
		try (Socket socket = echo()) {
			socket.close(4000, "bye");
			assertThat(socket.awaitClose().getCode()).isEqualTo(4000);
		}
	}

	@Test
	void labSaysHttp2CarriedTheHandshake() throws Exception {
		try (Socket socket = this.client.connect(uri("/ws/lab?via=h2c"), ALLOWED, List.of(), List.of())) {
			socket.sendText("{\"command\":\"info\"}");
			assertThat(socket.nextText()).contains("\"type\":\"info\"", "\"httpVersion\":\"HTTP/2\"",
					"\"connectProtocol\":\"websocket\"", "\"path\":\"/ws/lab\"", "\"query\":{\"via\":[\"h2c\"]}");
		}
	}

	@Test
	void labClosesWithCodeOnRequest() throws Exception {
		try (Socket socket = this.client.connect(uri("/ws/lab"), ALLOWED, List.of(), List.of())) {
			socket.sendText("{\"command\":\"close\",\"code\":4321,\"reason\":\"asked\"}");
			CloseStatus close = socket.awaitClose();
			assertThat(close.getCode()).isEqualTo(4321);
			assertThat(close.getReason()).isEqualTo("asked");
		}
	}

	@Test
	void messageOverLimitClosesWith1009() throws Exception {
		try (Socket socket = this.client.connect(uri("/ws/lab"), ALLOWED, List.of(), List.of())) {
			socket.sendText("x".repeat(2048));
			assertThat(socket.awaitClose().getCode()).isEqualTo(CloseStatus.MESSAGE_TOO_LARGE);
		}
	}

	@Test
	void invalidUtf8ClosesWith1007() throws Exception {
		try (Socket socket = echo()) {
			socket.send(new Frame(OpCode.TEXT, true, ByteBuffer.wrap(new byte[] { (byte) 0xC3, (byte) 0x28 })));
			assertThat(socket.awaitClose().getCode()).isEqualTo(CloseStatus.BAD_PAYLOAD);
		}
	}

	@Test
	void foreignOriginIsRefusedWith403() throws Exception {
		assertThat(this.client.refusal(uri("/ws/echo"), Map.of("Origin", "http://evil.example"))).isEqualTo(403);
	}

	@Test
	void handshakeBeyondConnectionLimitIsRefusedWith503() throws Exception {
		try (Socket a = echo(); Socket b = echo(); Socket c = echo(); Socket d = echo()) {
			assertThat(this.client.refusal(uri("/ws/echo"), ALLOWED)).isEqualTo(503);
		}
	}

	@Test
	void http11UpgradeStillWorksOnTheSamePort() throws Exception {
		try (var socket = dev.wsecho.testsupport.WebSocketTestClient.connect(uri("/ws/echo"), ALLOWED)) {
			socket.sendText("over h1");
			assertThat(socket.nextText()).isEqualTo("over h1");
		}
	}

}
