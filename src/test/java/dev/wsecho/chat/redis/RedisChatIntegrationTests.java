package dev.wsecho.chat.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import dev.wsecho.WsechoApplication;
import dev.wsecho.chat.ChatProperties;
import dev.wsecho.chat.ChatRoom;
import dev.wsecho.chat.ChatUnavailableException;
import dev.wsecho.testsupport.RedisServer;
import dev.wsecho.testsupport.SseTestClient;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.joinOf;
import static dev.wsecho.chat.ChatTraffic.next;
import static dev.wsecho.chat.ChatTraffic.nextChatFrom;
import static dev.wsecho.chat.ChatTraffic.nextJson;
import static dev.wsecho.chat.ChatTraffic.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application instances (a third for one test) on one Redis of the test's own: the
 * chat is one room across them. Skipped where redis-server is not installed, except in
 * CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisChatIntegrationTests {

	private static final Duration TIMEOUT = WebSocketTestClient.TIMEOUT;

	/** Takes the next id and keeps the message in the history, but publishes nothing. */
	private static final String UNPUBLISHED_MESSAGE = "local id = redis.call('INCR', KEYS[1]) "
			+ "redis.call('XADD', KEYS[2], id .. '-0', 'event', ARGV[1] .. id .. ARGV[2]) return id";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private RedisServer redis;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	/** Names unique to one test, since every test shares the one room. */
	private final String tag = UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	void startRedisAndTwoInstances() throws Exception {
		this.redis = RedisServer.start();
		this.first = instance();
		this.second = instance();
		awaitAvailable(this.first);
		awaitAvailable(this.second);
	}

	@AfterAll
	void stopAll() throws Exception {
		if (this.second != null) {
			this.second.close();
		}
		if (this.first != null) {
			this.first.close();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	private ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(WsechoApplication.class).run("--server.port=0",
				"--spring.main.banner-mode=off", "--wsecho.chat.broker=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + this.redis.port(), "--wsecho.chat.broker-check-interval=200ms",
				"--wsecho.chat.presence-timeout=2s");
	}

	private static void awaitAvailable(ConfigurableApplicationContext instance) {
		await().atMost(TIMEOUT).until(() -> instance.getBean(RedisChatRoom.class).isAvailable());
	}

	private static int port(ConfigurableApplicationContext instance) {
		return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
	}

	private static URI uri(ConfigurableApplicationContext instance, String scheme, String pathAndQuery) {
		return URI.create(scheme + "://127.0.0.1:" + port(instance) + pathAndQuery);
	}

	private WebSocketTestClient join(ConfigurableApplicationContext instance, String query, String... subprotocols)
			throws Exception {
		return WebSocketTestClient.connect(uri(instance, "ws", ChatProperties.PATH + query), subprotocols);
	}

	/**
	 * Joins as {@code name} and waits for its own join, so that it receives everything
	 * said after.
	 */
	private WebSocketTestClient member(ConfigurableApplicationContext instance, String name) throws Exception {
		WebSocketTestClient client = join(instance, "?name=" + name);
		joinOf(client, name);
		return client;
	}

	private static List<String> texts(JsonNode messages, String field) {
		List<String> texts = new ArrayList<>();
		messages.forEach((message) -> texts.add(field.isEmpty() ? message.asString() : message.path(field).asString()));
		return texts;
	}

	private HttpResponse<String> get(ConfigurableApplicationContext instance, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(instance, "http", path)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	@Order(1)
	void deliversMessagesAndPresenceAcrossInstances() throws Exception {
		String ann = "ann" + this.tag;
		String bob = "bob" + this.tag;
		try (WebSocketTestClient onFirst = member(this.first, ann);
				WebSocketTestClient onSecond = join(this.second, "?name=" + bob)) {
			JsonNode bobJoined = joinOf(onFirst, bob);
			assertThat(texts(bobJoined.path("members"), "")).as("members on both instances, in join order")
				.containsSubsequence(ann, bob);
			assertThat(texts(joinOf(onSecond, bob).path("members"), "")).containsSubsequence(ann, bob);

			say(onSecond, "hello from the second");
			JsonNode seenOnFirst = nextChatFrom(onFirst, bob);
			JsonNode seenOnSecond = nextChatFrom(onSecond, bob);
			assertThat(seenOnFirst.path("message").stringValue()).isEqualTo("hello from the second");
			assertThat(seenOnFirst).isEqualTo(seenOnSecond);

			onFirst.sendText("{\"type\":\"nick\",\"name\":\"" + bob + "\"}");
			assertThat(next(onFirst, "error").path("message").stringValue()).as("names are unique across instances")
				.contains("taken");
			try (WebSocketTestClient again = join(this.first, "?name=" + bob)) {
				assertThat(next(again, "join").path("name").stringValue()).as("a taken name gets a guest name")
					.startsWith("guest-");
			}

			onFirst.sendText("{\"type\":\"nick\",\"name\":\"cy" + this.tag + "\"}");
			JsonNode renamed = next(onSecond, "nick");
			assertThat(renamed.path("from").stringValue()).isEqualTo(ann);
			assertThat(texts(renamed.path("members"), "")).as("the new name keeps its place")
				.containsSubsequence("cy" + this.tag, bob);
			assertThat(this.second.getBean(ChatRoom.class).members()).containsSubsequence("cy" + this.tag, bob);

			onSecond.closeWith(1000, "bye");
			JsonNode left;
			do {
				left = next(onFirst, "leave");
			}
			while (!left.path("name").stringValue().equals(bob));
			assertThat(texts(left.path("members"), "")).contains("cy" + this.tag).doesNotContain(bob);
		}
	}

	@Test
	@Order(7)
	void eachMemberFirstReceivesItsOwnJoinWhenManyJoinAtOnceOnBothInstances() throws Exception {
		List<CompletableFuture<WebSocketTestClient>> joining = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ConfigurableApplicationContext instance = (i % 2 == 0) ? this.first : this.second;
			String name = "j" + i + this.tag;
			joining.add(CompletableFuture.supplyAsync(() -> {
				try {
					return join(instance, "?name=" + name);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		List<WebSocketTestClient> members = new ArrayList<>();
		try {
			for (CompletableFuture<WebSocketTestClient> member : joining) {
				members.add(member.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
			}
			for (int i = 0; i < members.size(); i++) {
				JsonNode first = nextJson(members.get(i));
				assertThat(first.path("type").stringValue()).isEqualTo("join");
				assertThat(first.path("name").stringValue()).as("its own join first").isEqualTo("j" + i + this.tag);
				assertThat(texts(first.path("members"), "")).contains("j" + i + this.tag);
			}
		}
		finally {
			members.forEach(WebSocketTestClient::close);
		}
	}

	@Test
	@Order(2)
	void everyMemberSeesTheSameStrictlyRisingIdsFromConcurrentSendersOnBothInstances() throws Exception {
		int perInstance = 3;
		int each = 20;
		List<WebSocketTestClient> members = new ArrayList<>();
		try {
			for (int i = 0; i < perInstance; i++) {
				members.add(member(this.first, "a" + i + this.tag));
				members.add(member(this.second, "b" + i + this.tag));
			}
			List<CompletableFuture<Void>> sending = new ArrayList<>();
			for (WebSocketTestClient member : members) {
				sending.add(CompletableFuture.runAsync(() -> {
					try {
						for (int n = 0; n < each; n++) {
							say(member, "m" + n + "-" + this.tag);
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new))
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			List<List<Long>> seen = new ArrayList<>();
			for (WebSocketTestClient member : members) {
				List<Long> ids = new ArrayList<>();
				while (ids.size() < members.size() * each) {
					JsonNode message = next(member, "chat");
					if (message.path("message").stringValue().endsWith("-" + this.tag)) {
						ids.add(message.path("id").longValue());
					}
				}
				seen.add(ids);
			}
			List<Long> reference = seen.get(0);
			assertThat(reference).as("strictly rising").isSorted().doesNotHaveDuplicates();
			assertThat(reference.get(reference.size() - 1) - reference.get(0)).as("none missing")
				.isEqualTo(members.size() * each - 1);
			assertThat(seen).as("the same sequence for every member, on either instance")
				.allSatisfy((ids) -> assertThat(ids).isEqualTo(reference));
		}
		finally {
			members.forEach(WebSocketTestClient::close);
		}
	}

	@Test
	@Order(3)
	void resumesFromHistoryOnEitherInstanceWithoutGapOrRepeat() throws Exception {
		String writer = "w" + this.tag;
		try (WebSocketTestClient onFirst = member(this.first, writer)) {
			List<Long> ids = new ArrayList<>();
			for (String text : List.of("one", "two", "three")) {
				say(onFirst, text);
				ids.add(nextChatFrom(onFirst, writer).path("id").longValue());
			}
			try (WebSocketTestClient onSecond = join(this.second, "?since=" + ids.get(0), "v2");
					SseTestClient sse = SseTestClient.open(uri(this.first, "http", "/sse/chat"),
							Map.of("Last-Event-ID", Long.toString(ids.get(1))))) {
				JsonNode history = next(onSecond, "history");
				assertThat(texts(history.path("messages"), "message")).containsExactly("two", "three");
				assertThat(history.path("complete").booleanValue()).isTrue();
				SseTestClient.Event resumed = sse.next();
				assertThat(resumed.id()).isEqualTo(Long.toString(ids.get(2)));
				assertThat(this.json.readTree(resumed.data()).path("message").stringValue()).isEqualTo("three");

				say(onFirst, "four");
				long four = nextChatFrom(onFirst, writer).path("id").longValue();
				JsonNode live = nextChatFrom(onSecond, writer);
				assertThat(live.path("message").stringValue()).as("live after the history, nothing repeated")
					.isEqualTo("four");
				assertThat(live.path("id").longValue()).isEqualTo(four);
				SseTestClient.Event liveEvent = sse.next();
				assertThat(liveEvent.id()).isEqualTo(Long.toString(four));
			}
			try (WebSocketTestClient latest = join(this.second, "", "v2")) {
				assertThat(texts(next(latest, "history").path("messages"), "message")).endsWith("two", "three", "four");
			}
		}
	}

	@Test
	@Order(4)
	void clientsOfAStoppedInstanceResumeOnTheOtherAndMissNothing() throws Exception {
		String ann = "ann" + this.tag;
		String carl = "carl" + this.tag;
		ConfigurableApplicationContext third = instance();
		try (WebSocketTestClient onFirst = member(this.first, ann)) {
			awaitAvailable(third);
			long lastSeen;
			try (WebSocketTestClient onThird = join(third, "?name=" + carl, "v2")) {
				joinOf(onThird, carl);
				joinOf(onFirst, carl);
				say(onFirst, "before");
				lastSeen = nextChatFrom(onThird, ann).path("id").longValue();
				third.close();
				assertThat(onThird.awaitClose().code()).as("the stopping instance closes with 1001").isEqualTo(1001);
			}
			JsonNode left;
			do {
				left = next(onFirst, "leave");
			}
			while (!left.path("name").stringValue().equals(carl));
			assertThat(texts(left.path("members"), "")).doesNotContain(carl);
			say(onFirst, "while away 1");
			say(onFirst, "while away 2");
			nextChatFrom(onFirst, ann);
			nextChatFrom(onFirst, ann);
			try (WebSocketTestClient back = join(this.second, "?name=" + carl + "&since=" + lastSeen, "v2")) {
				JsonNode history = next(back, "history");
				assertThat(texts(history.path("messages"), "message")).containsExactly("while away 1", "while away 2");
				assertThat(history.path("complete").booleanValue()).isTrue();
				assertThat(joinOf(back, carl).path("name").stringValue()).as("its name is free again").isEqualTo(carl);
				say(onFirst, "after");
				assertThat(nextChatFrom(back, ann).path("message").stringValue()).isEqualTo("after");
			}
		}
		finally {
			third.close();
		}
	}

	@Test
	@Order(5)
	void forgetsTheMembersOfAnInstanceThatStoppedRenewingItsPresence() throws Exception {
		String ghost = "ghost" + this.tag;
		StringRedisTemplate redis = new StringRedisTemplate(this.first.getBean(RedisConnectionFactory.class));
		redis.opsForHash().put("wsecho:chat:names", ghost, "an-instance-that-crashed");
		redis.opsForZSet().add("wsecho:chat:order", ghost, 0);
		assertThat(this.second.getBean(ChatRoom.class).members()).doesNotContain(ghost);
		try (WebSocketTestClient client = join(this.first, "?name=" + ghost)) {
			assertThat(next(client, "join").path("name").stringValue()).as("its name is free").isEqualTo(ghost);
		}
	}

	@Test
	@Order(6)
	void takesMessagesItsSubscriptionMissedFromTheHistory() throws Exception {
		String writer = "w" + this.tag;
		try (WebSocketTestClient onFirst = member(this.first, writer);
				WebSocketTestClient onSecond = member(this.second, "r" + this.tag)) {
			say(onFirst, "before");
			long before = nextChatFrom(onSecond, writer).path("id").longValue();
			assertThat(nextChatFrom(onFirst, writer).path("id").longValue()).isEqualTo(before);
			// What a publish looks like to instances whose subscription was away at that
			// moment.
			StringRedisTemplate redis = new StringRedisTemplate(this.first.getBean(RedisConnectionFactory.class));
			Long missed = redis.execute(new DefaultRedisScript<>(UNPUBLISHED_MESSAGE, Long.class),
					List.of("wsecho:chat:id", "wsecho:chat:history"), BrokerEvents.MESSAGE_START,
					",\"from\":\"" + writer + "\",\"message\":\"unpublished\",\"ts\":\"2026-11-25T20:00:00Z\"}");
			assertThat(missed).isEqualTo(before + 1);
			say(onFirst, "after");
			for (WebSocketTestClient member : List.of(onFirst, onSecond)) {
				JsonNode gap = nextChatFrom(member, writer);
				assertThat(gap.path("message").stringValue()).isEqualTo("unpublished");
				assertThat(gap.path("id").longValue()).isEqualTo(before + 1);
				assertThat(nextChatFrom(member, writer).path("id").longValue()).isEqualTo(before + 2);
			}
		}
	}

	@Test
	@Order(9)
	void chatTellsClientsWhileRedisIsAwayAndRecoversWhenItReturns() throws Exception {
		String ann = "ann" + this.tag;
		try (WebSocketTestClient member = member(this.first, ann);
				SseTestClient sse = SseTestClient.open(uri(this.second, "http", "/sse/chat"), Map.of())) {
			this.redis.stop();

			assertThat(next(member, "error").path("message").stringValue()).isEqualTo(ChatUnavailableException.MESSAGE);
			assertThat(member.awaitEnd().code()).as("members are closed with Try Again Later").isEqualTo(1013);
			SseTestClient.Event unavailable;
			do {
				unavailable = sse.next();
			}
			while (unavailable.name().equals("chat"));
			assertThat(unavailable.name()).isEqualTo("unavailable");
			assertThat(this.json.readTree(unavailable.data()).path("message").stringValue())
				.isEqualTo(ChatUnavailableException.MESSAGE);

			await().atMost(TIMEOUT).until(() -> !this.second.getBean(RedisChatRoom.class).isAvailable());
			try (WebSocketTestClient refused = join(this.second, "?name=late" + this.tag)) {
				assertThat(next(refused, "error").path("message").stringValue())
					.isEqualTo(ChatUnavailableException.MESSAGE);
				assertThat(refused.awaitEnd().code()).isEqualTo(1013);
			}

			try (WebSocketTestClient echo = WebSocketTestClient.connect(uri(this.first, "ws", "/ws/echo"))) {
				echo.sendText("still here");
				assertThat(echo.nextText()).as("the echo does not need Redis").isEqualTo("still here");
			}
			try (WebSocketTestClient lab = WebSocketTestClient.connect(uri(this.second, "ws", "/ws/lab"))) {
				assertThat(nextJson(lab).path("type").stringValue()).as("nor does the lab").isEqualTo("welcome");
			}
			HttpResponse<String> health = get(this.first, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(this.json.readTree(health.body()).path("components").path("redis").path("status").asString())
				.isEqualTo("DOWN");
			assertThat(get(this.first, "/actuator/health/readiness").statusCode()).as("still ready: echo and lab serve")
				.isEqualTo(200);

			this.redis.startAgain();
			awaitAvailable(this.first);
			awaitAvailable(this.second);
			try (WebSocketTestClient onFirst = member(this.first, ann);
					WebSocketTestClient onSecond = member(this.second, "bob" + this.tag)) {
				say(onSecond, "back again");
				assertThat(nextChatFrom(onFirst, "bob" + this.tag).path("message").stringValue())
					.isEqualTo("back again");
			}
			assertThat(get(this.first, "/actuator/health").statusCode()).isEqualTo(200);
		}
	}

}
