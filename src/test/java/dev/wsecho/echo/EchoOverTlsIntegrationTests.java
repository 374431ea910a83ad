package dev.wsecho.echo;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wss:// through a Spring Boot SSL bundle, with a self-signed key store made at test time
 * by keytool.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EchoOverTlsIntegrationTests {

	private static final String PASSWORD = "wsecho-test";

	private static Path keyStore;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		keyStore = Files.createTempDirectory("wsecho-tls").resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "wsecho", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
				"-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		registry.add("spring.ssl.bundle.jks.wsecho.keystore.location", () -> "file:" + keyStore);
		registry.add("spring.ssl.bundle.jks.wsecho.keystore.password", () -> PASSWORD);
		registry.add("spring.ssl.bundle.jks.wsecho.keystore.type", () -> "PKCS12");
		registry.add("server.ssl.bundle", () -> "wsecho");
	}

	@Test
	void echoesOverWss() throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			trusted.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
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
