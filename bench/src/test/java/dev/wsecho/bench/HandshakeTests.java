package dev.wsecho.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTests {

	private final Handshake handshake = new Handshake(new Random(1));

	@Test
	void computesTheAcceptOfRfc6455() {
		assertThat(Handshake.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void asksForAnUpgradeWithItsKey() {
		LoopbackTarget target = LoopbackTarget.parse("ws://127.0.0.1:8080/ws/echo");

		String request = new String(this.handshake.request(target), StandardCharsets.US_ASCII);

		assertThat(request).startsWith("GET /ws/echo HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
			.contains("Sec-WebSocket-Key: " + this.handshake.key() + "\r\n", "Sec-WebSocket-Version: 13\r\n")
			.endsWith("\r\n\r\n");
	}

	@Test
	void acceptsTheRightAnswer() {
		assertThat(this.handshake.check(response(Handshake.acceptFor(this.handshake.key())))).isNull();
	}

	@Test
	void refusesAWrongAcceptARefusalAndAnUnofferedExtension() {
		assertThat(this.handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")))
			.startsWith("wrong Sec-WebSocket-Accept");
		assertThat(this.handshake.check("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5"))
			.isEqualTo("handshake refused: HTTP/1.1 503 Service Unavailable");
		assertThat(this.handshake.check(response(Handshake.acceptFor(this.handshake.key()))
				+ "\r\nSec-WebSocket-Extensions: permessage-deflate"))
			.startsWith("server chose an extension");
	}

	private static String response(String accept) {
		return "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nConnection: upgrade\r\nSec-WebSocket-Accept: "
				+ accept;
	}

}
