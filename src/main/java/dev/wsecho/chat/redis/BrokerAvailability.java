package dev.wsecho.chat.redis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Whether the chat's broker (Redis) can serve now, learnt by a check every
 * {@code broker-check-interval}: available once a probe this instance published comes
 * back on the channel, lost when Redis stops answering (then the room is told, once), and
 * available again when a probe comes back after that. Its start holds the start-up until
 * the broker is first available, for at most the connect timeout.
 */
final class BrokerAvailability {

	private static final Log logger = LogFactory.getLog(BrokerAvailability.class);

	private final Broker broker;

	private final Runnable onLost;

	private final Scheduler scheduler;

	private final Duration checkInterval;

	private final Duration connectTimeout;

	/** Open until Redis has answered and the subscription works for the first time. */
	private final CountDownLatch firstAvailable = new CountDownLatch(1);

	private volatile boolean available;

	private volatile @Nullable Runnable cancelChecks;

	/**
	 * @param onLost what the room does when the broker is lost (end its listeners), run
	 * once per loss
	 * @param checkInterval how often to check ({@code wsecho.chat.broker-check-interval})
	 * @param connectTimeout how long {@link #start()} waits for the broker
	 * ({@code spring.data.redis.connect-timeout})
	 */
	BrokerAvailability(Broker broker, Runnable onLost, Scheduler scheduler, Duration checkInterval,
			Duration connectTimeout) {
		this.broker = broker;
		this.onLost = onLost;
		this.scheduler = scheduler;
		this.checkInterval = checkInterval;
		this.connectTimeout = connectTimeout;
	}

	/** Whether the broker answers and this instance's subscription is live. */
	boolean isAvailable() {
		return this.available;
	}

	/** Whether the broker has been available at all since the start. */
	boolean hasBeenAvailable() {
		return this.firstAvailable.getCount() == 0;
	}

	/** This instance's probe came back on the channel: the subscription is live. */
	void probeReturned() {
		if (!this.available) {
			this.available = true;
			this.firstAvailable.countDown();
			logger.info("Chat broker (Redis) reachable; the chat is available");
		}
	}

	/**
	 * The broker failed to answer; the first failure after it was available tells the
	 * room.
	 */
	synchronized void lost(Exception ex) {
		if (!this.available) {
			return;
		}
		this.available = false;
		logger.warn("Chat broker (Redis) unreachable; the chat is unavailable until it answers: " + ex);
		this.onLost.run();
	}

	/**
	 * Renews this instance's presence; after a loss, probes the subscription until it
	 * works again.
	 */
	void check() {
		if (!this.broker.subscribe()) {
			return;
		}
		try {
			this.broker.renew();
			if (!this.available) {
				this.broker.probe();
			}
		}
		catch (DataAccessException ex) {
			if (ex.getCause() instanceof RedisCommandExecutionException) {
				logger.error("Chat broker check failed", ex);
			}
			else {
				lost(ex);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Chat broker check failed", ex);
		}
	}

	/**
	 * Starts the checks, and holds the start-up, and so the web server's, for at most the
	 * connect timeout, so that a member who joins the moment the port opens is in the
	 * room; when Redis is not there by then, the instance starts anyway (the echo and the
	 * lab need no Redis) and is not ready until it is.
	 */
	void start() {
		this.cancelChecks = this.scheduler.every(this.checkInterval, this::check);
		try {
			if (!this.firstAvailable.await(this.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Chat broker (Redis) not reachable within " + this.connectTimeout.toMillis()
						+ " ms; starting without it: the chat refuses members, and the instance is not ready,"
						+ " until it answers");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void stop() {
		Runnable cancel = this.cancelChecks;
		if (cancel != null) {
			cancel.run();
			this.cancelChecks = null;
		}
	}

	boolean isRunning() {
		return this.cancelChecks != null;
	}

	/** What the checks do to the broker. */
	interface Broker {

		/**
		 * Starts this instance's subscription to the channel unless it is running.
		 * @return whether it is running
		 */
		boolean subscribe();

		/** Renews this instance's presence; throws when Redis does not answer. */
		void renew();

		/**
		 * Publishes a probe that comes back to
		 * {@link BrokerAvailability#probeReturned()}.
		 */
		void probe();

	}

	/** Runs the checks. */
	interface Scheduler {

		/**
		 * Runs {@code task} now and then every {@code period} after the last run ended.
		 * @return what stops it
		 */
		Runnable every(Duration period, Runnable task);

		/** On one daemon thread of its own, named {@code chat-broker-check}. */
		static Scheduler daemonThread() {
			return (period, task) -> {
				ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
					Thread thread = new Thread(runnable, "chat-broker-check");
					thread.setDaemon(true);
					return thread;
				});
				checker.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
				return checker::shutdownNow;
			};
		}

	}

}
