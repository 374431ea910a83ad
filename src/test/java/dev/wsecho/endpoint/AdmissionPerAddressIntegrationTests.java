package dev.wsecho.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.RawWebSocketClient.HandshakeResponse;
import dev.wsecho.testsupport.ServerConnections;

import static dev.wsecho.testsupport.ServerConnections.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many connections from one address against {@code max-connections-per-address}: the
 * address gets 429 beyond its cap, other addresses are still let in, and a closed
 * connection gives its address the slot back.
 */
@Import(ServerConnections.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.limits.max-connections-per-address=3", "wsecho.limits.max-connections=100" })
class AdmissionPerAddressIntegrationTests {

	@Autowired
	private ServerConnections connections;

	@Test
	void refusesAnAddressBeyondItsCapWith429AndStillAdmitsOthers() throws Exception {
		List<RawWebSocketClient> clients = new ArrayList<>();
		try {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				RawWebSocketClient client = RawWebSocketClient.open(this.connections.port(), "127.0.0.1");
				clients.add(client);
				HandshakeResponse response = client.handshake(ECHO, Map.of());
				statuses.add(response.status());
				if (response.status() == 429) {
					assertThat(response.headers()).containsEntry("retry-after", "5");
					assertThat(response.body()).isEqualTo(
							"Your address holds its limit of 3 connections; close one before opening another.\n");
				}
			}
			assertThat(statuses).containsExactly(101, 101, 101, 429, 429, 429, 429, 429, 429, 429);

			RawWebSocketClient other = RawWebSocketClient.open(this.connections.port(), "127.0.0.2");
			clients.add(other);
			assertThat(other.handshake(ECHO, Map.of()).status()).isEqualTo(101);
			this.connections.awaitSessionsActive(4);

			clients.get(0).close();
			this.connections.awaitSessionsActive(3);
			RawWebSocketClient again = RawWebSocketClient.open(this.connections.port(), "127.0.0.1");
			clients.add(again);
			assertThat(again.handshake(ECHO, Map.of()).status()).isEqualTo(101);
		}
		finally {
			for (RawWebSocketClient client : clients) {
				client.close();
			}
		}
	}

}
