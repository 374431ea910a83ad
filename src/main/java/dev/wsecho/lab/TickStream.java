package dev.wsecho.lab;

import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

/**
 * One {@code stream} command while it runs: it counts its ticks and ends exactly once, by
 * its last tick or by {@code stop}, so no tick follows its {@code stream-done}.
 *
 * <p>
 * Its monitor orders the decisions only; the sends are queued in that order and made
 * after it is released, because the connection's reader asks for it ({@code stop},
 * {@link #scheduled}) while holding the session's send lock, which a timer that sent
 * under the monitor would wait for.
 */
final class TickStream {

	private final int count;

	private final Sender sender;

	private final SendQueue sends;

	private long seq;

	private boolean ended;

	private @Nullable Future<?> task;

	/**
	 * @param count ticks to send before ending; 0 for no end but {@code stop}
	 */
	TickStream(int count, Sender sender) {
		this(count, sender, new SendQueue());
	}

	/**
	 * @param count ticks to send before ending; 0 for no end but {@code stop}
	 * @param sender where its messages go
	 * @param sends the connection's queue for stream messages, shared by its streams so
	 * that one stream's {@code stream-done} goes before the ticks of the stream that
	 * replaced it
	 */
	TickStream(int count, Sender sender, SendQueue sends) {
		this.count = count;
		this.sender = sender;
		this.sends = sends;
	}

	/**
	 * Remembers the scheduled task that calls {@link #tick()}, to cancel it on the end.
	 */
	synchronized void scheduled(Future<?> task) {
		this.task = task;
		if (this.ended) {
			task.cancel(false);
		}
	}

	void tick() throws Exception {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			long seq = ++this.seq;
			this.sends.add(() -> this.sender.tick(seq));
			if (this.count > 0 && this.seq >= this.count) {
				end(false);
			}
		}
		this.sends.flush();
	}

	/** Ends the stream early; {@code false} when it had already ended. */
	boolean stop() throws Exception {
		synchronized (this) {
			if (this.ended) {
				return false;
			}
			end(true);
		}
		this.sends.flush();
		return true;
	}

	/** Ends the stream without telling the client, for a connection that is closing. */
	synchronized void cancel() {
		this.ended = true;
		this.sends.clear();
		if (this.task != null) {
			this.task.cancel(false);
		}
	}

	/**
	 * Called holding the monitor; queues the {@code stream-done}, the stream's last
	 * message.
	 */
	private void end(boolean stopped) {
		this.ended = true;
		if (this.task != null) {
			this.task.cancel(false);
		}
		long seq = this.seq;
		this.sends.add(() -> this.sender.done(seq, stopped));
	}

	/** Where a stream's messages go. */
	interface Sender {

		void tick(long seq) throws Exception;

		void done(long count, boolean stopped) throws Exception;

	}

}
