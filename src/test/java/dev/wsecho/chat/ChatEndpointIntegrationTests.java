package dev.wsecho.chat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.joinOf;
import static dev.wsecho.chat.ChatTraffic.next;
import static dev.wsecho.chat.ChatTraffic.nextChatFrom;
import static dev.wsecho.chat.ChatTraffic.nextJson;
import static dev.wsecho.chat.ChatTraffic.say;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	/** Names unique to one test, since every test shares the one room. */
	private final String tag = UUID.randomUUID().toString().substring(0, 6);

	private URI chat(String query) {
		return URI.create("ws://127.0.0.1:" + this.port + ChatProperties.PATH + query);
	}

	private WebSocketTestClient join(String name, String... subprotocols) throws Exception {
		return WebSocketTestClient.connect(chat("?name=" + name), subprotocols);
	}

	/**
	 * Joins and waits for its own join: the server answers the handshake before the room
	 * takes the member in, so without the wait a member joining next may be announced
	 * before this one is in.
	 */
	private WebSocketTestClient member(String name) throws Exception {
		WebSocketTestClient client = join(name, "chat");
		joinOf(client, name);
		return client;
	}

	@Test
	void prefersV2WhenOfferedAndOtherwiseSpeaksChat() throws Exception {
		try (WebSocketTestClient chatFirst = join("a" + this.tag, "chat", "v2");
				WebSocketTestClient chatOnly = join("b" + this.tag, "chat")) {
			assertThat(chatFirst.subprotocol()).isEqualTo("v2");
			assertThat(chatOnly.subprotocol()).isEqualTo("chat");
		}
	}

	@Test
	void sendsEveryMessageToEveryMemberWithTheSameIdsInTheSameOrder() throws Exception {
		String ann = "ann" + this.tag;
		String bob = "bob" + this.tag;
		try (WebSocketTestClient a = member(ann); WebSocketTestClient b = member(bob)) {
			joinOf(a, bob);
			// 30 each: within the burst of 40 that the rate limit allows.
			for (int i = 0; i < 30; i++) {
				say(a, "from ann " + i);
				say(b, "from bob " + i);
			}
			List<String> seenByA = new ArrayList<>();
			List<String> seenByB = new ArrayList<>();
			long previous = 0;
			for (int i = 0; i < 60; i++) {
				JsonNode fromA = next(a, "chat");
				JsonNode fromB = next(b, "chat");
				assertThat(fromA.path("id").longValue()).isGreaterThan(previous);
				previous = fromA.path("id").longValue();
				seenByA.add(fromA.path("id").longValue() + " " + fromA.path("from").stringValue() + " "
						+ fromA.path("message").stringValue());
				seenByB.add(fromB.path("id").longValue() + " " + fromB.path("from").stringValue() + " "
						+ fromB.path("message").stringValue());
				assertThat(Instant.parse(fromA.path("ts").stringValue())).isBeforeOrEqualTo(Instant.now());
			}
			assertThat(seenByB).containsExactlyElementsOf(seenByA);
			assertThat(seenByA).filteredOn((line) -> line.contains(" " + ann + " ")).hasSize(30);
		}
	}

	@Test
	void announcesJoinNickAndLeaveWithTheMembers() throws Exception {
		String ann = "ann" + this.tag;
		String bob = "bob" + this.tag;
		try (WebSocketTestClient a = join(ann, "chat")) {
			assertThat(joinOf(a, ann).path("members").toString()).contains("\"" + ann + "\"");
			try (WebSocketTestClient b = join(bob, "chat")) {
				JsonNode joined = joinOf(a, bob);
				assertThat(joined.path("members").toString()).contains("\"" + ann + "\"", "\"" + bob + "\"");

				b.sendText("{\"type\":\"nick\",\"name\":\"rob" + this.tag + "\"}");
				JsonNode nick = next(a, "nick");
				assertThat(nick.path("from").stringValue()).isEqualTo(bob);
				assertThat(nick.path("name").stringValue()).isEqualTo("rob" + this.tag);
				assertThat(nick.path("members").toString()).contains("\"rob" + this.tag + "\"").doesNotContain(bob);

				b.sendText("{\"type\":\"nick\",\"name\":\"" + ann + "\"}");
				assertThat(next(b, "error").path("message").stringValue()).isEqualTo("The name " + ann + " is taken");
			}
			JsonNode left = next(a, "leave");
			assertThat(left.path("name").stringValue()).isEqualTo("rob" + this.tag);
			assertThat(left.path("members").toString()).doesNotContain("rob" + this.tag);
		}
	}

	@Test
	void givesV2ClientsTheHistoryFirstAndExactlyWhatTheyMissedWithSince() throws Exception {
		String ann = "ann" + this.tag;
		long lastSeen;
		try (WebSocketTestClient a = join(ann, "chat")) {
			say(a, "one " + this.tag);
			lastSeen = nextChatFrom(a, ann).path("id").longValue();
			say(a, "two " + this.tag);
			say(a, "three " + this.tag);
			nextChatFrom(a, ann);
			nextChatFrom(a, ann);

			try (WebSocketTestClient fresh = join("new" + this.tag, "v2");
					WebSocketTestClient resumed = WebSocketTestClient.connect(chat("?since=" + lastSeen), "v2",
							"chat")) {
				JsonNode history = nextJson(fresh);
				assertThat(history.path("type").stringValue()).isEqualTo("history");
				assertThat(history.path("messages").size()).isBetween(3, 50);
				assertThat(last(history).path("message").stringValue()).isEqualTo("three " + this.tag);

				JsonNode missed = nextJson(resumed);
				assertThat(missed.path("type").stringValue()).isEqualTo("history");
				assertThat(missed.path("complete").booleanValue()).isTrue();
				List<String> texts = new ArrayList<>();
				for (JsonNode message : missed.path("messages")) {
					assertThat(message.path("id").longValue()).isGreaterThan(lastSeen);
					texts.add(message.path("message").stringValue());
				}
				assertThat(texts).containsExactly("two " + this.tag, "three " + this.tag);
				assertThat(nextJson(resumed).path("type").stringValue()).as("then its own join").isEqualTo("join");
			}
		}
	}

	private static JsonNode last(JsonNode history) {
		return history.path("messages").get(history.path("messages").size() - 1);
	}

	@Test
	void answersABadSinceWithAnErrorAndTheLatestMessages() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(chat("?since=yesterday"), "v2")) {
			assertThat(next(client, "error").path("message").stringValue())
				.isEqualTo("since must be a message id; here are the latest messages");
			assertThat(nextJson(client).path("type").stringValue()).isEqualTo("history");
		}
	}

	@Test
	void givesAGuestNameForANameThatCannotBeOne() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(chat("?name=" + "x".repeat(33)), "chat")) {
			assertThat(next(client, "error").path("message").stringValue())
				.isEqualTo("A name has 1 to 32 characters; you got a guest name");
			assertThat(next(client, "join").path("name").stringValue()).startsWith("guest-");
		}
	}

	@Test
	void givesChatClientsNoHistory() throws Exception {
		try (WebSocketTestClient client = join("c" + this.tag, "chat")) {
			assertThat(nextJson(client).path("type").stringValue()).isEqualTo("join");
		}
	}

	@Test
	void answersAMessageOver4KiBWithAnErrorAndStaysOpen() throws Exception {
		String name = "big" + this.tag;
		try (WebSocketTestClient client = join(name, "chat")) {
			joinOf(client, name);
			say(client, "x".repeat(4097));
			assertThat(next(client, "error").path("message").stringValue())
				.isEqualTo("Message too big: the limit is 4096 bytes");

			String fits = "y".repeat(4096 - "{\"type\":\"chat\",\"message\":\"\"}".length());
			say(client, fits);
			assertThat(nextChatFrom(client, name).path("message").stringValue()).isEqualTo(fits);
		}
	}

	@Test
	void answersBadJsonUnknownTypesAndBinaryWithErrors() throws Exception {
		try (WebSocketTestClient client = join("bad" + this.tag, "chat")) {
			client.sendText("not json");
			assertThat(next(client, "error").path("message").stringValue()).startsWith("Not valid JSON");
			client.sendText("{\"type\":\"dance\"}");
			assertThat(next(client, "error").path("message").stringValue()).startsWith("Unknown type \"dance\"");
			client.sendBinary(new byte[] { 1, 2 });
			assertThat(next(client, "error").path("message").stringValue()).startsWith("Binary messages");
		}
	}

	@Test
	void closesAClientOverItsRateLimitWith1008() throws Exception {
		try (WebSocketTestClient client = join("fast" + this.tag, "chat")) {
			try {
				for (int i = 0; i < 200; i++) {
					client.sendText("{\"type\":\"nick\",\"name\":\"fast" + this.tag + "\"}");
				}
			}
			catch (Exception ex) {
				// The server may close before the client has sent them all.
			}

			WebSocketTestClient.Close close = client.awaitClose();
			assertThat(close.code()).isEqualTo(1008);
			assertThat(close.reason()).isEqualTo("More than 20 messages per second");
		}
	}

}
