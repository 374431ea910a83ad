package dev.wsecho.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.ExtensionConfig;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OutgoingEntry;

import org.springframework.web.socket.CloseStatus;

/**
 * A Jetty connection for unit tests that records the frames sent, the closes and the
 * demands, and writes each frame at once or, after {@link #holdWrites()}, only when told
 * to.
 */
final class RecordingCoreSession extends CoreSession.Empty {

	final List<Frame> sent = new CopyOnWriteArrayList<>();

	final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

	final AtomicInteger demands = new AtomicInteger();

	volatile boolean aborted;

	/** How many times the connection was aborted (dropped): a second abort is a bug. */
	final AtomicInteger aborts = new AtomicInteger();

	private final List<Callback> unwritten = new ArrayList<>();

	private boolean holdWrites;

	private volatile boolean outputOpen = true;

	/**
	 * From now on, frames wait for {@link #writeHeldFrames()}, as for a client that does
	 * not read.
	 */
	synchronized void holdWrites() {
		this.holdWrites = true;
	}

	/**
	 * Writes the oldest frame held, as a client that reads a little; {@code false} if
	 * none is held.
	 */
	boolean writeHeldFrame() {
		Callback written;
		synchronized (this) {
			if (this.unwritten.isEmpty()) {
				return false;
			}
			written = this.unwritten.remove(0);
		}
		written.succeeded();
		return true;
	}

	/** Writes the frames held so far, completing their callbacks in order. */
	void writeHeldFrames() {
		List<Callback> written;
		synchronized (this) {
			written = new ArrayList<>(this.unwritten);
			this.unwritten.clear();
		}
		written.forEach(Callback::succeeded);
	}

	@Override
	public void sendFrame(OutgoingEntry entry) {
		Frame frame = entry.getFrame();
		ByteBuffer payload = ByteBuffer.allocate(frame.getPayloadLength());
		payload.put(frame.getPayload().duplicate()).flip();
		this.sent.add(new Frame(frame.getOpCode(), frame.isFin(), payload));
		synchronized (this) {
			if (this.holdWrites) {
				this.unwritten.add(entry.getCallback());
				return;
			}
		}
		entry.getCallback().succeeded();
	}

	@Override
	public void close(int statusCode, String reason, Callback callback) {
		this.closes.add(new CloseStatus(statusCode, reason));
		this.outputOpen = false;
		callback.succeeded();
	}

	@Override
	public void close(Callback callback) {
		close(CloseStatus.NO_STATUS_CODE.getCode(), null, callback);
	}

	@Override
	public void abort() {
		this.aborts.incrementAndGet();
		this.aborted = true;
		this.outputOpen = false;
	}

	@Override
	public void demand() {
		this.demands.incrementAndGet();
	}

	@Override
	public boolean isOutputOpen() {
		return this.outputOpen;
	}

	@Override
	public List<ExtensionConfig> getNegotiatedExtensions() {
		return List.of();
	}

}
