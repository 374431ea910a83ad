package dev.wsecho.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.exception.UpgradeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A WebSocket client over HTTP/2 with prior knowledge ({@code h2c}), Jetty's: every
 * socket it opens is an extended {@code CONNECT} (RFC 8441) on a stream of one shared TCP
 * connection. Collects whole messages into a queue, can stop reading (no demand, so that
 * HTTP/2 flow control holds the stream back), and reports the close it receives; every
 * wait is bounded.
 */
public final class Http2WebSocketClient implements AutoCloseable {

	private static final long TIMEOUT = WebSocketTestClient.TIMEOUT.toMillis();

	private final HTTP2Client http2 = new HTTP2Client();

	private final HttpClient http = new HttpClient(new HttpClientTransportOverHTTP2(this.http2));

	private final WebSocketCoreClient client = new WebSocketCoreClient(this.http, null);

	private final AtomicInteger tcpConnections = new AtomicInteger();

	public Http2WebSocketClient() throws Exception {
		this(new HTTP2Client().getInitialStreamRecvWindow());
	}

	/**
	 * @param streamWindow the HTTP/2 flow-control window of each stream: how much the
	 * server may send on a stream the client does not read
	 */
	public Http2WebSocketClient(int streamWindow) throws Exception {
		this.http2.setInitialStreamRecvWindow(streamWindow);
		this.http.addBean(new Connection.Listener() {
			@Override
			public void onOpened(Connection connection) {
				Http2WebSocketClient.this.tcpConnections.incrementAndGet();
			}
		});
		this.client.start();
	}

	/** TCP connections this client has opened so far. */
	public int tcpConnections() {
		return this.tcpConnections.get();
	}

	/** Opens a socket to {@code uri} (with {@code ws:} for h2c). */
	public Socket connect(URI uri) throws Exception {
		return connect(uri, Map.of(), List.of(), List.of());
	}

	/**
	 * Opens a socket with extra headers, offering the given subprotocols and extensions.
	 */
	public Socket connect(URI uri, Map<String, String> headers, List<String> subprotocols, List<String> extensions)
			throws Exception {
		Socket socket = new Socket();
		CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(this.client, uri, socket);
		request.headers((fields) -> headers.forEach(fields::put));
		request.setSubProtocols(subprotocols);
		extensions.forEach(request::addExtensions);
		try {
			this.client.connect(request).get(TIMEOUT, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		socket.awaitReady();
		return socket;
	}

	/** The HTTP status with which the server refuses a handshake to {@code uri}. */
	public int refusal(URI uri, Map<String, String> headers) throws Exception {
		try {
			connect(uri, headers, List.of(), List.of()).close();
			return fail("The handshake succeeded: " + uri);
		}
		catch (UpgradeException ex) {
			return ex.getResponseStatusCode();
		}
	}

	@Override
	public void close() throws Exception {
		this.client.stop();
	}

	/** One WebSocket, on its own HTTP/2 stream. */
	public static final class Socket implements FrameHandler, AutoCloseable {

		private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

		private final ByteArrayOutputStream message = new ByteArrayOutputStream();

		private final BlockingQueue<Frame> pongs = new LinkedBlockingQueue<>();

		private volatile boolean reading = true;

		private byte messageType;

		private volatile CoreSession session;

		@Override
		public void onOpen(CoreSession coreSession, Callback callback) {
			this.session = coreSession;
			callback.succeeded();
			coreSession.demand();
		}

		@Override
		public void onFrame(Frame frame, Callback callback) {
			if (frame.getOpCode() == OpCode.PONG) {
				this.pongs.add(frame);
			}
			if (frame.isDataFrame()) {
				if (frame.getOpCode() != OpCode.CONTINUATION) {
					this.messageType = frame.getOpCode();
				}
				this.message.writeBytes(BufferUtil.toArray(frame.getPayload()));
				if (frame.isFin()) {
					byte[] bytes = this.message.toByteArray();
					this.message.reset();
					this.messages
						.add((this.messageType == OpCode.TEXT) ? new String(bytes, StandardCharsets.UTF_8) : bytes);
				}
			}
			callback.succeeded();
			if (this.reading && frame.getOpCode() != OpCode.CLOSE) {
				this.session.demand();
			}
		}

		@Override
		public void onError(Throwable cause, Callback callback) {
			callback.succeeded();
		}

		@Override
		public void onClosed(CloseStatus closeStatus, Callback callback) {
			this.closed.complete(closeStatus);
			callback.succeeded();
		}

		/**
		 * Waits for a pong to a ping of its own, pinging at most three times, then
		 * forgets what arrived before (see the class comment).
		 */
		private void awaitReady() throws Exception {
			for (int attempt = 0; attempt < 3; attempt++) {
				send(new Frame(OpCode.PING, "ready"));
				if (this.pongs.poll(TIMEOUT / 4, TimeUnit.MILLISECONDS) != null) {
					this.messages.clear();
					return;
				}
			}
			fail("No pong within %d ms", TIMEOUT);
		}

		/**
		 * Reads no more frames: what the server sends fills the stream's window and then
		 * waits.
		 */
		public void stopReading() {
			this.reading = false;
		}

		/**
		 * Reads on: what the stream still holds, and then how it ended, which a client
		 * that reads nothing never learns.
		 */
		public void resumeReading() {
			this.reading = true;
			this.session.demand();
		}

		/** Whole messages received and not yet taken with {@link #nextMessage()}. */
		public int messagesWaiting() {
			return this.messages.size();
		}

		public void sendText(String text) throws Exception {
			send(new Frame(OpCode.TEXT, text));
		}

		public void sendBinary(byte[] bytes) throws Exception {
			send(new Frame(OpCode.BINARY, ByteBuffer.wrap(bytes)));
		}

		/** Sends one frame as it is: a fragment, or one the server must refuse. */
		public void send(Frame frame) throws Exception {
			FutureCallback sent = new FutureCallback();
			this.session.sendFrame(frame, sent, false);
			sent.get(TIMEOUT, TimeUnit.MILLISECONDS);
		}

		/**
		 * The next whole message: a {@code String} for text, {@code byte[]} for binary.
		 */
		public Object nextMessage() throws InterruptedException {
			Object message = this.messages.poll(TIMEOUT, TimeUnit.MILLISECONDS);
			assertThat(message).as("a message within %d ms", TIMEOUT).isNotNull();
			return message;
		}

		public String nextText() throws InterruptedException {
			return (String) nextMessage();
		}

		/** The next text message that contains {@code part}, skipping others. */
		public String nextTextContaining(String part) throws InterruptedException {
			String text = nextText();
			while (!text.contains(part)) {
				text = nextText();
			}
			return text;
		}

		/** The close status received from the server (or 1006 for a drop). */
		public CloseStatus awaitClose() throws Exception {
			return this.closed.get(TIMEOUT, TimeUnit.MILLISECONDS);
		}

		public boolean isClosed() {
			return this.closed.isDone();
		}

		public String subprotocol() {
			return this.session.getNegotiatedSubProtocol();
		}

		public List<String> extensions() {
			return this.session.getNegotiatedExtensions().stream().map((config) -> config.getName()).toList();
		}

		public void close(int code, String reason) {
			this.session.close(code, reason, Callback.NOOP);
		}

		@Override
		public void close() {
			if (!this.closed.isDone()) {
				this.session.close(CloseStatus.NORMAL, "done", Callback.NOOP);
			}
		}

	}

}
