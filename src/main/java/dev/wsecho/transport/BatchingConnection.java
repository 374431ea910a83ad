package dev.wsecho.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.jspecify.annotations.Nullable;

/**
 * A Jetty WebSocket connection that writes once per read: frames its handlers send while
 * it reads are gathered and flushed together when the read is done, instead of one write
 * per frame.
 *
 * <p>
 * Every frame Jetty delivers is parsed and handled inside {@link #onFillable()},
 * {@link #run()} (a read resumed after the handler asked for more) or {@link #onOpen()};
 * a send made by the thread inside one of those may be batched, because the flush at its
 * end is certain. Any other thread's sends are written at once. On a connection without
 * extensions, the small whole messages of a batch skip Jetty's per-frame queues: the
 * connection's {@link FrameWriter} encodes them into the read's write itself.
 *
 * <p>
 * For a {@link NonBlockingHandler}, reads run on the selector thread itself
 * ({@code onFillable} is registered as non-blocking), like an event loop. A connection
 * that keeps the selector busy for more than {@link #READ_BUDGET} bytes in one read
 * yields: its next frame is read on a pool thread, and the selector goes on to the other
 * connections.
 *
 * <p>
 * Once its close frame is out, the connection does not close its socket at once: it reads
 * and discards until the client ends the connection, for at most {@link #CLOSE_LINGER}
 * (see {@link #closeAfterDraining()}).
 */
final class BatchingConnection extends WebSocketConnection {

	/**
	 * Bytes of frames one read on the selector may handle before the connection yields.
	 */
	static final int READ_BUDGET = 1024 * 1024;

	/**
	 * How long a connection that has sent its close frame reads on, waiting for the
	 * client to end it.
	 */
	static final Duration CLOSE_LINGER = Duration.ofSeconds(2);

	/** The connection each thread is reading right now, if any. */
	private static final ThreadLocal<BatchingConnection> reading = new ThreadLocal<>();

	private final WebSocketCoreSession coreSession;

	private final Scheduler scheduler;

	private final boolean eventLoop;

	/**
	 * Writes the small messages sent while reading without Jetty's per-frame queues;
	 * {@code null} on a connection with extensions, whose frames all go through them.
	 */
	private final @Nullable FrameWriter frames;

	/** Reads onFillable on the selector thread, without a hand-off. */
	private final Callback onSelector = onSelectorThread(this::onFillable);

	/**
	 * Discards what the client still sends, on the selector thread: draining does not
	 * block.
	 */
	private final Callback drainOnSelector = onSelectorThread(this::drain);

	/** Whether the connection only discards what it reads, until the client ends it. */
	private volatile boolean draining;

	/** Closes a draining connection whose client never ends it. */
	private volatile Scheduler.@Nullable Task lingerDeadline;

	/**
	 * Whether frames wait in the batch. Set after a frame is queued and cleared before
	 * the flush is queued, so that whichever thread clears it flushes every frame queued
	 * before.
	 */
	private volatile boolean batched;

	/** Bytes handled in this read on the selector; touched only by the reading thread. */
	private long budgetUsed;

	/**
	 * Whether this read on the selector is over budget and the next frame is to be read
	 * elsewhere.
	 */
	private boolean yielded;

	private boolean onSelectorThread;

	BatchingConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool bufferPool,
			WebSocketCoreSession coreSession, boolean eventLoop) {
		super(endPoint, executor, scheduler, bufferPool, coreSession);
		this.coreSession = coreSession;
		this.scheduler = scheduler;
		this.eventLoop = eventLoop;
		this.frames = (coreSession instanceof LingeringCoreSession lingering
				&& !coreSession.getExtensionStack().hasNegotiatedExtensions()) ? new FrameWriter(endPoint, lingering)
						: null;
	}

	@Override
	public void fillInterested() {
		if (this.draining) {
			// Jetty's own read may ask too, while the drain's interest is registered.
			tryFillInterested(this.drainOnSelector);
		}
		else if (this.eventLoop) {
			fillInterested(this.onSelector);
		}
		else {
			super.fillInterested();
		}
	}

	@Override
	public void onOpen() {
		BatchingConnection previous = enter();
		try {
			super.onOpen();
		}
		finally {
			leave(previous);
		}
	}

	@Override
	public void onClose(@Nullable Throwable cause) {
		Scheduler.Task deadline = this.lingerDeadline;
		if (deadline != null) {
			deadline.cancel();
		}
		super.onClose(cause);
	}

	@Override
	public void onFillable() {
		if (this.draining) {
			drain();
			return;
		}
		BatchingConnection previous = enter();
		this.onSelectorThread = this.eventLoop;
		this.budgetUsed = 0;
		try {
			super.onFillable();
		}
		finally {
			this.onSelectorThread = false;
			leave(previous);
		}
		if (this.yielded) {
			// Read on: on a pool thread (Jetty's demand runs run() there), so the
			// selector is free.
			this.yielded = false;
			if (this.coreSession.isInputOpen()) {
				this.coreSession.demand();
			}
		}
	}

	@Override
	public void run() {
		if (this.draining) {
			drain();
			return;
		}
		BatchingConnection previous = enter();
		try {
			super.run();
		}
		finally {
			leave(previous);
		}
	}

	private BatchingConnection enter() {
		BatchingConnection previous = reading.get();
		reading.set(this);
		return previous;
	}

	private void leave(BatchingConnection previous) {
		reading.set(previous);
		FrameWriter frames = this.frames;
		if (frames != null) {
			frames.endOfRead();
		}
		if (this.batched) {
			this.batched = false;
			this.coreSession.flush(Callback.NOOP);
		}
	}

	/**
	 * The writer of the small messages sent while reading, if the connection has no
	 * extensions.
	 */
	@Nullable FrameWriter frames() {
		return this.frames;
	}

	/**
	 * Whether a frame the current thread sends now may wait for the flush at the end of
	 * the read: whether this thread is inside a read of this connection.
	 */
	boolean mayBatch() {
		return reading.get() == this;
	}

	/**
	 * Counts a handled frame against the read's budget on the selector; {@code true} when
	 * the budget is spent, the connection must not ask for its next frame now, and this
	 * read asks for it when it ends (see {@link #onFillable()}).
	 */
	boolean yieldAfter(int frameBytes) {
		if (!this.onSelectorThread || reading.get() != this) {
			return false;
		}
		this.budgetUsed += frameBytes + 16;
		if (this.budgetUsed <= READ_BUDGET) {
			return false;
		}
		this.yielded = true;
		return true;
	}

	/** Records that a batched frame has been queued: the end of the read flushes it. */
	void batchedFrameQueued() {
		this.batched = true;
	}

	/**
	 * A callback for a read that runs on the selector thread, which it must not block.
	 */
	private Callback onSelectorThread(Runnable read) {
		return new Callback() {

			@Override
			public void succeeded() {
				read.run();
			}

			@Override
			public void failed(Throwable cause) {
				onFillInterestedFailed(cause);
			}

			@Override
			public InvocationType getInvocationType() {
				return InvocationType.NON_BLOCKING;
			}

		};
	}

	/**
	 * Ends the connection after its close frame has been sent, the way RFC 6455 §7.1.1
	 * has a server end TCP first, without losing the close frame: reads and discards
	 * until the client closes its side, for at most {@link #CLOSE_LINGER}, then closes
	 * the socket. Closing a socket with unread data at once makes the kernel reset the
	 * connection, and a client still sending (a flood cut with 1008, a message cut with
	 * 1009) then fails with "broken pipe" or "connection reset", often before it has read
	 * the close frame, and reports 1006 instead of the code. Jetty closes at once after a
	 * close frame with 1001 or 1007-1011, without waiting for the client's, hence this.
	 * @return {@code false} if there is nothing to wait for: the close frame has not gone
	 * out (the output is open), or the client has already ended its side
	 */
	boolean closeAfterDraining() {
		EndPoint endPoint = getEndPoint();
		if (!endPoint.isOutputShutdown() || endPoint.isInputShutdown() || !endPoint.isOpen()) {
			return false;
		}
		if (!this.draining) {
			this.draining = true;
			this.lingerDeadline = this.scheduler.schedule(endPoint::close, CLOSE_LINGER.toMillis(),
					TimeUnit.MILLISECONDS);
			fillInterested();
		}
		return true;
	}

	private void drain() {
		EndPoint endPoint = getEndPoint();
		// A buffer per call, not per connection: a drain started by Jetty's demand may
		// overlap one started by the selector, and what is read is thrown away either
		// way.
		ByteBuffer sink = BufferUtil.allocate(8 * 1024);
		long discarded = 0;
		try {
			while (discarded <= READ_BUDGET) {
				BufferUtil.clear(sink);
				int filled = endPoint.fill(sink);
				if (filled < 0) {
					endPoint.close();
					return;
				}
				if (filled == 0) {
					fillInterested();
					return;
				}
				discarded += filled;
			}
			// A client sending fast after the close: the rest is read on a pool thread.
			getExecutor().execute(this::drain);
		}
		catch (IOException ex) {
			endPoint.close(ex);
		}
	}

}
