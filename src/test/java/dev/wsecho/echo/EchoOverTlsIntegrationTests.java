package dev.wsecho.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.wsecho.testsupport.SelfSignedKeyStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wss:// through a Spring Boot SSL bundle, with a self-signed key store made at test
 * time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoOverTlsIntegrationTests {

	private static SelfSignedKeyStore keyStore;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		keyStore = SelfSignedKeyStore.served(registry);
	}

	@Test
	void echoesOverWss() throws Exception {
		SSLContext tls = keyStore.trustingContext();
		HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
		CompletableFuture<String> echo = new CompletableFuture<>();

		WebSocket socket = client.newWebSocketBuilder()
			.buildAsync(URI.create("wss://localhost:" + this.port + EchoProperties.PATH), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					echo.complete(data.toString());
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		socket.sendText("over TLS", true).get(10, TimeUnit.SECONDS);

		assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("over TLS");
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
	}

}
