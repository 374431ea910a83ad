package dev.wsecho.transport;

import java.util.concurrent.Executor;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A Jetty WebSocket connection that writes once per read: frames its handlers send while it
 * reads are gathered and flushed together when the read is done, instead of one write per frame.
 *
 * <p>
 * Every frame Jetty delivers is parsed and handled inside {@link #onFillable()}, {@link #run()}
 * (a read resumed after the handler asked for more) or {@link #onOpen()}; a send made by the
 * thread inside one of those may be batched, because the flush at its end is certain. Any other
 * thread's sends are written at once.
 */
final class BatchingConnection extends WebSocketConnection {

	/** The connection each thread is reading right now, if any. */
	private static final ThreadLocal<BatchingConnection> reading = new ThreadLocal<>();

	private final WebSocketCoreSession coreSession;

	private final Scheduler scheduler;

	/**
	 * Whether frames wait in the batch. Set after a frame is queued and cleared before the flush
	 * is queued, so that whichever thread clears it flushes every frame queued before.
	 */
	private volatile boolean batched;

	BatchingConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool bufferPool,
			WebSocketCoreSession coreSession) {
		super(endPoint, executor, scheduler, bufferPool, coreSession);
		this.coreSession = coreSession;
		this.scheduler = scheduler;
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
	public void onFillable() {
		BatchingConnection previous = enter();
		try {
			super.onFillable();
		}
		finally {
			leave(previous);
		}
	}

	@Override
	public void run() {
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
		if (this.batched) {
			this.batched = false;
			this.coreSession.flush(Callback.NOOP);
		}
	}

	/**
	 * Whether a frame the current thread sends now may wait for the flush at the end of the read:
	 * whether this thread is inside a read of this connection.
	 */
	boolean mayBatch() {
		return reading.get() == this;
	}

	/** Records that a batched frame has been queued: the end of the read flushes it. */
	void batchedFrameQueued() {
		this.batched = true;
	}

	Scheduler scheduler() {
		return this.scheduler;
	}

}
