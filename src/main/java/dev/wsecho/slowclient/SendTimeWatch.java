package dev.wsecho.slowclient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Keeps the send-time limit of {@link ConcurrentWebSocketSessionDecorator}s by the clock:
 * a decorator checks its limit only when another send comes, and none may come while a
 * send waits on a client that stopped reading (a lab burst, the last event of a quiet
 * chat room).
 *
 * <p>
 * One timer looks at every watched connection twice per limit, so a stuck send is found
 * between one and one and a half limits after it began, however many connections there
 * are.
 */
final class SendTimeWatch implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SendTimeWatch.class);

	private final long limitMillis;

	private final Map<ConcurrentWebSocketSessionDecorator, Consumer<String>> watched = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer;

	/**
	 * @param name the timer thread's name
	 * @param limit how long one send may take
	 */
	SendTimeWatch(String name, Duration limit) {
		this.limitMillis = limit.toMillis();
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, this.limitMillis / 2);
		this.timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	/**
	 * Watches {@code out} until {@link #unwatch}: once a send through it has taken longer
	 * than the limit, {@code tooSlow} is called, once, with why:
	 * {@code "a send has taken 533 ms, over the
	 * limit of 500 ms"}.
	 */
	void watch(ConcurrentWebSocketSessionDecorator out, Consumer<String> tooSlow) {
		this.watched.put(out, tooSlow);
	}

	void unwatch(ConcurrentWebSocketSessionDecorator out) {
		this.watched.remove(out);
	}

	/** How many connections are watched. */
	int size() {
		return this.watched.size();
	}

	/**
	 * Calls back every watched connection whose send is over the limit, and stops
	 * watching it.
	 */
	void check() {
		this.watched.forEach((out, tooSlow) -> {
			long millis = out.getTimeSinceSendStarted();
			if (millis > this.limitMillis && this.watched.remove(out, tooSlow)) {
				try {
					tooSlow.accept("a send has taken " + millis + " ms, over the limit of " + this.limitMillis + " ms");
				}
				catch (RuntimeException ex) {
					// Logged rather than thrown: a failure would cancel the timer for
					// every other connection.
					logger.error("Closing a connection too slow for its sends failed", ex);
				}
			}
		});
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
