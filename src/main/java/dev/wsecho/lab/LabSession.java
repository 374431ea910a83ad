package dev.wsecho.lab;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import dev.wsecho.slowclient.OutboundSession;

/**
 * What the lab keeps per connection: the thread-safe session that timers write to, the
 * pings awaiting their pong, and the work the connection's commands scheduled (delays,
 * the running stream, bursts), which it starts, counts and cancels, all of it when the
 * connection closes.
 */
final class LabSession {

	private static final Log logger = LogFactory.getLog(LabSession.class);

	private static final int MAX_UNANSWERED_PINGS = 100;

	private final WebSocketSession raw;

	private final OutboundSession out;

	private final LabWork work;

	private final Set<Future<?>> delays = ConcurrentHashMap.newKeySet();

	private final Set<Future<?>> bursts = ConcurrentHashMap.newKeySet();

	private final Queue<SentPing> pings = new ConcurrentLinkedQueue<>();

	private final Object streamLock = new Object();

	private final SendQueue streamSends = new SendQueue();

	private @Nullable TickStream stream;

	private volatile boolean closed;

	/**
	 * @param raw the container's session
	 * @param out the session to send through, from {@code SlowClients}
	 * @param work what the work is scheduled with, and how many delays may wait
	 */
	LabSession(WebSocketSession raw, OutboundSession out, LabWork work) {
		this.raw = raw;
		this.out = out;
		this.work = work;
	}

	/**
	 * The session to send through, from any thread; it closes a client too slow for it.
	 */
	OutboundSession out() {
		return this.out;
	}

	/**
	 * Where this connection's streams queue their messages, in the order they are to go.
	 */
	SendQueue streamSends() {
		return this.streamSends;
	}

	/**
	 * The container's session: closing through it keeps the close code this class
	 * chooses.
	 */
	WebSocketSession raw() {
		return this.raw;
	}

	/**
	 * Runs {@code work} once {@code delay} has passed, unless the connection closes
	 * first; {@code false}, and nothing scheduled, when {@code max-pending-delays} are
	 * already waiting.
	 */
	boolean delay(Duration delay, Work work) {
		synchronized (this.delays) {
			this.delays.removeIf(Future::isDone);
			if (this.delays.size() >= this.work.properties().maxPendingDelays()) {
				return false;
			}
			track(this.delays, this.work.timers().schedule(guarded(work), this.work.clock().instant().plus(delay)));
			return true;
		}
	}

	/** How many delays have not run yet. */
	int pendingDelays() {
		this.delays.removeIf(Future::isDone);
		return this.delays.size();
	}

	/**
	 * Runs {@code work} on a burst thread, cancelled (interrupted) if the connection
	 * closes first.
	 * @throws RejectedExecutionException when every burst thread is busy and their queue
	 * is full
	 */
	void burst(Work work) {
		this.bursts.removeIf(Future::isDone);
		track(this.bursts, this.work.bursts().submit(guarded(work)));
	}

	/** How many bursts have not ended yet. */
	int runningBursts() {
		this.bursts.removeIf(Future::isDone);
		return this.bursts.size();
	}

	/**
	 * Makes {@code stream} the running one, ticking every {@code interval} from one
	 * interval from now; the stream it replaces is stopped first, so its client hears
	 * that it is done.
	 */
	void stream(TickStream stream, Duration interval) throws Exception {
		TickStream previous;
		synchronized (this.streamLock) {
			previous = this.stream;
			this.stream = stream;
		}
		if (previous != null) {
			previous.stop();
		}
		stream.scheduled(this.work.timers()
			.scheduleAtFixedRate(guarded(stream::tick), this.work.clock().instant().plus(interval), interval));
		if (this.closed) {
			stream.cancel();
		}
	}

	/**
	 * Stops the running stream, which tells its client; {@code false} when none was
	 * running.
	 */
	boolean stopStream() throws Exception {
		TickStream running;
		synchronized (this.streamLock) {
			running = this.stream;
		}
		return running != null && running.stop();
	}

	private void track(Set<Future<?>> tasks, Future<?> task) {
		tasks.add(task);
		if (this.closed) {
			task.cancel(true);
		}
	}

	/**
	 * Remembers a ping until its pong; a client that never answers is remembered for its
	 * latest 100.
	 */
	void pingSent(byte[] payload, long nanoTime) {
		this.pings.add(new SentPing(payload, nanoTime));
		while (this.pings.size() > MAX_UNANSWERED_PINGS) {
			this.pings.poll();
		}
	}

	/**
	 * When the oldest unanswered ping with this payload was sent; empty for an
	 * unsolicited pong.
	 */
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

	/**
	 * Cancels every delay, the running stream and every burst; nothing is sent for this
	 * session afterwards.
	 */
	void closed() {
		this.closed = true;
		TickStream running;
		synchronized (this.streamLock) {
			running = this.stream;
		}
		if (running != null) {
			running.cancel();
		}
		cancel(this.delays);
		cancel(this.bursts);
		this.pings.clear();
	}

	private static void cancel(Set<Future<?>> tasks) {
		tasks.forEach((task) -> task.cancel(true));
		tasks.clear();
	}

	/**
	 * Runs work for this session on another thread: a connection that has gone away ends
	 * it quietly; anything unexpected is logged and closes the session with 1011, as
	 * Spring does on its own threads.
	 */
	private Runnable guarded(Work work) {
		return () -> {
			if (this.closed) {
				return;
			}
			try {
				work.run();
			}
			catch (IOException | IllegalStateException ex) {
				logger.debug("Send to " + this.raw.getId() + " failed: " + ex);
				closed();
			}
			catch (Exception ex) {
				logger.error("Lab task failed for " + this.raw.getId(), ex);
				try {
					this.raw.close(CloseStatus.SERVER_ERROR);
				}
				catch (IOException closeFailure) {
					ex.addSuppressed(closeFailure);
				}
			}
		};
	}

	private record SentPing(byte[] payload, long nanoTime) {
	}

	/** Work that sends, so may fail. */
	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

}
