package dev.wsecho.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
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
import org.jspecify.annotations.Nullable;

/**
 * The outgoing side of one open connection: frames are queued in order, a sender on
 * another thread waits while more than the queue limit is unwritten, the next frame is
 * read only once what was sent while handling this one is written, and a client that
 * reads nothing for the send timeout is dropped (1006).
 *
 * <p>
 * A frame sent by the connection's own reading thread joins the batch that
 * {@link BatchingConnection} writes at the end of the read and never waits: the frame it
 * handles is held instead ({@link #handled}), so the reading waits for the writing and a
 * client that stops reading holds a bounded amount of memory and no thread. Time comes
 * from the clock and the stall checks run on the scheduler, both given, so that tests
 * move them by hand.
 */
final class SendFlow {

	private static final Log logger = LogFactory.getLog(SendFlow.class);

	/** What a connection gets until {@link #setSendTimeout} says otherwise. */
	static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(20);

	private static final byte NONE = -1;

	private final CoreSession output;

	private final @Nullable BatchingConnection batching;

	/**
	 * Writes the small whole messages the reading thread sends without Jetty's queues;
	 * {@code null} if the connection has extensions.
	 */
	private final @Nullable FrameWriter frames;

	/** The connection's id, for what is logged and thrown. */
	private final String id;

	private final int queueLimit;

	private final LongSupplier clock;

	private final Scheduler scheduler;

	private volatile long sendTimeoutNanos = DEFAULT_SEND_TIMEOUT.toNanos();

	/** Orders the choice of each frame's opcode with its place in the queue. */
	private final Object queueLock = new Object();

	/**
	 * The type of the data message being sent in parts, {@link #NONE} between messages;
	 * guarded by queueLock.
	 */
	private byte outgoingMessage = NONE;

	/** Frames queued so far, numbered from 1; guarded by queueLock. */
	private long queuedFrames;

	/** Bytes queued and not yet written (or gathered into a batch). */
	private final AtomicLong queuedBytes = new AtomicLong();

	/**
	 * Guards what follows: the frame whose release waits for writes, and waiting senders.
	 */
	private final Object progress = new Object();

	/**
	 * Frames written so far: Jetty completes a connection's frames in the order they were
	 * queued.
	 */
	private long writtenFrames;

	/** When a write last completed: progress, for the send timeout. */
	private volatile long lastWriteNanos;

	/** A handled frame released once frame number {@link #heldUntil} is written. */
	private @Nullable Callback held;

	private long heldUntil;

	/** When the frame now held was held. */
	private long heldAt;

	/**
	 * Whether a stall check is scheduled: one at a time per connection, however many
	 * frames are held and released meanwhile.
	 */
	private boolean watching;

	/**
	 * Whether the connection has been dropped: once is enough, and waiting senders give
	 * up.
	 */
	private boolean dropped;

	private volatile boolean closed;

	/**
	 * @param output the open connection the frames go to
	 * @param batching the connection's reads, whose thread may batch its sends;
	 * {@code null} to write every frame at once
	 * @param id the connection's id, for what is logged and thrown
	 * @param settings how many bytes may be queued before a sender on another thread
	 * waits
	 * @param clock nanoseconds, as {@link System#nanoTime()}
	 * @param scheduler runs the stall checks
	 */
	SendFlow(CoreSession output, @Nullable BatchingConnection batching, String id, TransportSettings settings,
			LongSupplier clock, Scheduler scheduler) {
		this.output = output;
		this.batching = batching;
		this.frames = (batching != null) ? batching.frames() : null;
		this.id = id;
		this.queueLimit = settings.sendQueueLimit();
		this.clock = clock;
		this.scheduler = scheduler;
		this.lastWriteNanos = clock.getAsLong();
	}

	/** How long a client may leave queued data unread before it is dropped. */
	void setSendTimeout(Duration sendTimeout) {
		this.sendTimeoutNanos = sendTimeout.toNanos();
	}

	boolean isOpen() {
		return !this.closed && this.output.isOutputOpen();
	}

	/** Whether the connection is gone, as Jetty has reported ({@link #closed()}). */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Queues one frame of a data message, after waiting for room
	 * ({@link #awaitRoomToSend()}); a message sent in parts takes its first frame's type,
	 * the others are continuations. A small whole message sent by the reading thread is
	 * gathered by the {@link FrameWriter} if it can be: it is then sent, and needs no
	 * number, since nothing waits for it to be written.
	 * @throws IllegalStateException if a message of the other type is being sent in parts
	 */
	void sendData(byte type, ByteBuffer payload, boolean last) throws IOException {
		checkOpen();
		awaitRoomToSend();
		BatchingConnection batching = this.batching;
		BatchingConnection batcher = (batching != null && batching.mayBatch()) ? batching : null;
		boolean batch = batcher != null;
		synchronized (this.queueLock) {
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
			FrameWriter frames = this.frames;
			// Whole messages only: Jetty keeps track of the messages sent in parts, and
			// must see every part.
			if (batch && frames != null && last && opcode != OpCode.CONTINUATION && frames.gather(opcode, payload)) {
				return;
			}
			queueLocked(new Frame(opcode, last, payload), batch);
		}
		if (batcher != null) {
			batcher.batchedFrameQueued();
		}
	}

	/**
	 * Queues a control frame (a ping, a pong), which waits for no room: it is small and
	 * may answer one.
	 */
	void sendControl(Frame frame) throws IOException {
		checkOpen();
		queue(frame);
	}

	/**
	 * Queues a frame, open or not: a pong in answer to a ping, say, once its sender has
	 * checked.
	 */
	void queue(Frame frame) {
		BatchingConnection batching = this.batching;
		BatchingConnection batcher = (batching != null && batching.mayBatch()) ? batching : null;
		synchronized (this.queueLock) {
			queueLocked(frame, batcher != null);
		}
		if (batcher != null) {
			batcher.batchedFrameQueued();
		}
	}

	/** Numbers the frame and hands it to Jetty, in one step under queueLock. */
	private void queueLocked(Frame frame, boolean batch) {
		int bytes = frame.getPayloadLength();
		long number = ++this.queuedFrames;
		this.queuedBytes.addAndGet(bytes);
		this.output.sendFrame(frame, new Written(number, bytes), batch);
	}

	private void checkOpen() throws IOException {
		if (!isOpen()) {
			throw new IOException("WebSocket session " + this.id + " is closed");
		}
	}

	/**
	 * Waits, on a thread other than the connection's reader, while more than the limit is
	 * queued; the reader never waits here (its next read waits instead), so no Jetty
	 * thread is held. A sender that waits for the send timeout without a write drops the
	 * connection; one that is waiting when the connection closes or is dropped fails.
	 */
	void awaitRoomToSend() throws IOException {
		BatchingConnection batching = this.batching;
		if (this.queuedBytes.get() <= this.queueLimit || (batching != null && batching.mayBatch())) {
			return;
		}
		checkOpen();
		long waitingSince = this.clock.getAsLong();
		boolean stalled = false;
		boolean ended;
		synchronized (this.progress) {
			while (this.queuedBytes.get() > this.queueLimit && !this.closed && !this.dropped) {
				// Stalled since the last write, or since this wait began if the
				// connection was idle before.
				long remaining = this.sendTimeoutNanos
						- (this.clock.getAsLong() - Math.max(this.lastWriteNanos, waitingSince));
				if (remaining <= 0) {
					stalled = true;
					break;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.progress, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("Interrupted while waiting to send on " + this.id);
				}
			}
			ended = this.closed || this.dropped;
		}
		if (stalled) {
			// Outside the lock: aborting completes the queued frames, on this thread or
			// another.
			giveUp();
			throw new IOException("WebSocket session " + this.id + ": the client read nothing for "
					+ Duration.ofNanos(this.sendTimeoutNanos).toMillis() + " ms; connection dropped");
		}
		if (ended) {
			throw new IOException("WebSocket session " + this.id + " closed while a send waited");
		}
	}

	/**
	 * Releases a frame the handler is done with, and asks for the next, once everything
	 * sent so far has been written; until then the frame (whose bytes an echo may still
	 * be writing) is held and nothing more is read.
	 */
	void handled(Callback frame, int frameBytes) {
		long until;
		synchronized (this.queueLock) {
			until = this.queuedFrames;
		}
		synchronized (this.progress) {
			if (this.writtenFrames < until) {
				this.held = frame;
				this.heldUntil = until;
				this.heldAt = this.clock.getAsLong();
				if (!this.watching) {
					watchStalls(this.sendTimeoutNanos);
				}
				return;
			}
		}
		frame.succeeded();
		BatchingConnection batching = this.batching;
		if (batching == null || !batching.yieldAfter(frameBytes)) {
			demand();
		}
	}

	/** Asks Jetty for the next frame, unless the connection is closing. */
	void demand() {
		if (!this.closed && this.output.isInputOpen()) {
			this.output.demand();
		}
	}

	private void written(long number, int bytes) {
		this.queuedBytes.addAndGet(-bytes);
		this.lastWriteNanos = this.clock.getAsLong();
		Callback release = null;
		synchronized (this.progress) {
			this.writtenFrames = Math.max(this.writtenFrames, number);
			if (this.held != null && this.writtenFrames >= this.heldUntil) {
				release = this.held;
				this.held = null;
			}
			this.progress.notifyAll();
		}
		if (release != null) {
			release.succeeded();
			demand();
		}
	}

	/**
	 * Checks for a stall after the delay: the connection is dropped if a frame is still
	 * held and nothing has been written for the send timeout since it was held (or since
	 * the last write, whichever came later). One check per connection is pending at a
	 * time, so that a client whose reading keeps writes pending does not leave a timer
	 * behind for every frame. Called with the progress lock held.
	 */
	private void watchStalls(long delayNanos) {
		this.scheduler.schedule(this::checkStall, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
		// Only once scheduled: a scheduler that refuses (stopping) leaves the next hold
		// to try again.
		this.watching = true;
	}

	private void checkStall() {
		synchronized (this.progress) {
			this.watching = false;
			if (this.held == null || this.dropped) {
				return;
			}
			long stalled = this.clock.getAsLong() - Math.max(this.lastWriteNanos, this.heldAt);
			long remaining = this.sendTimeoutNanos - stalled;
			if (remaining > 0) {
				watchStalls(remaining);
				return;
			}
		}
		giveUp();
	}

	private void giveUp() {
		long waiting = this.queuedBytes.get();
		if (drop()) {
			logger.info("Dropped " + this.id + ": the client read nothing for "
					+ Duration.ofNanos(this.sendTimeoutNanos).toMillis() + " ms, with " + waiting + " bytes waiting");
		}
	}

	/**
	 * Ends the connection without a close frame, so that the client sees 1006 (RFC 6455
	 * forbids sending that code), and lets waiting senders go.
	 * @return whether this call dropped it: not if it was dropped before or has closed
	 */
	boolean drop() {
		synchronized (this.progress) {
			if (this.closed || this.dropped) {
				return false;
			}
			this.dropped = true;
			this.progress.notifyAll();
		}
		if (this.output instanceof LingeringCoreSession lingering) {
			lingering.abortAtOnce();
		}
		else {
			this.output.abort();
		}
		return true;
	}

	/**
	 * The connection is gone: nothing more is sent, and waiting senders and held frames
	 * are let go.
	 */
	void closed() {
		this.closed = true;
		Callback release;
		synchronized (this.progress) {
			release = this.held;
			this.held = null;
			this.progress.notifyAll();
		}
		if (release != null) {
			release.succeeded();
		}
	}

	/**
	 * Completes one queued frame: written, gathered into a batch, or failed with the
	 * connection.
	 */
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
				logger.debug("Frame to " + SendFlow.this.id + " not written: " + cause);
			}
			written(this.number, this.bytes);
		}

	}

}
