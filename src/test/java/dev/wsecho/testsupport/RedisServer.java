package dev.wsecho.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A Debian {@code redis-server} of the test's own on a free loopback port, without
 * persistence, that the test can stop and start again on the same port; where
 * redis-server is missing the calling test is skipped with a message, except in CI, where
 * it fails.
 */
public final class RedisServer implements AutoCloseable {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final int port;

	private Process process;

	private RedisServer(int port) {
		this.port = port;
	}

	/**
	 * Starts one, or skips the calling test (fails it in CI) when redis-server is not
	 * installed.
	 */
	public static RedisServer start() throws IOException {
		if (!Files.isExecutable(REDIS_SERVER)) {
			String message = "Redis tests skipped: " + REDIS_SERVER + " is needed (apt-get install -y redis-server)";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(message.replace("skipped", "cannot run in CI"));
			}
			System.err.println("[WARNING] " + message);
			Assumptions.abort(message);
		}
		RedisServer server = new RedisServer(freePort());
		server.startAgain();
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	public int port() {
		return this.port;
	}

	/** Starts the server (again) on its port, empty, and waits until it answers PING. */
	public void startAgain() throws IOException {
		this.process = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(this::answers);
	}

	/** Stops the server and waits until it is gone; what it held is lost. */
	public void stop() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			this.process = null;
		}
	}

	/** Whether the server answers {@code PING} with {@code +PONG}. */
	public boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.readNBytes(reply, 0, 7);
			return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
