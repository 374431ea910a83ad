package dev.wsecho.chat.redis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wsecho.WsechoApplication;
import dev.wsecho.chat.ChatProperties;
import dev.wsecho.testsupport.RedisServer;
import dev.wsecho.testsupport.WebSocketTestClient;

import static dev.wsecho.chat.ChatTraffic.next;
import static dev.wsecho.chat.ChatTraffic.nextJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Redis-backed instance takes no connection, and reports itself ready, before its chat
 * broker is up: a member who joins the moment the port opens is in the room. Skipped
 * where redis-server is not installed, except in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisChatStartupIntegrationTests {

	private static final Duration TIMEOUT = WebSocketTestClient.TIMEOUT;

	private static final int STARTS = 20;

	/** How long one instance may take to start on a loaded machine. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private RedisServer redis;

	@BeforeAll
	void startRedis() throws IOException {
		this.redis = RedisServer.start();
	}

	@AfterAll
	void stopRedis() throws InterruptedException {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void aMemberWhoJoinsTheMomentThePortOpensIsInTheRoom() throws Exception {
		for (int start = 1; start <= STARTS; start++) {
			int port = freePort();
			CompletableFuture<ConfigurableApplicationContext> instance = CompletableFuture
				.supplyAsync(() -> instance(port, this.redis.port(), "10s"));
			try (WebSocketTestClient member = joinAsSoonAsThePortOpens(port, "m" + start)) {
				JsonNode first = nextJson(member);
				if (first.path("type").stringValue().equals("history")) {
					first = nextJson(member);
				}
				assertThat(first.path("type").stringValue()).as("start %d: in the room, not refused: %s", start, first)
					.isEqualTo("join");
				assertThat(first.path("name").stringValue()).isEqualTo("m" + start);
				assertThat(first.path("members").toString()).contains("\"m" + start + "\"");
			}
			finally {
				instance.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).close();
			}
		}
	}

	@Test
	void isNotReadyUntilItsChatBrokerIsUpAndStaysReadyWhenRedisGoesAwayLater() throws Exception {
		this.redis.stop();
		int port = freePort();
		try (ConfigurableApplicationContext instance = instance(port, this.redis.port(), "1s")) {
			HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).as("Redis is not there").isEqualTo(503);
			assertThat(this.json.readTree(readiness.body()).path("status").stringValue()).isEqualTo("OUT_OF_SERVICE");
			assertThat(get(port, "/actuator/health/liveness").statusCode()).as("alive all the same").isEqualTo(200);

			this.redis.startAgain();
			await().atMost(TIMEOUT).until(() -> get(port, "/actuator/health/readiness").statusCode() == 200);
			try (WebSocketTestClient member = WebSocketTestClient
				.connect(URI.create("ws://127.0.0.1:" + port + ChatProperties.PATH + "?name=ready"))) {
				assertThat(next(member, "join").path("name").stringValue()).isEqualTo("ready");
			}

			// Every instance shares the one Redis: taking them all out of the load
			// balancer would cut off the echo and the lab too, while the chat tells its
			// members itself (1013).
			this.redis.stop();
			await().atMost(TIMEOUT).until(() -> !instance.getBean(RedisChatRoom.class).isAvailable());
			assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
		finally {
			if (!this.redis.answers()) {
				this.redis.startAgain();
			}
		}
	}

	/**
	 * An instance on {@code port}; the connect timeout bounds how long its start waits
	 * for Redis.
	 */
	private static ConfigurableApplicationContext instance(int port, int redisPort, String connectTimeout) {
		return new SpringApplicationBuilder(WsechoApplication.class).run("--server.port=" + port,
				"--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--wsecho.chat.broker=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--spring.data.redis.connect-timeout=" + connectTimeout);
	}

	/**
	 * Tries to join as {@code name} until the port accepts, with the {@code v2}
	 * subprotocol.
	 */
	private static WebSocketTestClient joinAsSoonAsThePortOpens(int port, String name) {
		URI uri = URI.create("ws://127.0.0.1:" + port + ChatProperties.PATH + "?name=" + name);
		AtomicReference<WebSocketTestClient> joined = new AtomicReference<>();
		await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
			try {
				joined.set(WebSocketTestClient.connect(uri, "v2"));
				return true;
			}
			catch (ExecutionException ex) {
				// Only a port not yet open is worth another try: any answer from the
				// server (a 503 while it starts, say) is a member turned away, and fails
				// the test.
				if (ex.getCause() instanceof ConnectException) {
					return false;
				}
				throw ex;
			}
		});
		return joined.get();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
