package dev.wsecho.lab;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wsecho.testsupport.WebSocketTestClient;
import dev.wsecho.testsupport.WebSocketTestClient.Close;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LabEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	private URI lab(String query) {
		return URI.create("ws://127.0.0.1:" + this.port + LabProperties.PATH + query);
	}

	private WebSocketTestClient connect() throws Exception {
		WebSocketTestClient client = WebSocketTestClient.connect(lab(""));
		assertThat(nextJson(client).path("type").stringValue()).isEqualTo("welcome");
		return client;
	}

	private JsonNode nextJson(WebSocketTestClient client) throws Exception {
		return this.json.readTree(client.nextText());
	}

	private String error(WebSocketTestClient client, String command) throws Exception {
		client.sendText(command);
		JsonNode reply = nextJson(client);
		assertThat(reply.path("type").stringValue()).as("reply to %s", command).isEqualTo("error");
		return reply.path("message").stringValue();
	}

	@Test
	void welcomesWithWhatTheServerSawOfTheHandshake() throws Exception {
		Map<String, String> headers = Map.of("Origin", "http://example.test", "Cookie", "session=secret",
				"Authorization", "Bearer secret", "X-Trace", "abc");
		try (WebSocketTestClient client = WebSocketTestClient.connect(lab("?a=1&a=2&b=x%20y"), headers, "v2", "chat")) {
			JsonNode welcome = nextJson(client);

			assertThat(welcome.path("type").stringValue()).isEqualTo("welcome");
			assertThat(welcome.path("path").stringValue()).isEqualTo("/ws/lab");
			assertThat(welcome.path("query").toString()).isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":[\"x y\"]}");
			assertThat(welcome.path("origin").stringValue()).isEqualTo("http://example.test");
			assertThat(welcome.path("headers").path("X-Trace").path(0).stringValue()).isEqualTo("abc");
			assertThat(welcome.path("headers").path("Cookie").path(0).stringValue()).isEqualTo("(redacted)");
			assertThat(welcome.path("headers").path("Authorization").path(0).stringValue()).isEqualTo("(redacted)");
			assertThat(welcome.toString()).doesNotContain("secret");
			assertThat(welcome.path("remoteAddress").stringValue()).startsWith("127.0.0.1:");
			assertThat(welcome.path("subprotocol").stringValue()).as("the first offered").isEqualTo("v2");
			assertThat(client.subprotocol()).isEqualTo("v2");
			assertThat(welcome.path("extensions").isArray()).isTrue();
			assertThat(welcome.path("instance").stringValue()).hasSize(8);
		}
	}

	@Test
	void describesNoSubprotocolWhenNoneIsOffered() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(lab(""))) {
			assertThat(nextJson(client).path("subprotocol").isNull()).isTrue();
		}
	}

	@Test
	void answersInfoWithTheSameDescription() throws Exception {
		try (WebSocketTestClient client = WebSocketTestClient.connect(lab("?x=1"))) {
			JsonNode welcome = nextJson(client);
			client.sendText("{\"command\":\"info\"}");

			JsonNode info = nextJson(client);
			assertThat(info.path("type").stringValue()).isEqualTo("info");
			assertThat(info.path("session")).isEqualTo(welcome.path("session"));
			assertThat(info.path("query")).isEqualTo(welcome.path("query"));
			assertThat(info.path("headers")).isEqualTo(welcome.path("headers"));
		}
	}

	@Test
	void echoesEverythingThatIsNotACommandVerbatim() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("Hello lab");
			client.sendText("{\"command\":");
			client.sendText("{\"command\":42}");
			client.sendText("[{\"command\":\"info\"}]");
			client.sendBinary("{\"command\":\"info\"}".getBytes());

			assertThat(client.next()).isEqualTo("Hello lab");
			assertThat(client.next()).isEqualTo("{\"command\":");
			assertThat(client.next()).isEqualTo("{\"command\":42}");
			assertThat(client.next()).isEqualTo("[{\"command\":\"info\"}]");
			assertThat(client.nextBinary()).asString().isEqualTo("{\"command\":\"info\"}");
		}
	}

	@Test
	void closesWithTheCodeAndReasonAsked() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"close\",\"code\":4001,\"reason\":\"bye\"}");

			assertThat(client.awaitClose()).isEqualTo(new Close(4001, "bye"));
		}
	}

	@Test
	void closesWithEachCodeAServerMaySend() throws Exception {
		for (int code : new int[] { 1000, 1001, 1003, 1007, 1011, 3000, 4999 }) {
			try (WebSocketTestClient client = connect()) {
				client.sendText("{\"command\":\"close\",\"code\":" + code + "}");

				assertThat(client.awaitClose().code()).isEqualTo(code);
			}
		}
	}

	@Test
	void refusesCloseCodesThatMayNotBeSentAndStaysOpen() throws Exception {
		try (WebSocketTestClient client = connect()) {
			for (int code : new int[] { 999, 1002, 1004, 1005, 1006, 1012, 1015, 2999, 5000 }) {
				assertThat(error(client, "{\"command\":\"close\",\"code\":" + code + "}")).contains("cannot be sent");
			}
			assertThat(error(client, "{\"command\":\"close\",\"code\":4000,\"reason\":\"" + "x".repeat(124) + "\"}"))
				.isEqualTo("reason must be at most 123 bytes in UTF-8");
			client.sendText("still open");
			assertThat(client.next()).isEqualTo("still open");
		}
	}

	@Test
	void dropsTheConnectionWithoutACloseFrame() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"drop\"}");

			assertThat(client.awaitAbnormalClosure()).isNotEmpty();
		}
	}

	@Test
	void sendsTheMessageBackAfterTheDelay() throws Exception {
		try (WebSocketTestClient client = connect()) {
			long start = System.nanoTime();
			client.sendText("{\"command\":\"delay\",\"ms\":300,\"message\":\"later\"}");
			client.sendText("now");

			assertThat(client.next()).isEqualTo("now");
			assertThat(client.next()).isEqualTo("later");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
	}

	@Test
	void refusesMoreThanAThousandWaitingDelays() throws Exception {
		try (WebSocketTestClient client = connect()) {
			for (int i = 0; i < 1000; i++) {
				client.sendText("{\"command\":\"delay\",\"ms\":60000,\"message\":\"" + i + "\"}");
			}

			assertThat(error(client, "{\"command\":\"delay\",\"ms\":0,\"message\":\"one more\"}"))
				.isEqualTo("at most 1000 delays may be waiting");
		}
	}

	@Test
	void closesWithMessageTooBigOverTheLimit() throws Exception {
		try (WebSocketTestClient client = connect()) {
			try {
				client.sendBinary(new byte[1024 * 1024 + 1]);
			}
			catch (Exception ex) {
				// The server may close before the client has written the last frame.
			}

			assertThat(client.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void echoesAMessageAtTheLimit() throws Exception {
		byte[] limit = new byte[1024 * 1024];
		limit[limit.length - 1] = 42;
		try (WebSocketTestClient client = connect()) {
			client.sendBinary(limit);

			assertThat(client.nextBinary()).isEqualTo(limit);
		}
	}

	@Test
	void pushesTheBurstThenReportsItDone() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"burst\",\"count\":1000,\"size\":64,\"binary\":false}");

			for (int i = 0; i < 1000; i++) {
				assertThat(client.nextText()).hasSize(64).startsWith("abcdef");
			}
			JsonNode done = nextJson(client);
			assertThat(done.path("type").stringValue()).isEqualTo("burst-done");
			assertThat(done.path("count").intValue()).isEqualTo(1000);
		}
	}

	@Test
	void pushesABinaryBurst() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"burst\",\"count\":3,\"size\":300,\"binary\":true}");

			for (int i = 0; i < 3; i++) {
				byte[] message = client.nextBinary();
				assertThat(message).hasSize(300);
				assertThat(message[257]).isEqualTo((byte) 1);
			}
			assertThat(nextJson(client).path("count").intValue()).isEqualTo(3);
		}
	}

	@Test
	void reportsTheRoundTripOfAPing() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"ping\",\"payload\":\"x\"}");

			JsonNode pong = nextJson(client);
			assertThat(pong.path("type").stringValue()).isEqualTo("pong");
			assertThat(pong.path("payload").stringValue()).isEqualTo("x");
			assertThat(pong.path("rttMicros").longValue()).isPositive()
				.isLessThan(WebSocketTestClient.TIMEOUT.toNanos() / 1000);
		}
	}

	@Test
	void streamsTicksThenReportsTheStreamDone() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"stream\",\"intervalMs\":10,\"count\":5}");

			Instant previous = Instant.MIN;
			for (int seq = 1; seq <= 5; seq++) {
				JsonNode tick = nextJson(client);
				assertThat(tick.path("type").stringValue()).isEqualTo("tick");
				assertThat(tick.path("seq").intValue()).isEqualTo(seq);
				Instant serverTime = Instant.parse(tick.path("serverTime").stringValue());
				assertThat(serverTime).isAfterOrEqualTo(previous);
				previous = serverTime;
			}
			JsonNode done = nextJson(client);
			assertThat(done.path("type").stringValue()).isEqualTo("stream-done");
			assertThat(done.path("count").intValue()).isEqualTo(5);
			assertThat(done.path("stopped").booleanValue()).isFalse();
		}
	}

	@Test
	void stopsTheStreamOnStop() throws Exception {
		try (WebSocketTestClient client = connect()) {
			client.sendText("{\"command\":\"stream\",\"intervalMs\":20}");
			assertThat(nextJson(client).path("seq").intValue()).isEqualTo(1);
			client.sendText("{\"command\":\"stop\"}");

			JsonNode message;
			do {
				message = nextJson(client);
			}
			while (message.path("type").stringValue().equals("tick"));
			assertThat(message.path("type").stringValue()).isEqualTo("stream-done");
			assertThat(message.path("stopped").booleanValue()).isTrue();
			assertThat(client.staysQuietFor(Duration.ofMillis(200))).as("no tick after stream-done").isTrue();
			assertThat(error(client, "{\"command\":\"stop\"}")).isEqualTo("no stream is running");
		}
	}

	/**
	 * Each rule is the parser's ({@code LabCommandParserTests}); here one per command
	 * shows the reply on the wire, and that the connection serves on after it.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"command":"delay","ms":60001,"message":"x"}  | ms must be a whole number from 0 to 60000
			{"command":"delay","ms":10}                   | message is required
			{"command":"burst","count":65,"size":1048576} | count × size must be at most 67108864 bytes, not 68157440
			{"command":"burst","count":1,"binary":"yes"}  | binary must be true or false
			{"command":"stream","intervalMs":9,"count":1} | intervalMs must be a whole number from 10 to 2147483647
			{"command":"explode"}                         | Unknown command "explode"
			""")
	void answersABadCommandWithAnErrorAndStaysOpen(String command, String error) throws Exception {
		try (WebSocketTestClient client = connect()) {
			assertThat(error(client, command)).startsWith(error);
			client.sendText("still here");
			assertThat(client.next()).isEqualTo("still here");
		}
	}

}
