package dev.wsecho.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.jspecify.annotations.Nullable;

/**
 * The output of one connection without extensions: small whole data messages that the
 * thread reading the connection sends are encoded straight into one gathered write, made
 * at the end of the read ({@link #endOfRead()}), instead of each going through Jetty's
 * per-frame queues; every other frame still goes through Jetty's queue, and the two never
 * overtake each other.
 *
 * <p>
 * A frame is gathered only while nothing given to Jetty is unfinished (queued, being
 * written, or batched without a flush after it), no close frame has been sent and no
 * gathered write is in flight; otherwise it goes to Jetty like any other. A frame for
 * Jetty that comes while gathered bytes are unwritten waits here, and goes on, in order,
 * once they are written. So frames reach the wire in the order they were sent, nothing
 * follows the close frame, and only one write is ever in flight on the end-point.
 * Gathered frames are complete as soon as they are encoded, as Jetty completes the frames
 * it batches; the frames of a read that comes while a gathered write is still in flight
 * (a client that reads slowly) go to Jetty, and wait here for that write to end.
 */
final class FrameWriter {

	/** A server's frame header for a payload under 64 KiB: unmasked, at most 4 bytes. */
	private static final int HEADER = 4;

	/** Stands for a flush among the frames waiting for Jetty. */
	private static final Frame FLUSH = new Frame(OpCode.UNDEFINED);

	private final EndPoint endPoint;

	private final JettyQueue jetty;

	/** Completes the write in flight. */
	private final Callback written = new Written();

	/**
	 * Frames and flushes given to Jetty or waiting to be, not yet complete; guarded by
	 * this.
	 */
	private int unfinished;

	/**
	 * Whether a batched frame has been given to Jetty and no flush after it; guarded by
	 * this.
	 */
	private boolean unflushed;

	/** Whether a close frame has been sent; written under this. */
	private volatile boolean closing;

	/** Whether a gathered write is in flight; guarded by this. */
	private boolean writing;

	/** Whether a thread is giving the waiting frames to Jetty; guarded by this. */
	private boolean releasing;

	/**
	 * Frames for Jetty that wait for gathered bytes to be written; guarded by this, made
	 * on first use (an idle connection holds none).
	 */
	private @Nullable ArrayDeque<OutgoingEntry> waiting;

	/**
	 * The frames gathered in this read, unwritten; set only by the reading thread, under
	 * this.
	 */
	private @Nullable RetainableByteBuffer gathered;

	/** The gathered bytes being written; guarded by this. */
	private @Nullable RetainableByteBuffer inFlight;

	/**
	 * @param endPoint what the gathered frames are written to
	 * @param jetty the connection's own queue, for every other frame, and its buffers
	 */
	FrameWriter(EndPoint endPoint, JettyQueue jetty) {
		this.endPoint = endPoint;
		this.jetty = jetty;
	}

	/**
	 * Gathers a whole text or binary message into the write at the end of the read, if
	 * nothing unfinished in Jetty's queue comes before it and it is small; called by the
	 * thread reading the connection, which writes the gathered frames when the read ends.
	 * @param opcode {@link OpCode#TEXT} or {@link OpCode#BINARY}
	 * @param payload the message, left as it is
	 * @return whether it was gathered (it then counts as sent); if not, it is to go
	 * through Jetty's queue
	 */
	boolean gather(byte opcode, ByteBuffer payload) {
		int length = payload.remaining();
		int bufferSize = this.jetty.getOutputBufferSize();
		// As Jetty's flusher, which batches frames of less than a quarter of its buffer
		// and
		// writes larger ones from their own buffers.
		if (length >= bufferSize / 4) {
			return false;
		}
		while (true) {
			RetainableByteBuffer full;
			synchronized (this) {
				if (this.closing || this.writing || this.releasing || this.unfinished > 0 || this.unflushed) {
					return false;
				}
				RetainableByteBuffer buffer = this.gathered;
				if (buffer == null) {
					buffer = this.jetty.getByteBufferPool()
						.acquire(bufferSize, this.jetty.isUseOutputDirectByteBuffers());
					BufferUtil.clear(buffer.getByteBuffer());
					this.gathered = buffer;
				}
				ByteBuffer bytes = buffer.getByteBuffer();
				if (bytes.capacity() - bytes.limit() >= HEADER + length) {
					append(bytes, opcode, payload, length);
					return true;
				}
				// Full: written now, as Jetty writes its batch when the next frame does
				// not fit.
				full = buffer;
				this.gathered = null;
				this.writing = true;
				this.inFlight = full;
			}
			write(full);
		}
	}

	/** Encodes an unmasked, final frame after the bytes in {@code bytes}. */
	private static void append(ByteBuffer bytes, byte opcode, ByteBuffer payload, int length) {
		int end = bytes.limit();
		bytes.limit(bytes.capacity());
		bytes.position(end);
		bytes.put((byte) (0x80 | opcode));
		if (length < 126) {
			bytes.put((byte) length);
		}
		else {
			bytes.put((byte) 126);
			bytes.putShort((short) length);
		}
		bytes.put(bytes.position(), payload, payload.position(), length);
		bytes.position(bytes.position() + length);
		bytes.flip();
	}

	/** Writes what this read gathered; called by the reading thread as its read ends. */
	void endOfRead() {
		// Set only by this thread: no lock needed to see that nothing was gathered.
		RetainableByteBuffer buffer = this.gathered;
		if (buffer == null) {
			return;
		}
		synchronized (this) {
			this.gathered = null;
			this.writing = true;
			this.inFlight = buffer;
		}
		write(buffer);
	}

	/** Whether a close frame has been sent, through Jetty or waiting to be. */
	boolean isClosing() {
		return this.closing;
	}

	/**
	 * Gives a frame to Jetty's queue, at once or, while gathered bytes are unwritten,
	 * once they are.
	 */
	void send(OutgoingEntry entry) {
		Frame frame = entry.getFrame();
		boolean now;
		synchronized (this) {
			if (frame.getOpCode() == OpCode.CLOSE) {
				this.closing = true;
			}
			if (entry.isBatch() && frame.isDataFrame()) {
				this.unflushed = true;
			}
			now = enqueue(entry);
		}
		if (now) {
			toJetty(entry);
		}
	}

	/**
	 * Has Jetty write what it has batched, in order with the frames waiting here.
	 */
	void flush(Callback callback) {
		OutgoingEntry flush = new OutgoingEntry.Builder(FLUSH, callback).build();
		boolean now;
		synchronized (this) {
			this.unflushed = false;
			now = enqueue(flush);
		}
		if (now) {
			toJetty(flush);
		}
	}

	/**
	 * Counts an entry for Jetty; {@code true} if it is to go now, else it waits. Called
	 * with the lock held.
	 */
	private boolean enqueue(OutgoingEntry entry) {
		this.unfinished++;
		if (!this.writing && !this.releasing && this.gathered == null) {
			return true;
		}
		ArrayDeque<OutgoingEntry> waiting = this.waiting;
		if (waiting == null) {
			waiting = new ArrayDeque<>(4);
			this.waiting = waiting;
		}
		waiting.add(entry);
		return false;
	}

	private void toJetty(OutgoingEntry entry) {
		Callback counted = new Counted(entry.getCallback());
		if (entry.getFrame() == FLUSH) {
			this.jetty.flushQueued(counted);
		}
		else {
			this.jetty.sendQueued(new OutgoingEntry.Builder(entry).callback(counted).build());
		}
	}

	private synchronized void finished() {
		this.unfinished--;
	}

	private void write(RetainableByteBuffer buffer) {
		try {
			this.endPoint.write(this.written, buffer.getByteBuffer());
		}
		catch (Throwable ex) {
			this.written.failed(ex);
		}
	}

	private void writeDone(@Nullable Throwable failure) {
		RetainableByteBuffer done;
		boolean release;
		synchronized (this) {
			done = this.inFlight;
			this.inFlight = null;
			this.writing = false;
			if (failure != null) {
				// Nothing more is gathered: what waits goes to Jetty, which fails it.
				this.closing = true;
			}
			ArrayDeque<OutgoingEntry> waiting = this.waiting;
			release = !this.releasing && this.gathered == null && waiting != null && !waiting.isEmpty();
			this.releasing |= release;
		}
		if (done != null) {
			done.release();
		}
		if (failure != null) {
			// As when Jetty's own write fails.
			this.endPoint.close(failure);
			this.jetty.writeFailed(failure);
		}
		if (release) {
			release();
		}
	}

	/**
	 * Gives the frames that waited to Jetty, in order, including any that come meanwhile.
	 */
	private void release() {
		while (true) {
			OutgoingEntry next;
			synchronized (this) {
				ArrayDeque<OutgoingEntry> waiting = this.waiting;
				next = (waiting != null) ? waiting.poll() : null;
				if (next == null) {
					this.releasing = false;
					return;
				}
			}
			toJetty(next);
		}
	}

	/**
	 * Where the frames that are not gathered go, and the buffers to gather in: the
	 * connection's Jetty session. (Asked, not kept, so that an idle connection holds no
	 * more than it must.)
	 */
	interface JettyQueue {

		/** Where the gathering buffers come from. */
		ByteBufferPool getByteBufferPool();

		/** Bytes gathered into one write at most. */
		int getOutputBufferSize();

		/** Whether to gather in direct buffers, as the connection writes. */
		boolean isUseOutputDirectByteBuffers();

		/** Queues a frame in Jetty's session, as if this writer were not there. */
		void sendQueued(OutgoingEntry entry);

		/** Flushes Jetty's session, as if this writer were not there. */
		void flushQueued(Callback callback);

		/**
		 * A gathered write failed (the end-point is closed): the session fails as when
		 * Jetty's own write fails.
		 */
		void writeFailed(Throwable cause);

	}

	/** Completes the gathered write in flight. */
	private final class Written implements Callback {

		@Override
		public void succeeded() {
			writeDone(null);
		}

		@Override
		public void failed(Throwable cause) {
			writeDone(cause);
		}

	}

	/** Counts a frame or flush given to Jetty as finished once Jetty completes it. */
	private final class Counted implements Callback {

		private final Callback callback;

		Counted(Callback callback) {
			this.callback = callback;
		}

		@Override
		public void succeeded() {
			finished();
			this.callback.succeeded();
		}

		@Override
		public void failed(Throwable cause) {
			finished();
			this.callback.failed(cause);
		}

		@Override
		public InvocationType getInvocationType() {
			return this.callback.getInvocationType();
		}

	}

}
