package dev.wsecho.connection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Pings every connection on a schedule and closes, with 1001, those that stopped
 * answering and those idle (no data message either way) for longer than the limit; one
 * thread sweeps them all.
 */
@Component
class KeepAlive implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(KeepAlive.class);

	private final SessionRegistry sessions;

	private final long idleNanos;

	private final long pingNanos;

	private final CloseStatus idle;

	private final CloseStatus noPong;

	private final LongSupplier clock;

	private @Nullable ScheduledExecutorService sweeper;

	@Autowired
	KeepAlive(SessionRegistry sessions, LimitsProperties limits) {
		this(sessions, limits, System::nanoTime);
	}

	KeepAlive(SessionRegistry sessions, LimitsProperties limits, LongSupplier clock) {
		this.sessions = sessions;
		this.idleNanos = limits.idleTimeout().toNanos();
		this.pingNanos = limits.pingInterval().toNanos();
		this.idle = CloseStatus.GOING_AWAY.withReason("Idle for " + describe(limits.idleTimeout()));
		this.noPong = CloseStatus.GOING_AWAY.withReason("No pong within " + describe(limits.pingInterval()));
		this.clock = clock;
	}

	private static String describe(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + " min";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	/** One pass over every connection. */
	void sweep() {
		long now = this.clock.getAsLong();
		for (TrackedSession session : this.sessions.sessions()) {
			try {
				check(session, now);
			}
			catch (Exception ex) {
				logger.debug("Keep-alive of " + session.getId() + " failed: " + ex);
			}
		}
	}

	private void check(TrackedSession session, long now) throws Exception {
		if (!session.isOpen()) {
			return;
		}
		if (this.idleNanos > 0 && now - session.lastDataNanos() >= this.idleNanos) {
			logger.info("Closing " + session.getId() + ": " + this.idle.getReason());
			session.closeAfterCurrentMessage(this.idle);
			return;
		}
		if (this.pingNanos > 0) {
			long pingSent = session.pingSentNanos();
			if (pingSent != 0 && now - pingSent >= this.pingNanos) {
				logger.info("Closing " + session.getId() + ": " + this.noPong.getReason());
				session.closeAfterCurrentMessage(this.noPong);
			}
			else if (pingSent == 0 && now - session.lastPongNanos() >= this.pingNanos) {
				session.ping(now);
			}
		}
	}

	/**
	 * A quarter of the shortest interval, between 50 ms and 1 s: late by at most that
	 * much.
	 */
	long sweepMillis() {
		long shortest = Long.MAX_VALUE;
		if (this.idleNanos > 0) {
			shortest = this.idleNanos;
		}
		if (this.pingNanos > 0) {
			shortest = Math.min(shortest, this.pingNanos);
		}
		return Math.max(50, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(shortest) / 4));
	}

	@Override
	public void start() {
		if (this.idleNanos <= 0 && this.pingNanos <= 0) {
			return;
		}
		this.sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "wsecho-keepalive");
			thread.setDaemon(true);
			return thread;
		});
		long period = sweepMillis();
		this.sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		if (this.sweeper != null) {
			this.sweeper.shutdownNow();
			this.sweeper = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.sweeper != null;
	}

}
