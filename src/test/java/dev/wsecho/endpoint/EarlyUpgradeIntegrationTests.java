package dev.wsecho.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;

import dev.wsecho.testsupport.RawWebSocketClient;
import dev.wsecho.testsupport.ServerConnections;
import dev.wsecho.testsupport.StartsWithNoConnections;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.testsupport.ServerConnections.ECHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Import({ ServerConnections.class, EarlyUpgradeIntegrationTests.ServletFilterWatch.class })
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wsecho.allowed-origins=https://good.example")
class EarlyUpgradeIntegrationTests implements StartsWithNoConnections {

	@Autowired
	private ServerConnections connections;

	@Autowired
	private SeenByServletFilters seen;

	@BeforeEach
	void forgetEarlierRequests() {
		this.seen.paths.clear();
	}

	@Test
	void answersAHandshakeAheadOfTheServletLayers() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.connections.echo())) {
			client.sendText("early");
			assertThat(client.nextText()).isEqualTo("early");
		}
		// The plain GET comes after the handshake: once the filter has seen it, it would
		// have seen the handshake.
		assertThat(plainGet(ECHO).statusCode()).isEqualTo(426);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.seen.paths.contains("GET " + ECHO));
		assertThat(this.seen.paths).containsExactly("GET " + ECHO);
	}

	@Test
	void answersARefusedHandshakeAheadOfTheServletLayersWithTheSameStatus() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake(ECHO, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
		}
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake(ECHO, Map.of("Sec-WebSocket-Version", "8")).body())
				.isEqualTo("Unsupported Sec-WebSocket-Version 8; this server speaks version 13 (RFC 6455).\n");
		}
		assertThat(this.seen.paths).isEmpty();
	}

	@Test
	void leavesAnUpgradeToAnyOtherPathToTheServletLayers() throws Exception {
		try (RawWebSocketClient client = RawWebSocketClient.open(this.connections.port())) {
			assertThat(client.handshake("/ws/nowhere", Map.of()).status()).isEqualTo(404);
		}
		assertThat(this.seen.paths).contains("GET /ws/nowhere");
	}

	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	@Import({ ServerConnections.class, EarlyUpgradeIntegrationTests.ServletFilterWatch.class })
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "server.forward-headers-strategy=framework")
	class WithForwardedHeadersAppliedByTheServletFilter {

		@Autowired
		private ServerConnections connections;

		@Autowired
		private SeenByServletFilters seen;

		@Test
		void passesTheHandshakeThroughTheServletFilters() throws Exception {
			try (WebSocketTestClient client = WebSocketTestClient.connect(this.connections.echo())) {
				client.sendText("late");
				assertThat(client.nextText()).isEqualTo("late");
			}
			assertThat(this.seen.paths).contains("GET " + ECHO);
		}

	}

	private HttpResponse<String> plainGet(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.connections.port() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The method and path of every request a servlet filter saw. */
	static final class SeenByServletFilters implements Filter {

		final List<String> paths = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			HttpServletRequest http = (HttpServletRequest) request;
			this.paths.add(http.getMethod() + " " + http.getRequestURI());
			chain.doFilter(request, response);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ServletFilterWatch {

		@Bean
		SeenByServletFilters seenByServletFilters() {
			return new SeenByServletFilters();
		}

	}

}
