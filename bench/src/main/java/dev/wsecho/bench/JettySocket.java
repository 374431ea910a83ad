package dev.wsecho.bench;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.util.Callback;

/**
 * One WebSocket of Jetty's client in closed loop: keeps its messages in flight, sends the
 * next when an echo returns, and checks each echo against what it sent (bytes, type,
 * order), counting into its own {@link Tally}. Jetty calls it on its threads, one frame
 * at a time; the state is guarded by this object's lock.
 */
final class JettySocket implements FrameHandler {

	/** The measured window, shared by every socket of a run. */
	static final class Window {

		private volatile long from = Long.MAX_VALUE;

		private volatile long to = Long.MAX_VALUE;

		private volatile boolean sending = true;

		void open(long from, long to) {
			this.from = from;
			this.to = to;
		}

		void stopSending() {
			this.sending = false;
		}

		boolean contains(long now) {
			return now >= this.from && now < this.to;
		}

	}

	private final int id;

	private final Payloads payloads;

	private final Window window;

	private final byte type;

	private final Tally tally = new Tally();

	/** Send times of the messages in flight, oldest first. */
	private final ArrayDeque<Long> inFlight = new ArrayDeque<>();

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

	private volatile CoreSession session;

	private long nextSent;

	private long nextEchoed;

	/** Bytes of the current echo checked so far (it may come in fragments). */
	private int echoedBytes;

	private boolean echoGood = true;

	/** Whether a fragment of the current echo came and its last has not. */
	private boolean midMessage;

	private boolean closing;

	JettySocket(int id, Payloads payloads, boolean binary, Window window) {
		this.id = id;
		this.payloads = payloads;
		this.type = binary ? OpCode.BINARY : OpCode.TEXT;
		this.window = window;
	}

	int id() {
		return this.id;
	}

	@Override
	public void onOpen(CoreSession session, Callback callback) {
		this.session = session;
		callback.succeeded();
		session.demand();
	}

	@Override
	public void onFrame(Frame frame, Callback callback) {
		byte opCode = frame.getOpCode();
		if (opCode == OpCode.PONG) {
			this.ready.complete(null);
		}
		else if (frame.isDataFrame()) {
			synchronized (this) {
				echo(frame);
			}
		}
		else if (opCode == OpCode.CLOSE) {
			synchronized (this) {
				if (!this.closing) {
					this.tally.peerClosed++;
				}
			}
		}
		callback.succeeded();
		if (opCode != OpCode.CLOSE) {
			this.session.demand();
		}
	}

	private void echo(Frame frame) {
		long now = System.nanoTime();
		if (this.inFlight.isEmpty()) {
			this.tally.unsolicited++;
			return;
		}
		boolean typeRight = (frame.getOpCode() == OpCode.CONTINUATION) ? this.midMessage
				: !this.midMessage && frame.getOpCode() == this.type;
		this.midMessage = !frame.isFin();
		ByteBuffer payload = frame.getPayload();
		int length = (payload != null) ? payload.remaining() : 0;
		this.echoGood &= typeRight && (length == 0 || this.payloads.matches(payload, payload.position(), length,
				this.id, this.nextEchoed, this.echoedBytes));
		this.echoedBytes += length;
		if (!frame.isFin()) {
			return;
		}
		long sentAt = this.inFlight.poll();
		if (!this.echoGood || this.echoedBytes != this.payloads.size()) {
			this.tally.mismatches++;
		}
		this.echoedBytes = 0;
		this.echoGood = true;
		this.nextEchoed++;
		this.tally.echoed++;
		if (this.window.contains(now)) {
			this.tally.echoedInWindow++;
			this.tally.latencies.record(now - sentAt);
		}
		if (this.window.sending) {
			send();
		}
		if (this.inFlight.isEmpty()) {
			notifyAll();
		}
	}

	/** Starts the closed loop: {@code count} messages in flight. */
	synchronized void sendFirst(int count) {
		for (int i = 0; i < count; i++) {
			send();
		}
	}

	private void send() {
		int offset = Payloads.offset(this.id, this.nextSent);
		ByteBuffer payload = ByteBuffer.allocate(this.payloads.size());
		payload.put(this.payloads.pattern().duplicate().position(offset).limit(offset + this.payloads.size())).flip();
		this.nextSent++;
		this.tally.sent++;
		this.inFlight.add(System.nanoTime());
		Frame frame = new Frame(this.type, payload);
		this.session.sendFrame(frame, Callback.from(() -> {
		}, (failure) -> ioError()), false);
	}

	private synchronized void ioError() {
		if (!this.closing) {
			this.tally.ioErrors++;
		}
	}

	void ping() {
		this.session.sendFrame(new Frame(OpCode.PING, "ready"), Callback.NOOP, false);
	}

	boolean awaitReady(long deadline) throws InterruptedException {
		try {
			this.ready.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			return false;
		}
	}

	/** Waits until every echo came back, or {@code deadline}. */
	synchronized void awaitDrained(long deadline) throws InterruptedException {
		long left = deadline - System.nanoTime();
		while (!this.inFlight.isEmpty() && left > 0 && !this.closed.isDone()) {
			TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
			left = deadline - System.nanoTime();
		}
	}

	void close() {
		synchronized (this) {
			this.closing = true;
		}
		CoreSession current = this.session;
		if (current != null) {
			current.close(CloseStatus.NORMAL, "done", Callback.NOOP);
		}
	}

	void awaitClosed(long deadline) {
		try {
			this.closed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (Exception ex) {
			// Not an error of the server's: echoes still missing were counted as lost.
		}
	}

	/** This socket's counts, with the echoes still missing counted as lost. */
	synchronized Tally finish() {
		this.tally.lost += this.inFlight.size();
		this.inFlight.clear();
		return this.tally;
	}

	@Override
	public void onError(Throwable cause, Callback callback) {
		// A close the server did not answer cleanly, or an I/O failure.
		ioError();
		callback.succeeded();
	}

	@Override
	public void onClosed(CloseStatus closeStatus, Callback callback) {
		this.closed.complete(closeStatus);
		synchronized (this) {
			notifyAll();
		}
		callback.succeeded();
	}

}
