package dev.wsecho.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.adapter.AbstractWebSocketSession;

/**
 * A Spring {@code WebSocketSession} over one Jetty core connection: messages become
 * frames for the connection's {@link SendFlow}, and closes become Jetty's, with 1006 as a
 * drop.
 *
 * <p>
 * Sends do not wait for the socket. A frame sent by the connection's own reading thread
 * joins the batch that {@link BatchingConnection} writes at the end of the read; the next
 * frame is read only once everything sent while handling this one has been written, which
 * is what bounds an echo's memory to one part. A sender on another thread waits only
 * while more than {@link TransportSettings#sendQueueLimit()} bytes are queued. Either
 * way, a client that reads nothing for the send timeout is dropped (1006): its close
 * frame could not get through.
 */
public final class CoreWebSocketSession extends AbstractWebSocketSession<CoreSession> {

	private static final AtomicLong ids = new AtomicLong();

	private final String id = Long.toHexString(ids.incrementAndGet());

	private final URI uri;

	private final HttpHeaders handshakeHeaders;

	private final @Nullable Principal principal;

	private final TransportSettings settings;

	private final LongSupplier clock;

	private final Scheduler scheduler;

	private @Nullable String acceptedProtocol;

	private List<WebSocketExtension> extensions = List.of();

	/** The connection's outgoing side, from {@link #opened} on. */
	private @Nullable SendFlow flow;

	private int textMessageSizeLimit = 64 * 1024;

	private int binaryMessageSizeLimit = 64 * 1024;

	/**
	 * @param scheduler runs the connection's stall checks (see {@link SendFlow})
	 */
	CoreWebSocketSession(URI uri, HttpHeaders handshakeHeaders, @Nullable Map<String, Object> attributes,
			@Nullable Principal principal, TransportSettings settings, Scheduler scheduler) {
		this(uri, handshakeHeaders, attributes, principal, settings, System::nanoTime, scheduler);
	}

	/**
	 * @param clock nanoseconds, as {@link System#nanoTime()}
	 * @param scheduler runs the connection's stall checks (see {@link SendFlow})
	 */
	CoreWebSocketSession(URI uri, HttpHeaders handshakeHeaders, @Nullable Map<String, Object> attributes,
			@Nullable Principal principal, TransportSettings settings, LongSupplier clock, Scheduler scheduler) {
		super(attributes);
		this.uri = uri;
		this.handshakeHeaders = HttpHeaders.readOnlyHttpHeaders(handshakeHeaders);
		this.principal = principal;
		this.settings = settings;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	/** Takes over the connection Jetty has opened, before the handler hears of it. */
	void opened(CoreSession coreSession) {
		initializeNativeSession(coreSession);
		this.acceptedProtocol = coreSession.getNegotiatedSubProtocol();
		this.extensions = coreSession.getNegotiatedExtensions()
			.stream()
			.map((config) -> new WebSocketExtension(config.getName(), config.getParameters()))
			.toList();
		BatchingConnection batching = (coreSession instanceof WebSocketCoreSession jettySession
				&& jettySession.getConnection() instanceof BatchingConnection connection) ? connection : null;
		this.flow = new SendFlow(coreSession, batching, this.id, this.settings, this.clock, this.scheduler);
	}

	/**
	 * The connection's outgoing side; as Spring's {@link #getNativeSession()}, only once
	 * open.
	 */
	private SendFlow flow() {
		SendFlow flow = this.flow;
		if (flow == null) {
			throw new IllegalStateException("WebSocket session " + this.id + " is not yet open");
		}
		return flow;
	}

	/** How long a client may leave queued data unread before it is dropped. */
	public void setSendTimeout(Duration sendTimeout) {
		flow().setSendTimeout(sendTimeout);
	}

	/**
	 * Ends the connection without a close frame, so that the client sees 1006 (RFC 6455
	 * forbids sending that code); the handler hears of the close with 1006 too.
	 */
	public void drop() {
		flow().drop();
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return this.handshakeHeaders;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return inet(getNativeSession().getLocalAddress());
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return inet(getNativeSession().getRemoteAddress());
	}

	private static @Nullable InetSocketAddress inet(SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return this.acceptedProtocol;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		this.textMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getTextMessageSizeLimit() {
		return this.textMessageSizeLimit;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		this.binaryMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return this.binaryMessageSizeLimit;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return this.extensions;
	}

	@Override
	public boolean isOpen() {
		return flow().isOpen();
	}

	@Override
	protected void sendTextMessage(TextMessage message) throws IOException {
		flow().sendData(OpCode.TEXT, ByteBuffer.wrap(message.asBytes()), message.isLast());
	}

	@Override
	protected void sendBinaryMessage(BinaryMessage message) throws IOException {
		// A view of its own: writing moves a buffer's position, and the caller may read
		// the message again.
		flow().sendData(OpCode.BINARY, message.getPayload().duplicate(), message.isLast());
	}

	@Override
	protected void sendPingMessage(PingMessage message) throws IOException {
		flow().sendControl(new Frame(OpCode.PING, true, message.getPayload().duplicate()));
	}

	@Override
	protected void sendPongMessage(PongMessage message) throws IOException {
		flow().sendControl(new Frame(OpCode.PONG, true, message.getPayload().duplicate()));
	}

	/** Answers a ping from the client; Jetty's core leaves that to the application. */
	void pong(ByteBuffer payload) {
		SendFlow flow = flow();
		if (flow.isOpen()) {
			flow.queue(new Frame(OpCode.PONG, true, payload));
		}
	}

	/**
	 * Waits, on a thread other than the connection's reader, while more than the limit is
	 * queued (see {@link SendFlow#awaitRoomToSend()}). Every data send waits here first;
	 * a caller that serialises sends with a lock of its own calls this before taking it,
	 * so that the reader never waits on that lock for long.
	 */
	public void awaitRoomToSend() throws IOException {
		flow().awaitRoomToSend();
	}

	/**
	 * Releases a frame the handler is done with once what it sent is written (see
	 * {@link SendFlow#handled}).
	 */
	void handled(Callback frame, int frameBytes) {
		flow().handled(frame, frameBytes);
	}

	/** Asks Jetty for the next frame, unless the connection is closing. */
	void demand() {
		flow().demand();
	}

	@Override
	protected void closeInternal(CloseStatus status) {
		SendFlow flow = flow();
		if (flow.isClosed()) {
			return;
		}
		CoreSession coreSession = getNativeSession();
		int code = status.getCode();
		if (code == CloseStatus.NO_CLOSE_FRAME.getCode()) {
			flow.drop();
		}
		else if (code == CloseStatus.NO_STATUS_CODE.getCode()) {
			coreSession.close(Callback.NOOP);
		}
		else {
			coreSession.close(code, status.getReason(), Callback.NOOP);
		}
	}

	/**
	 * The connection is gone: nothing more is sent, and waiting senders and held frames
	 * are let go.
	 */
	void closed() {
		flow().closed();
	}

}
