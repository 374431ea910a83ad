package dev.wsecho.endpoint;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import dev.wsecho.testsupport.RawWebSocketClient.HandshakeResponse;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.ServerConnections;

import static dev.wsecho.testsupport.ServerConnections.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

@Import(ServerConnections.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsecho.limits.max-connections=5")
class AdmissionInterceptorIntegrationTests {

	@Autowired
	private ServerConnections connections;

	@Test
	void refusesTheSixthOfClientsConnectingOneAfterAnotherWith503() throws Exception {
		// Ten rounds on one server, each starting from no connection: the defect showed
		// only sometimes, when the sixth handshake overtook the registration of the fifth
		// connection.
		for (int round = 0; round < 10; round++) {
			List<RawWebSocketClient> admitted = new ArrayList<>();
			try {
				for (int i = 0; i < 5; i++) {
					admitted.add(RawWebSocketClient.connect(this.connections.port(), ECHO));
				}
				try (RawWebSocketClient sixth = RawWebSocketClient.open(this.connections.port())) {
					HandshakeResponse response = sixth.handshake(ECHO, Map.of());

					assertThat(response.status()).as("the sixth handshake in round %d", round).isEqualTo(503);
					assertThat(response.body())
						.isEqualTo("The server holds its limit of 5 connections; try again later.\n");
				}
				this.connections.awaitSessionsActive(5);
			}
			finally {
				for (RawWebSocketClient client : admitted) {
					client.close();
				}
			}
			this.connections.awaitNone();
		}
	}

	@Test
	void givesTheSlotBackWhenTheHandshakeIsRefusedAfterAdmission() throws Exception {
		for (int i = 0; i < 10; i++) {
			try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
				assertThat(client.handshake(ECHO, Map.of("Sec-WebSocket-Version", "8")).status()).isEqualTo(426);
			}
			try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
				assertThat(client.handshake(ECHO, withoutKey()).status()).isEqualTo(400);
			}
		}

		this.connections.awaitNone();
		assertFiveClientsAreAdmitted();
	}

	@Test
	void givesTheSlotBackWhenTheClientVanishesDuringTheHandshake() throws Exception {
		byte[] handshake = ("GET " + ECHO + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < 50; i++) {
			try (Socket socket = new Socket("127.0.0.1", this.connections.port())) {
				socket.getOutputStream().write(handshake);
				socket.getOutputStream().flush();
				if (i % 2 == 1) {
					// Half of them wait for the answer, so that they vanish after the
					// upgrade.
					socket.setSoTimeout(10_000);
					assertThat(socket.getInputStream().read()).isNotNegative();
				}
				// A reset rather than a close: gone without a word.
				socket.setSoLinger(true, 0);
			}
		}

		this.connections.awaitNone();
		assertFiveClientsAreAdmitted();
	}

	private static Map<String, String> withoutKey() {
		Map<String, String> headers = new HashMap<>();
		headers.put("Sec-WebSocket-Key", null);
		return headers;
	}

	private void assertFiveClientsAreAdmitted() throws Exception {
		List<RawWebSocketClient> admitted = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				admitted.add(RawWebSocketClient.connect(this.connections.port(), ECHO));
			}
		}
		finally {
			for (RawWebSocketClient client : admitted) {
				client.close();
			}
		}
		assertThat(admitted).hasSize(5);
		this.connections.awaitNone();
	}

}
