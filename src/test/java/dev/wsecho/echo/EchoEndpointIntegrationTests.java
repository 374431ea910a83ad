package dev.wsecho.echo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.WebSocketTestClient;
import dev.wsecho.testsupport.WebSocketTestClient.Close;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoEndpointIntegrationTests {

	private static final int MEBIBYTE = 1024 * 1024;

	@LocalServerPort
	private int port;

	private URI echo() {
		return URI.create("ws://127.0.0.1:" + this.port + EchoProperties.PATH);
	}

	@Test
	void echoesTextAsText() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			client.sendText("Hello WebSocket! héllo € 😀");

			assertThat(client.next()).isEqualTo("Hello WebSocket! héllo € 😀");
		}
	}

	@Test
	void echoesBinaryAsBinaryByteForByte() throws Exception {
		byte[] everyByte = new byte[256];
		for (int i = 0; i < everyByte.length; i++) {
			everyByte[i] = (byte) i;
		}
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			client.sendBinary(everyByte);

			assertThat(client.nextBinary()).isEqualTo(everyByte);
		}
	}

	@Test
	void echoesEmptyMessages() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			client.sendText("");
			client.sendBinary(new byte[0]);

			assertThat(client.next()).isEqualTo("");
			assertThat(client.nextBinary()).isEmpty();
		}
	}

	@Test
	void echoesInTheOrderSent() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			for (int i = 0; i < 1000; i++) {
				if (i % 2 == 0) {
					client.sendText("message " + i);
				}
				else {
					client.sendBinary(("binary " + i).getBytes(StandardCharsets.US_ASCII));
				}
			}
			for (int i = 0; i < 1000; i++) {
				if (i % 2 == 0) {
					assertThat(client.next()).isEqualTo("message " + i);
				}
				else {
					assertThat(client.nextBinary()).asString(StandardCharsets.US_ASCII).isEqualTo("binary " + i);
				}
			}
		}
	}

	@Test
	void echoesAMebibyteOfTextWhole() throws Exception {
		String text = "wsecho·€😀 ".repeat(MEBIBYTE / 16);
		assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(MEBIBYTE);
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			client.sendText(text);

			assertThat(client.nextText()).isEqualTo(text);
		}
	}

	@Test
	void echoesAMebibyteOfBinaryWhole() throws Exception {
		byte[] bytes = new byte[MEBIBYTE];
		new Random(6455).nextBytes(bytes);
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			client.sendBinary(bytes);

			assertThat(client.nextBinary()).isEqualTo(bytes);
		}
	}

	@Test
	void echoesToConcurrentClientsEachTheirOwnMessages() throws Exception {
		int clients = 16;
		int messagesEach = 200;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<List<Object>>> results = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int id = c;
				Callable<List<Object>> task = () -> {
					try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
						for (int i = 0; i < messagesEach; i++) {
							client.sendText("client " + id + " message " + i);
						}
						List<Object> received = new ArrayList<>();
						for (int i = 0; i < messagesEach; i++) {
							received.add(client.next());
						}
						return received;
					}
				};
				results.add(pool.submit(task));
			}
			for (int c = 0; c < clients; c++) {
				List<Object> expected = new ArrayList<>();
				for (int i = 0; i < messagesEach; i++) {
					expected.add("client " + c + " message " + i);
				}
				assertThat(results.get(c).get(WebSocketTestClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS))
					.containsExactlyElementsOf(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void selectsTheFirstSubprotocolOffered() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo(), "chat", "v2")) {
			assertThat(client.subprotocol()).isEqualTo("chat");
		}
	}

	@Test
	void selectsNoSubprotocolWhenNoneIsOffered() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			assertThat(client.subprotocol()).isEmpty();
		}
	}

	@Test
	void answersACloseWithTheSameCodeAndReason() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			assertThat(client.closeWith(4001, "bye")).isEqualTo(new Close(4001, "bye"));
		}
	}

	@Test
	void answersANormalCloseWithANormalClose() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			assertThat(client.closeWith(1000, "User disconnected").code()).isEqualTo(1000);
		}
	}

	@Test
	void closesWithMessageTooBigOverTheDefaultLimit() throws Exception {
		byte[] oneOver = new byte[16 * MEBIBYTE + 1];
		try (WebSocketTestClient client = WebSocketTestClient.connect(echo())) {
			try {
				client.sendBinary(oneOver);
			}
			catch (Exception ex) {
				// The server may close before the client has written the last frame.
			}

			Close close = client.awaitClose();
			assertThat(close.code()).isEqualTo(1009);
			assertThat(close.reason()).isEqualTo("Message exceeds the limit of 16777216 bytes");
		}
	}

}
