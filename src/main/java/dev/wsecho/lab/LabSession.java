package dev.wsecho.lab;

import java.util.Arrays;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;

import org.springframework.web.socket.WebSocketSession;

import dev.wsecho.slowclient.OutboundSession;

/**
 * What the lab keeps per connection: the thread-safe session that timers write to, the tasks to
 * cancel when it closes, the pings awaiting their pong and the running stream.
 */
final class LabSession {

	private static final int MAX_UNANSWERED_PINGS = 100;

	private final WebSocketSession raw;

	private final OutboundSession out;

	private final Set<Future<?>> tasks = ConcurrentHashMap.newKeySet();

	private final Queue<SentPing> pings = new ConcurrentLinkedQueue<>();

	private final Object streamLock = new Object();

	private TickStream stream;

	private volatile boolean closed;

	LabSession(WebSocketSession raw, OutboundSession out) {
		this.raw = raw;
		this.out = out;
	}

	/** The session to send through, from any thread; it closes a client too slow for it. */
	OutboundSession out() {
		return this.out;
	}

	/** The container's session: closing through it keeps the close code this class chooses. */
	WebSocketSession raw() {
		return this.raw;
	}

	/** Remembers a task so that closing cancels it; cancels it at once when already closed. */
	void track(Future<?> task) {
		this.tasks.removeIf(Future::isDone);
		this.tasks.add(task);
		if (this.closed) {
			task.cancel(true);
		}
	}

	/** How many tasks have not run yet. */
	int pendingTasks() {
		this.tasks.removeIf(Future::isDone);
		return this.tasks.size();
	}

	void untrack(Future<?> task) {
		this.tasks.remove(task);
	}

	/** Makes {@code stream} the running one, returning the one it replaces, if any. */
	TickStream startStream(TickStream stream) {
		synchronized (this.streamLock) {
			TickStream previous = this.stream;
			this.stream = stream;
			return previous;
		}
	}

	TickStream runningStream() {
		synchronized (this.streamLock) {
			return this.stream;
		}
	}

	/** Remembers a ping until its pong; a client that never answers is remembered for its latest 100. */
	void pingSent(byte[] payload, long nanoTime) {
		this.pings.add(new SentPing(payload, nanoTime));
		while (this.pings.size() > MAX_UNANSWERED_PINGS) {
			this.pings.poll();
		}
	}

	/** When the oldest unanswered ping with this payload was sent; empty for an unsolicited pong. */
	OptionalLong pongReceived(byte[] payload) {
		for (Iterator<SentPing> it = this.pings.iterator(); it.hasNext();) {
			SentPing ping = it.next();
			if (Arrays.equals(ping.payload(), payload)) {
				it.remove();
				return OptionalLong.of(ping.nanoTime());
			}
		}
		return OptionalLong.empty();
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Cancels every timer and burst; nothing is sent for this session afterwards. */
	void closed() {
		this.closed = true;
		TickStream running = runningStream();
		if (running != null) {
			running.cancel();
		}
		this.tasks.forEach((task) -> task.cancel(true));
		this.tasks.clear();
		this.pings.clear();
	}

	private record SentPing(byte[] payload, long nanoTime) {
	}

}
