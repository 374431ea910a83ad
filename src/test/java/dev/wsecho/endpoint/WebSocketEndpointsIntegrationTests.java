package dev.wsecho.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.wsecho.testsupport.RawWebSocketClient.HandshakeResponse;
import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.ServerConnections;
import dev.wsecho.testsupport.StartsWithNoConnections;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.testsupport.ServerConnections.ECHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Import(ServerConnections.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.limits.max-connections=2", "wsecho.allowed-origins=https://good.example" })
class WebSocketEndpointsIntegrationTests implements StartsWithNoConnections {

	@Autowired
	private ServerConnections connections;

	@Autowired
	private MeterRegistry meters;

	@Test
	void refusesAHandshakeOverTheConnectionLimitWith503() throws Exception {
		try (WebSocketTestClient first = WebSocketTestClient.connect(this.connections.echo());
				WebSocketTestClient second = WebSocketTestClient.connect(this.connections.echo());
				RawWebSocketClient third = RawWebSocketClient.open(this.connections.port())) {
			this.connections.awaitSlotsTaken(2);
			HandshakeResponse response = third.handshake(ECHO, Map.of());

			assertThat(response.status()).isEqualTo(503);
			assertThat(response.headers()).containsEntry("retry-after", "5");
			assertThat(response.body()).isEqualTo("The server holds its limit of 2 connections; try again later.\n");
		}
	}

	@Test
	void refusesAHandshakeWith64KiBOfHeadersWith431() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			HandshakeResponse response = client.handshake(ECHO, Map.of("X-Padding", "a".repeat(64 * 1024)));

			assertThat(response.status()).isEqualTo(431);
			assertThat(client.serverClosesConnection()).isTrue();
		}
	}

	@Test
	void refusesAPageFromAnotherOriginWith403() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake(ECHO, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
		}
	}

	@Test
	void acceptsAPageFromAnAllowedOrigin() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake(ECHO, Map.of("Origin", "https://good.example")).status()).isEqualTo(101);
		}
	}

	@Test
	void acceptsAClientThatSendsNoOrigin() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake(ECHO, Map.of()).status()).isEqualTo(101);
		}
	}

	@Test
	void answersAPlainGetWith426AndHowToConnect() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.connections.port() + ECHO))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(426);
		assertThat(response.headers().firstValue("Upgrade")).hasValue("websocket");
		assertThat(response.body()).startsWith("This is a WebSocket endpoint. Connect with a WebSocket client")
			.contains("new WebSocket('ws://127.0.0.1:" + this.connections.port() + ECHO + "')");
	}

	@Test
	void leavesHandshakesOutOfTheHttpRequestMetricsAndCountsOtherRequests() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake(ECHO, Map.of()).status()).isEqualTo(101);
		}
		HttpResponse<String> plain = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.connections.port() + ECHO))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(426);

		// The plain GET came after the handshake: once it is counted, the handshake
		// would have been.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.find("http.server.requests").tag("status", "426").timer() != null);
		assertThat(this.meters.find("http.server.requests").tag("status", "101").timer()).isNull();
	}

	@Test
	void looksUpTheWebSocketPathsBeforeSpringMvcsAnnotatedMappings(
			@Autowired @Qualifier("webSocketHandlerMapping") HandlerMapping webSocket,
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping annotated) {
		assertThat(((Ordered) webSocket).getOrder()).isLessThan(annotated.getOrder());
	}

	@Test
	void answersAnUnsupportedVersionWith426NamingVersion13() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			HandshakeResponse response = client.handshake(ECHO, Map.of("Sec-WebSocket-Version", "8"));

			assertThat(response.status()).isEqualTo(426);
			assertThat(response.headers()).containsEntry("sec-websocket-version", "13");
			assertThat(response.body())
				.isEqualTo("Unsupported Sec-WebSocket-Version 8; this server speaks version 13 (RFC 6455).\n");
		}
	}

}
