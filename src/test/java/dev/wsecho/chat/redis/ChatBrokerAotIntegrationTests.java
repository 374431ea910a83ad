package dev.wsecho.chat.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.wsecho.testsupport.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar as built, started with the bean definitions Spring AOT prepared
 * ({@code -Dspring.aot.enabled=true}), takes the chat broker it is given at start:
 * {@code redis} reaches Redis, {@code memory} leaves Redis out. Needs
 * {@code target/wsecho.jar}, so it runs after {@code package} (failsafe, in
 * {@code ./mvnw verify}). Skipped where redis-server is not installed, except in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatBrokerAotIntegrationTests {

	private static final Path JAR = Path.of("target", "wsecho.jar");

	/** How long one start may take on a loaded machine. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path logs;

	@BeforeAll
	void needsTheJar() {
		assertThat(JAR).as("the jar, built by package").exists();
	}

	@Test
	void choosesRedisWhenAskedAtStart() throws Exception {
		try (RedisServer redis = RedisServer.start()) {
			JsonNode health = healthOfAnAotStart("--wsecho.chat.broker=redis",
					"--spring.data.redis.port=" + redis.port());
			assertThat(health.path("components").path("redis").path("status").stringValue()).isEqualTo("UP");
		}
	}

	@Test
	void keepsTheChatInMemoryByDefault() throws Exception {
		JsonNode health = healthOfAnAotStart();
		assertThat(health.path("components").has("redis")).isFalse();
		assertThat(health.path("components").path("readinessState").path("status").stringValue()).isEqualTo("UP");
	}

	/**
	 * Starts the jar with AOT on a free port, waits until it is ready, returns its
	 * health.
	 */
	private JsonNode healthOfAnAotStart(String... args) throws Exception {
		int port = freePort();
		Path log = this.logs.resolve("wsecho-" + port + ".log");
		List<String> command = new ArrayList<>(List.of(javaOfThisTest(), "-Dspring.aot.enabled=true", "-jar",
				JAR.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(List.of(args));
		Process instance = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
			await().atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(200))
				.failFast("the instance exited", () -> !instance.isAlive())
				.until(() -> status(readiness) == 200);
			assertThat(Files.readString(log)).contains("Starting AOT-processed");
			HttpResponse<String> health = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			return this.json.readTree(health.body());
		}
		finally {
			instance.destroy();
			if (!instance.waitFor(30, TimeUnit.SECONDS)) {
				instance.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	/** The status, or -1 while the instance does not answer yet (refused, or slow to). */
	private int status(URI uri) throws InterruptedException {
		try {
			return this.http
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String javaOfThisTest() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
