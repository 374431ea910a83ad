package dev.wsecho.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real WebSocket client (the JDK's, independent of the server's Tomcat) that collects
 * whole messages into a queue and reports the close it receives; every wait is bounded.
 */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Close> closed = new CompletableFuture<>();

	private final CompletableFuture<Void> firstPart = new CompletableFuture<>();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private WebSocket socket;

	private WebSocketTestClient() {
	}

	/** Connects to {@code uri}, offering the given subprotocols in order. */
	public static WebSocketTestClient connect(URI uri, String... subprotocols) throws Exception {
		return connect(uri, Map.of(), subprotocols);
	}

	/**
	 * Connects to {@code uri} with extra handshake headers, offering the given
	 * subprotocols in order.
	 */
	public static WebSocketTestClient connect(URI uri, Map<String, String> headers, String... subprotocols)
			throws Exception {
		WebSocketTestClient client = new WebSocketTestClient();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		client.socket = builder.buildAsync(uri, client).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return client;
	}

	public String subprotocol() {
		return this.socket.getSubprotocol();
	}

	public void sendText(String message) throws Exception {
		this.socket.sendText(message, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	public void sendBinary(byte[] message) throws Exception {
		this.socket.sendBinary(ByteBuffer.wrap(message), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends without waiting and ignores a failure, for floods that the server is expected
	 * to cut off.
	 */
	public void sendTextIgnoringFailure(String message) {
		try {
			this.socket.sendText(message, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			// The server closed first.
		}
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	/** The next whole message: a {@code String} for text, a {@code byte[]} for binary. */
	public Object next() throws InterruptedException {
		Object message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a message within %s", TIMEOUT).isNotNull();
		return message;
	}

	public String nextText() throws InterruptedException {
		return assertThat(next()).isInstanceOf(String.class).actual().toString();
	}

	public byte[] nextBinary() throws InterruptedException {
		Object message = next();
		assertThat(message).isInstanceOf(byte[].class);
		return (byte[]) message;
	}

	/** Waits until the first part of any message has arrived. */
	public void awaitFirstPart() throws Exception {
		this.firstPart.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Starts sending a binary message and returns without waiting for it to be written.
	 */
	public CompletableFuture<WebSocket> startSendingBinary(byte[] message) {
		return this.socket.sendBinary(ByteBuffer.wrap(message), true);
	}

	/** Sends a close frame and waits for the server's. */
	public Close closeWith(int code, String reason) throws Exception {
		this.socket.sendClose(code, reason).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return awaitClose();
	}

	/** Waits for the server's close frame. */
	public Close awaitClose() throws Exception {
		return this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Waits for the connection to end either way: the close frame received, or a close
	 * with 1006 when it ended without one.
	 */
	public Close awaitEnd() throws Exception {
		try {
			return this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			return new Close(1006, String.valueOf(ex.getCause()));
		}
	}

	/**
	 * Waits for the connection to end without a close frame and returns what the client
	 * reported: the JDK's client calls {@code onClose} with 1006 (a code no close frame
	 * may carry, RFC 6455 §7.4.1) or {@code onError}; fails if a real close frame arrived
	 * instead.
	 */
	public String awaitAbnormalClosure() throws Exception {
		try {
			Close close = this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(close.code()).as("the close the client reported, %s", close).isEqualTo(1006);
			return "onClose 1006";
		}
		catch (ExecutionException ex) {
			return "onError " + ex.getCause();
		}
	}

	/** Whether nothing has arrived (no message, no close) in {@code quiet}. */
	public boolean staysQuietFor(Duration quiet) throws InterruptedException {
		Object message = this.messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
		return message == null && !this.closed.isDone();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.firstPart.complete(null);
		this.text.append(data);
		if (last) {
			this.messages.add(this.text.toString());
			this.text.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		this.firstPart.complete(null);
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.binary.writeBytes(bytes);
		if (last) {
			this.messages.add(this.binary.toByteArray());
			this.binary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Close(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	/**
	 * Closes normally when the connection is still open, and aborts it when that fails.
	 */
	@Override
	public void close() {
		try {
			if (!this.socket.isOutputClosed()) {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
			}
			if (!this.closed.isDone()) {
				this.closed.get(5, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			// Already failed or closed: aborting below releases it either way.
		}
		finally {
			this.socket.abort();
		}
	}

	/** A close frame as received: its code and reason. */
	public record Close(int code, String reason) {
	}

}
