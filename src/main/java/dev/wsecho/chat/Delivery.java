package dev.wsecho.chat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands one listener its events in order, on an executor, so that a listener blocked on a
 * slow socket holds up no one else: {@link #offer} never blocks, and past
 * {@code maxPending} waiting events the listener is told it overflowed and gets nothing
 * more.
 */
public final class Delivery implements Runnable {

	private static final Log logger = LogFactory.getLog(Delivery.class);

	/**
	 * Events handed over per turn, so that one busy listener cannot keep a thread for
	 * ever.
	 */
	private static final int BATCH = 64;

	private final ChatListener listener;

	private final Executor executor;

	private final int maxPending;

	private final Queue<ChatEvent> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Runnable onFailure;

	private volatile boolean stopped;

	/**
	 * @param onFailure what ends the listener's place in the room, run when it overflows
	 * or fails, so that a listener whose connection has gone is not kept for ever
	 */
	public Delivery(ChatListener listener, Executor executor, int maxPending, Runnable onFailure) {
		this.listener = listener;
		this.executor = executor;
		this.maxPending = maxPending;
		this.onFailure = onFailure;
	}

	/** Queues an event; must be called in the order the listener is to see the events. */
	public void offer(ChatEvent event) {
		if (this.stopped) {
			return;
		}
		if (this.pending.incrementAndGet() > this.maxPending) {
			this.stopped = true;
			this.queue.clear();
			this.executor.execute(() -> {
				this.listener.onOverflow();
				this.onFailure.run();
			});
			return;
		}
		this.queue.add(event);
		schedule();
	}

	/** Drops whatever is still waiting; nothing more is handed over. */
	public void stop() {
		this.stopped = true;
		this.queue.clear();
	}

	boolean isStopped() {
		return this.stopped;
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			this.executor.execute(this);
		}
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < BATCH && !this.stopped; i++) {
				ChatEvent event = this.queue.poll();
				if (event == null) {
					break;
				}
				this.pending.decrementAndGet();
				try {
					this.listener.onEvent(event);
				}
				catch (Exception ex) {
					logger.debug("Delivery failed, leaving the room: " + ex);
					stop();
					this.onFailure.run();
				}
			}
		}
		finally {
			this.scheduled.set(false);
			if (!this.stopped && !this.queue.isEmpty()) {
				schedule();
			}
		}
	}

}
