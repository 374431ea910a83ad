package dev.wsecho.chat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
class ChatSseEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Autowired
	private ChatEmitters chatEmitters;

	private final String tag = UUID.randomUUID().toString().substring(0, 6);

	private URI http(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Test
	void endsTheChatStreamAndItsSubscriptionWhenTheReaderGoesAway() throws Exception {
		URI chat = URI.create("ws://127.0.0.1:" + this.port + ChatProperties.PATH + "?name=gone" + this.tag);
		try (WebSocketTestClient member = WebSocketTestClient.connect(chat, "chat")) {
			try (SseTestClient stream = SseTestClient.open(http(ChatProperties.SSE_PATH), Map.of())) {
				member.sendText("{\"type\":\"chat\",\"message\":\"first\"}");
				assertThat(stream.next().name()).isEqualTo("chat");
				assertThat(this.chatEmitters.openStreams()).isPositive();
			}

			// The server learns of it when a message cannot be written, so keep talking.
			// Streams other tests closed end the same way, so none is left open.
			await().atMost(WebSocketTestClient.TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
				member.sendText("{\"type\":\"chat\",\"message\":\"anyone?\"}");
				return this.chatEmitters.openStreams() == 0;
			});
		}
	}

	@Test
	void streamsChatMessagesWithTheirIdsAndResumesAfterTheLastEventId() throws Exception {
		URI chat = URI.create("ws://127.0.0.1:" + this.port + ChatProperties.PATH + "?name=sse" + this.tag);
		try (WebSocketTestClient member = WebSocketTestClient.connect(chat, "chat");
				SseTestClient stream = SseTestClient.open(http(ChatProperties.SSE_PATH), Map.of())) {
			for (int i = 1; i <= 3; i++) {
				member.sendText("{\"type\":\"chat\",\"message\":\"" + this.tag + " " + i + "\"}");
			}

			List<Event> mine = new ArrayList<>();
			while (mine.size() < 3) {
				Event event = stream.next();
				assertThat(event.name()).isEqualTo("chat");
				JsonNode data = this.json.readTree(event.data());
				assertThat(event.id()).isEqualTo(Long.toString(data.path("id").longValue()));
				if (data.path("message").stringValue().startsWith(this.tag)) {
					assertThat(data.path("from").stringValue()).isEqualTo("sse" + this.tag);
					mine.add(event);
				}
			}

			try (SseTestClient resumed = SseTestClient.open(http(ChatProperties.SSE_PATH),
					Map.of("Last-Event-ID", mine.get(0).id()))) {
				assertThat(resumed.next().id()).isEqualTo(mine.get(1).id());
				assertThat(resumed.next().id()).isEqualTo(mine.get(2).id());
				assertThat(this.json.readTree(mine.get(2).data()).path("message").stringValue())
					.isEqualTo(this.tag + " 3");
			}
		}
	}

}
