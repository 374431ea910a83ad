package dev.wsecho.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The wsecho server's own jar (system property {@code wsecho.jar}, by default the one the
 * server's build leaves in {@code ../target}) run in a JVM of its own on a free loopback
 * port, with its shipped defaults; where the jar is missing the calling test is skipped
 * with a message, except in CI, where it fails.
 */
final class ServerJar implements AutoCloseable {

	/**
	 * The line Spring Boot logs once Jetty accepts connections, every endpoint
	 * registered.
	 */
	private static final Pattern STARTED = Pattern.compile("Jetty started on port (\\d+)");

	private static final long START_TIMEOUT_SECONDS = 90;

	/** The last lines the server printed, for the message when it does not start. */
	private final Deque<String> lastLines = new ArrayDeque<>();

	private final CompletableFuture<Integer> port = new CompletableFuture<>();

	private final Process process;

	private ServerJar(Process process) {
		this.process = process;
		Thread reader = new Thread(this::readOutput, "wsecho-server-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts the server and waits until it listens, or skips the calling test (fails it
	 * in CI).
	 * @param settings extra server settings, e.g. {@code --server.http2.enabled=true}
	 */
	static ServerJar start(String... settings) throws IOException, InterruptedException {
		Path jar = Path.of(System.getProperty("wsecho.jar", "../target/wsecho.jar")).toAbsolutePath().normalize();
		if (!Files.isRegularFile(jar)) {
			String message = "Tests against the server skipped: " + jar
					+ " is needed (./mvnw -q -DskipTests package in the repository root)";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(message.replace("skipped", "cannot run in CI"));
			}
			System.err.println("[WARNING] " + message);
			Assumptions.abort(message);
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1"));
		command.addAll(List.of(settings));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		ServerJar server = new ServerJar(process);
		server.awaitPort();
		return server;
	}

	int port() {
		return this.port.join();
	}

	long pid() {
		return this.process.pid();
	}

	private void awaitPort() throws InterruptedException {
		try {
			this.port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			close();
			throw new IllegalStateException(
					"the server did not start within " + START_TIMEOUT_SECONDS + " s; its last lines:\n" + lastLines(),
					ex);
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				remember(line);
				Matcher started = STARTED.matcher(line);
				if (started.find()) {
					this.port.complete(Integer.parseInt(started.group(1)));
				}
			}
			this.port.completeExceptionally(new IllegalStateException("the server exited"));
		}
		catch (IOException ex) {
			this.port.completeExceptionally(new UncheckedIOException(ex));
		}
	}

	private void remember(String line) {
		synchronized (this.lastLines) {
			if (this.lastLines.size() == 40) {
				this.lastLines.removeFirst();
			}
			this.lastLines.addLast(line);
		}
	}

	private String lastLines() {
		synchronized (this.lastLines) {
			return String.join("\n", this.lastLines);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
	}

}
