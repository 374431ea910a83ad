package dev.wsecho;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.wsecho.testsupport.WebSocketTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// Tests turn metrics export off by default; these check what Prometheus would scrape.
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WsechoApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void reportsHealthWithLivenessAndReadiness() throws Exception {
		assertThat(get("/actuator/health")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"status\":\"UP\"");
		});
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void leavesRedisAloneWithTheMemoryBroker() throws Exception {
		assertThat(this.context.getBeansOfType(RedisMessageListenerContainer.class)).as("no subscription").isEmpty();
		assertThat(get("/actuator/health").body()).as("no Redis in the health report")
			.contains("\"status\":\"UP\"")
			.doesNotContain("redis");
	}

	@Test
	void exposesNoActuatorEndpointBeyondHealthInfoAndPrometheus() throws Exception {
		assertThat(get("/actuator/info").body()).contains("\"version\"");
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
	}

	@Test
	void countsSessionsMessagesBytesAndClosesPerEndpoint() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient
			.connect(URI.create("ws://127.0.0.1:" + this.port + "/ws/echo"))) {
			client.sendText("count me");
			assertThat(client.next()).isEqualTo("count me");
			assertThat(get("/actuator/prometheus").body())
				.containsPattern("wsecho_sessions_active\\{endpoint=\"echo\"\\} [1-9]")
				.containsPattern("wsecho_messages_total\\{direction=\"in\",endpoint=\"echo\",type=\"text\"\\} [1-9]")
				.containsPattern("wsecho_messages_total\\{direction=\"out\",endpoint=\"echo\",type=\"text\"\\} [1-9]")
				.containsPattern("wsecho_bytes_total\\{direction=\"in\",endpoint=\"echo\",type=\"text\"\\} [1-9]");
			client.closeWith(4321, "metered");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
				.containsPattern("wsecho_closes_total\\{code=\"4321\",endpoint=\"echo\"\\} 1"));
	}

	@Test
	void servesThePlaygroundAndItsAssets() throws Exception {
		assertThat(get("/").body()).contains("wsecho");
		assertThat(get("/js/app.js").statusCode()).isEqualTo(200);
		assertThat(get("/css/playground.css").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
