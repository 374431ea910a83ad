package dev.wsecho.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * A Spring {@code WebSocketSession} over one Jetty core connection: sends become frames, and the
 * connection's reading waits for its writing so that a client that stops reading holds a bounded
 * amount of memory and no thread.
 *
 * <p>
 * Sends do not wait for the socket. A frame sent by the connection's own reading thread joins
 * the batch that {@link BatchingConnection} writes at the end of the read; the next frame is read
 * only once everything sent while handling this one has been written, which is what bounds an
 * echo's memory to one part. A sender on another thread waits only while more than
 * {@link TransportSettings#sendQueueLimit()} bytes are queued. Either way, a client that reads
 * nothing for the send timeout is dropped (1006): its close frame could not get through.
 */
public final class CoreWebSocketSession extends AbstractWebSocketSession<CoreSession> {

	private static final Log logger = LogFactory.getLog(CoreWebSocketSession.class);

	private static final AtomicLong ids = new AtomicLong();

	private static final byte NONE = -1;

	private final String id = Long.toHexString(ids.incrementAndGet());

	private final URI uri;

	private final HttpHeaders handshakeHeaders;

	private final @Nullable Principal principal;

	private final TransportSettings settings;

	private volatile long sendTimeoutNanos = TimeUnit.SECONDS.toNanos(20);

	private @Nullable String acceptedProtocol;

	private List<WebSocketExtension> extensions = List.of();

	private @Nullable BatchingConnection connection;

	private int textMessageSizeLimit = 64 * 1024;

	private int binaryMessageSizeLimit = 64 * 1024;

	/** Orders the choice of each frame's opcode with its place in the queue. */
	private final Object sendLock = new Object();

	/** The type of the data message being sent in parts, {@link #NONE} between messages; guarded by sendLock. */
	private byte outgoingMessage = NONE;

	/** Frames queued so far, numbered from 1; guarded by sendLock. */
	private long queuedFrames;

	/** Bytes queued and not yet written (or gathered into a batch). */
	private final AtomicLong queuedBytes = new AtomicLong();

	/** Guards the frame whose release waits for writes, and wakes waiting senders. */
	private final Object flow = new Object();

	/** Frames written so far: Jetty completes a connection's frames in the order they were queued; guarded by flow. */
	private long writtenFrames;

	private final LongSupplier clock;

	/** Runs the stall checks; set by the time anything can stall. */
	private volatile @Nullable Scheduler scheduler;

	/** When a write last completed: progress, for the send timeout. */
	private volatile long lastWriteNanos;

	/** A handled frame released once frame number {@link #heldUntil} is written; guarded by flow. */
	private @Nullable Callback held;

	private long heldUntil;

	/** When the frame now held was held; guarded by flow. */
	private long heldAt;

	/**
	 * Whether a stall check is scheduled: one at a time per connection, however many frames are
	 * held and released meanwhile; guarded by flow.
	 */
	private boolean watching;

	private volatile boolean closed;

	CoreWebSocketSession(URI uri, HttpHeaders handshakeHeaders, @Nullable Map<String, Object> attributes,
			@Nullable Principal principal, TransportSettings settings) {
		this(uri, handshakeHeaders, attributes, principal, settings, System::nanoTime, null);
	}

	/**
	 * @param clock nanoseconds, as {@link System#nanoTime()}
	 * @param scheduler for the stall checks; {@code null} for the connection's, once it is open
	 */
	CoreWebSocketSession(URI uri, HttpHeaders handshakeHeaders, @Nullable Map<String, Object> attributes,
			@Nullable Principal principal, TransportSettings settings, LongSupplier clock,
			@Nullable Scheduler scheduler) {
		super(attributes);
		this.uri = uri;
		this.handshakeHeaders = handshakeHeaders;
		this.principal = principal;
		this.settings = settings;
		this.clock = clock;
		this.lastWriteNanos = clock.getAsLong();
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
		if (coreSession instanceof WebSocketCoreSession jettySession
				&& jettySession.getConnection() instanceof BatchingConnection batching) {
			this.connection = batching;
			if (this.scheduler == null) {
				this.scheduler = batching.scheduler();
			}
		}
	}

	/** How long a client may leave queued data unread before it is dropped. */
	public void setSendTimeout(Duration sendTimeout) {
		this.sendTimeoutNanos = sendTimeout.toNanos();
	}

	/**
	 * Ends the connection without a close frame, so that the client sees 1006 (RFC 6455 forbids
	 * sending that code); the handler hears of the close with 1006 too.
	 */
	public void drop() {
		if (this.closed) {
			return;
		}
		if (getNativeSession() instanceof LingeringCoreSession lingering) {
			lingering.abortAtOnce();
		}
		else {
			getNativeSession().abort();
		}
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
		return !this.closed && getNativeSession().isOutputOpen();
	}

	@Override
	protected void sendTextMessage(TextMessage message) throws IOException {
		sendData(OpCode.TEXT, ByteBuffer.wrap(message.asBytes()), message.isLast());
	}

	@Override
	protected void sendBinaryMessage(BinaryMessage message) throws IOException {
		// A view of its own: writing moves a buffer's position, and the caller may read the message again.
		sendData(OpCode.BINARY, message.getPayload().duplicate(), message.isLast());
	}

	@Override
	protected void sendPingMessage(PingMessage message) throws IOException {
		sendControl(new Frame(OpCode.PING, true, message.getPayload().duplicate()));
	}

	@Override
	protected void sendPongMessage(PongMessage message) throws IOException {
		sendControl(new Frame(OpCode.PONG, true, message.getPayload().duplicate()));
	}

	/** Answers a ping from the client; Jetty's core leaves that to the application. */
	void pong(ByteBuffer payload) {
		if (isOpen()) {
			enqueue(new Frame(OpCode.PONG, true, payload));
		}
	}

	private void sendData(byte type, ByteBuffer payload, boolean last) throws IOException {
		checkOpen();
		awaitRoomToSend();
		synchronized (this.sendLock) {
			byte opcode;
			if (this.outgoingMessage == NONE) {
				opcode = type;
			}
			else if (this.outgoingMessage == type) {
				opcode = OpCode.CONTINUATION;
			}
			else {
				throw new IllegalStateException("A " + OpCode.name(this.outgoingMessage)
						+ " message is being sent in parts: it must end before a " + OpCode.name(type) + " message");
			}
			this.outgoingMessage = last ? NONE : type;
			enqueue(new Frame(opcode, last, payload));
		}
	}

	private void sendControl(Frame frame) throws IOException {
		checkOpen();
		enqueue(frame);
	}

	private void checkOpen() throws IOException {
		if (!isOpen()) {
			throw new IOException("WebSocket session " + this.id + " is closed");
		}
	}

	private void enqueue(Frame frame) {
		BatchingConnection batching = this.connection;
		boolean batch = batching != null && batching.mayBatch();
		int bytes = frame.getPayloadLength();
		synchronized (this.sendLock) {
			long number = ++this.queuedFrames;
			this.queuedBytes.addAndGet(bytes);
			getNativeSession().sendFrame(frame, new Written(number, bytes), batch);
		}
		if (batch) {
			batching.batchedFrameQueued();
		}
	}

	/**
	 * Waits, on a thread other than the connection's reader, while more than the limit is queued;
	 * the reader never waits here (its next read waits instead), so no Jetty thread is held.
	 * Every data send waits here first; a caller that serialises sends with a lock of its own
	 * calls this before taking it, so that the reader never waits on that lock for long.
	 */
	public void awaitRoomToSend() throws IOException {
		BatchingConnection batching = this.connection;
		if (this.queuedBytes.get() <= this.settings.sendQueueLimit() || (batching != null && batching.mayBatch())) {
			return;
		}
		checkOpen();
		long waitingSince = this.clock.getAsLong();
		synchronized (this.flow) {
			while (this.queuedBytes.get() > this.settings.sendQueueLimit() && !this.closed) {
				// Stalled since the last write, or since this wait began if the connection was idle before.
				long stalled = this.clock.getAsLong() - Math.max(this.lastWriteNanos, waitingSince);
				long remaining = this.sendTimeoutNanos - stalled;
				if (remaining <= 0) {
					giveUp();
					throw new IOException("WebSocket session " + this.id + ": the client read nothing for "
							+ Duration.ofNanos(this.sendTimeoutNanos).toMillis() + " ms; connection dropped");
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.flow, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("Interrupted while waiting to send on " + this.id);
				}
			}
		}
		if (this.closed) {
			throw new IOException("WebSocket session " + this.id + " closed while a send waited");
		}
	}

	/**
	 * Releases a frame the handler is done with, and asks for the next, once everything sent so
	 * far has been written; until then the frame (whose bytes an echo may still be writing) is
	 * held and nothing more is read.
	 */
	void handled(Callback frame, int frameBytes) {
		long until;
		synchronized (this.sendLock) {
			until = this.queuedFrames;
		}
		synchronized (this.flow) {
			if (this.writtenFrames < until) {
				this.held = frame;
				this.heldUntil = until;
				this.heldAt = this.clock.getAsLong();
				if (!this.watching) {
					this.watching = watchStalls(this.sendTimeoutNanos);
				}
				return;
			}
		}
		frame.succeeded();
		BatchingConnection batching = this.connection;
		if (batching == null || !batching.yieldAfter(frameBytes)) {
			demand();
		}
	}

	/** Asks Jetty for the next frame, unless the connection is closing. */
	void demand() {
		CoreSession coreSession = getNativeSession();
		if (!this.closed && coreSession.isInputOpen()) {
			coreSession.demand();
		}
	}

	private void written(long number, int bytes) {
		this.queuedBytes.addAndGet(-bytes);
		this.lastWriteNanos = this.clock.getAsLong();
		Callback release = null;
		synchronized (this.flow) {
			this.writtenFrames = Math.max(this.writtenFrames, number);
			if (this.held != null && this.writtenFrames >= this.heldUntil) {
				release = this.held;
				this.held = null;
			}
			this.flow.notifyAll();
		}
		if (release != null) {
			release.succeeded();
			demand();
		}
	}

	/**
	 * Checks for a stall after the delay: the connection is dropped if a frame is still held and
	 * nothing has been written for the send timeout since it was held (or since the last write,
	 * whichever came later). One check per connection is pending at a time, so that a client whose
	 * reading keeps writes pending does not leave a timer behind for every frame.
	 * @return whether a check was scheduled (not without a scheduler)
	 */
	private boolean watchStalls(long delayNanos) {
		Scheduler checks = this.scheduler;
		if (checks == null) {
			return false;
		}
		checks.schedule(this::checkStall, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
		return true;
	}

	private void checkStall() {
		synchronized (this.flow) {
			if (this.held == null) {
				this.watching = false;
				return;
			}
			long stalled = this.clock.getAsLong() - Math.max(this.lastWriteNanos, this.heldAt);
			long remaining = this.sendTimeoutNanos - stalled;
			if (remaining > 0) {
				this.watching = watchStalls(remaining);
				return;
			}
			this.watching = false;
		}
		giveUp();
	}

	private void giveUp() {
		logger.info("Dropping " + this.id + ": the client read nothing for "
				+ Duration.ofNanos(this.sendTimeoutNanos).toMillis() + " ms, with " + this.queuedBytes.get()
				+ " bytes waiting");
		drop();
	}

	@Override
	protected void closeInternal(CloseStatus status) {
		if (this.closed) {
			return;
		}
		CoreSession coreSession = getNativeSession();
		int code = status.getCode();
		if (code == CloseStatus.NO_CLOSE_FRAME.getCode()) {
			drop();
		}
		else if (code == CloseStatus.NO_STATUS_CODE.getCode()) {
			coreSession.close(Callback.NOOP);
		}
		else {
			coreSession.close(code, status.getReason(), Callback.NOOP);
		}
	}

	/** The connection is gone: nothing more is sent, and waiting senders and held frames are let go. */
	void closed() {
		this.closed = true;
		Callback release;
		synchronized (this.flow) {
			release = this.held;
			this.held = null;
			this.flow.notifyAll();
		}
		if (release != null) {
			release.succeeded();
		}
	}

	/** Completes one queued frame: written, gathered into a batch, or failed with the connection. */
	private final class Written implements Callback {

		private final long number;

		private final int bytes;

		Written(long number, int bytes) {
			this.number = number;
			this.bytes = bytes;
		}

		@Override
		public void succeeded() {
			written(this.number, this.bytes);
		}

		@Override
		public void failed(Throwable cause) {
			if (logger.isDebugEnabled()) {
				logger.debug("Frame to " + CoreWebSocketSession.this.id + " not written: " + cause);
			}
			written(this.number, this.bytes);
		}

	}

}
