package dev.wsecho.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One thread's share of the connections, driven by one selector through the phases of a
 * run: connect, wait for the common start, send (closed or open loop, or one message per
 * session in churn, where each session is a connection of its own) until the window ends,
 * drain the echoes and sessions still under way, close. Every phase ends by a deadline.
 */
final class EventLoop {

	private final BenchOptions options;

	private final Selector selector;

	private final Tally tally = new Tally();

	/** Shared by the connections: each parses what it read before the next one reads. */
	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);

	private final List<EchoConnection> connections = new ArrayList<>();

	private final List<EchoConnection> open = new ArrayList<>();

	private EchoConnection[] dirty = new EchoConnection[64];

	private int dirtyCount;

	private final Random random = new Random();

	private long maskState = this.random.nextLong() | 1;

	private final double ratePerSecond;

	private int connecting;

	private int closing;

	private long inFlight;

	private boolean sending;

	private long measureFrom;

	private long measureUntil;

	private final List<String> problems = new ArrayList<>();

	/** Handles each ready key; a field, so that no lambda is made per poll. */
	private final Consumer<SelectionKey> handler = this::handle;

	/** When the keys being handled became ready (read once per poll). */
	private long readyAt;

	private final Payloads payloads;

	/** Churn: sessions kept going at once by this loop. */
	private final int churnSessions;

	/** Churn: the sessions under way. */
	private final Set<EchoConnection> live = new HashSet<>();

	/** Churn: sessions started so far, which numbers the next. */
	private long sessionsStarted;

	EventLoop(BenchOptions options, Payloads payloads, int firstId, int count, double ratePerSecond) {
		this.options = options;
		this.ratePerSecond = ratePerSecond;
		this.payloads = payloads;
		boolean churn = options.mode() == BenchOptions.Mode.CHURN;
		this.churnSessions = churn ? count : 0;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int maxInFlight = switch (options.mode()) {
			case CLOSED -> options.inflight();
			// Room for about two seconds of this connection's share of the rate before
			// sends are skipped.
			case OPEN -> (int) Math.min(65536, Math.max(1024, 2 * ratePerSecond / Math.max(1, count)));
			case IDLE, CHURN -> 1;
		};
		// Churn opens a connection per session as it goes; the others open theirs
		// first.
		for (int i = 0; i < (churn ? 0 : count); i++) {
			this.connections
				.add(new EchoConnection(firstId + i, this, this.tally, payloads, options.binary(), maxInFlight));
		}
	}

	Tally tally() {
		return this.tally;
	}

	List<String> problems() {
		return this.problems;
	}

	/**
	 * Opens the connections, a bounded number of handshakes at a time, until
	 * {@code deadline}.
	 */
	void connectPhase(long deadline, int concurrency) {
		int next = 0;
		while (true) {
			while (next < this.connections.size() && this.connecting < concurrency) {
				this.connecting++;
				this.connections.get(next++).connect();
			}
			if (next >= this.connections.size() && this.connecting == 0) {
				break;
			}
			long now = System.nanoTime();
			if (now >= deadline) {
				break;
			}
			poll(Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(50)));
		}
		for (EchoConnection connection : this.connections) {
			EchoConnection.State state = connection.state();
			if (state != EchoConnection.State.OPEN && state != EchoConnection.State.DEAD) {
				connection.terminate();
			}
		}
	}

	/**
	 * Sends from {@code start} until {@code end} (echoes count from {@code measureFrom}),
	 * then waits until {@code drainEnd} for the echoes still in flight; what is still
	 * missing is lost.
	 */
	void runPhase(long start, long measureFrom, long end, long drainEnd) {
		this.measureFrom = measureFrom;
		this.measureUntil = end;
		while (System.nanoTime() < start) {
			poll(start);
		}
		this.sending = this.options.mode() != BenchOptions.Mode.IDLE;
		long sentOnSchedule = 0;
		double interval = (this.ratePerSecond > 0) ? 1e9 / this.ratePerSecond : 0;
		int roundRobin = 0;
		if (this.options.mode() == BenchOptions.Mode.CLOSED) {
			long now = System.nanoTime();
			for (int i = 0; i < this.open.size(); i++) {
				for (int k = 0; k < this.options.inflight(); k++) {
					this.open.get(i).send(now);
				}
			}
			flushDirty();
		}
		while (true) {
			long now = System.nanoTime();
			if (now >= end) {
				break;
			}
			long wakeUp = end;
			if (this.sending && this.live.size() < this.churnSessions) {
				// Sessions are started here, not as others end, so that a server that
				// refuses at once is retried once per poll, not recursively.
				for (int n = this.churnSessions - this.live.size(); n > 0; n--) {
					startSession();
				}
				flushDirty();
			}
			if (this.options.mode() == BenchOptions.Mode.OPEN && this.sending) {
				// Each message goes out at its planned time and is timed from it, late or
				// not.
				long due = start + (long) (sentOnSchedule * interval);
				while (due <= now && due < end) {
					int index = nextOpen(roundRobin);
					if (index < 0) {
						this.sending = false;
						break;
					}
					roundRobin = (index + 1) % this.open.size();
					this.open.get(index).send(due);
					sentOnSchedule++;
					due = start + (long) (sentOnSchedule * interval);
				}
				flushDirty();
				wakeUp = Math.min(end, due);
			}
			poll(wakeUp);
		}
		this.sending = false;
		while (this.inFlight > 0 || !this.live.isEmpty()) {
			long now = System.nanoTime();
			if (now >= drainEnd) {
				break;
			}
			poll(Math.min(drainEnd, now + TimeUnit.MILLISECONDS.toNanos(50)));
		}
		for (EchoConnection connection : this.connections) {
			connection.abandonInFlight();
		}
		for (EchoConnection session : new ArrayList<>(this.live)) {
			session.terminate();
		}
	}

	/**
	 * Closes every open connection with 1000 and waits until {@code deadline} for the
	 * answers.
	 */
	void closePhase(long deadline) {
		for (EchoConnection connection : this.connections) {
			if (connection.state() == EchoConnection.State.OPEN) {
				this.closing++;
				connection.close();
			}
		}
		flushDirty();
		while (this.closing > 0) {
			long now = System.nanoTime();
			if (now >= deadline) {
				break;
			}
			poll(Math.min(deadline, now + TimeUnit.MILLISECONDS.toNanos(50)));
		}
		for (EchoConnection connection : this.connections) {
			connection.terminate();
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// Called by the connections.

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	Selector selector() {
		return this.selector;
	}

	LoopbackTarget target() {
		return this.options.target();
	}

	/** Where connection {@code id} connects from; null: wherever the kernel picks. */
	InetSocketAddress source(int id) {
		if (this.churnSessions > 0) {
			return this.options.target().churnSource(id);
		}
		return this.options.target().source(id, this.options.connections());
	}

	Random random() {
		return this.random;
	}

	/**
	 * A fresh masking key per frame (xorshift: cheap, and masks need not be secret here).
	 */
	int nextMask() {
		long x = this.maskState;
		x ^= x << 13;
		x ^= x >>> 7;
		x ^= x << 17;
		this.maskState = x;
		return (int) (x >>> 16);
	}

	void markDirty(EchoConnection connection) {
		if (this.dirtyCount == this.dirty.length) {
			EchoConnection[] larger = new EchoConnection[2 * this.dirty.length];
			System.arraycopy(this.dirty, 0, larger, 0, this.dirtyCount);
			this.dirty = larger;
		}
		this.dirty[this.dirtyCount++] = connection;
	}

	void opened(EchoConnection connection, long now) {
		if (this.live.contains(connection)) {
			// Churn: the one message of the session goes out as soon as it is open.
			if (inWindow(now)) {
				this.tally.handshakes.record(now - connection.startedAt());
			}
			connection.send(now);
			return;
		}
		this.connecting--;
		this.open.add(connection);
	}

	void closed(EchoConnection connection, EchoConnection.State was) {
		if (this.live.remove(connection)) {
			sessionEnded(connection, was);
			return;
		}
		if (was == EchoConnection.State.CONNECTING || was == EchoConnection.State.HANDSHAKE) {
			this.connecting--;
		}
		else if (was == EchoConnection.State.CLOSING) {
			this.closing--;
		}
	}

	void forget(int messages) {
		this.inFlight -= messages;
	}

	void sent() {
		this.inFlight++;
	}

	void echoed(EchoConnection connection, long sentAt, long now) {
		this.inFlight--;
		this.tally.echoed++;
		if (this.live.contains(connection)) {
			// Churn: the session's echo is back; the close handshake ends it.
			connection.close();
		}
		if (inWindow(now)) {
			this.tally.echoedInWindow++;
			this.tally.latencies.record(now - sentAt);
		}
		if (this.sending && this.options.mode() == BenchOptions.Mode.CLOSED && now < this.measureUntil
				&& connection.state() == EchoConnection.State.OPEN) {
			connection.send(now);
		}
	}

	private boolean inWindow(long now) {
		return now >= this.measureFrom && now < this.measureUntil;
	}

	/** Churn: opens the next session's connection. */
	private void startSession() {
		EchoConnection session = new EchoConnection((int) (this.sessionsStarted++ % Integer.MAX_VALUE), this,
				this.tally, this.payloads, this.options.binary(), 1);
		this.live.add(session);
		session.connect();
	}

	/**
	 * Churn: counts a session that has ended; clean only if the server answered the close
	 * with its own close frame, 1000.
	 */
	private void sessionEnded(EchoConnection session, EchoConnection.State was) {
		if (was != EchoConnection.State.CLOSING) {
			// Failed before the close: its cause is counted already.
			this.tally.sessionsFailed++;
			return;
		}
		int code = session.closeCode();
		if (code == -1) {
			// The server ended TCP without its close frame, or (cut off at the end) had
			// not answered the close by then.
			this.tally.uncleanCloses++;
			this.tally.sessionsFailed++;
		}
		else if (code != 1000) {
			this.tally.badCloses++;
			this.tally.sessionsFailed++;
		}
		else {
			long now = System.nanoTime();
			if (inWindow(now)) {
				this.tally.sessions++;
				this.tally.sessionTimes.record(now - session.startedAt());
			}
		}
	}

	void report(String problem) {
		if (this.problems.size() < 10) {
			this.problems.add(problem);
		}
	}

	/**
	 * The index in {@code open} of the first connection still open from {@code from} on,
	 * or -1.
	 */
	private int nextOpen(int from) {
		for (int k = 0; k < this.open.size(); k++) {
			int index = (from + k) % this.open.size();
			if (this.open.get(index).state() == EchoConnection.State.OPEN) {
				return index;
			}
		}
		return -1;
	}

	/**
	 * Handles what is ready until {@code deadline}. The selector only sleeps in whole
	 * milliseconds, so for less than that it polls and spins while echoes are due (an
	 * open-loop send then leaves on time and an echo is timed when it lands), and parks
	 * when none is: nothing can be late then.
	 */
	private void poll(long deadline) {
		try {
			long wait = deadline - System.nanoTime();
			this.readyAt = 0;
			int ready;
			if (wait >= 1_000_000) {
				ready = this.selector.select(this.handler, Math.min(1000, wait / 1_000_000));
			}
			else {
				ready = this.selector.selectNow(this.handler);
				if (ready == 0 && this.inFlight == 0 && wait > 0) {
					LockSupport.parkNanos(wait);
				}
				else if (ready == 0) {
					Thread.onSpinWait();
				}
			}
			flushDirty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(SelectionKey key) {
		if (this.readyAt == 0) {
			this.readyAt = System.nanoTime();
		}
		if (key.isValid()) {
			((EchoConnection) key.attachment()).onReady(key.readyOps(), this.readyAt);
		}
	}

	private void flushDirty() {
		for (int i = 0; i < this.dirtyCount; i++) {
			this.dirty[i].flush();
			this.dirty[i] = null;
		}
		this.dirtyCount = 0;
	}

}
