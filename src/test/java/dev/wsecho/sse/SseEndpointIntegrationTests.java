package dev.wsecho.sse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.SseTestClient;
import dev.wsecho.testsupport.SseTestClient.Event;
import dev.wsecho.testsupport.WebSocketTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SseEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Autowired
	private TickEmitters tickEmitters;

	private URI http(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Test
	void sendsATickEverySecond() throws Exception {
		try (SseTestClient ticks = SseTestClient.open(http(SseProperties.TICKS_PATH), Map.of())) {
			assertThat(ticks.response().statusCode()).isEqualTo(200);
			assertThat(ticks.response().headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));

			Event first = ticks.next();
			Event second = ticks.next();

			assertThat(first.name()).isEqualTo("tick");
			assertThat(first.id()).isEqualTo("1");
			assertThat(second.id()).isEqualTo("2");
			JsonNode firstData = this.json.readTree(first.data());
			JsonNode secondData = this.json.readTree(second.data());
			assertThat(secondData.path("seq").intValue()).isEqualTo(2);
			Duration between = Duration.between(Instant.parse(firstData.path("serverTime").stringValue()),
					Instant.parse(secondData.path("serverTime").stringValue()));
			assertThat(between).isBetween(Duration.ofMillis(900), Duration.ofMillis(1900));
		}
	}

	@Test
	void endsTheTickStreamWhenTheReaderGoesAway() throws Exception {
		try (SseTestClient ticks = SseTestClient.open(http(SseProperties.TICKS_PATH), Map.of())) {
			assertThat(ticks.next().name()).isEqualTo("tick");
			assertThat(this.tickEmitters.openStreams()).isPositive();
		}

		// The server learns of it when a tick cannot be written: within a tick or two.
		// Streams other tests closed end the same way, so none is left open.
		await().atMost(WebSocketTestClient.TIMEOUT).until(() -> this.tickEmitters.openStreams() == 0);
	}

}
