package dev.wsecho.lab;

import java.util.concurrent.Future;

/**
 * One {@code stream} command while it runs: it counts its ticks and ends exactly once, by its
 * last tick or by {@code stop}, so no tick follows its {@code stream-done}.
 */
final class TickStream {

	private final int count;

	private final Sender sender;

	private long seq;

	private boolean ended;

	private Future<?> task;

	/** @param count ticks to send before ending; 0 for no end but {@code stop} */
	TickStream(int count, Sender sender) {
		this.count = count;
		this.sender = sender;
	}

	/** Remembers the scheduled task that calls {@link #tick()}, to cancel it on the end. */
	synchronized void scheduled(Future<?> task) {
		this.task = task;
		if (this.ended) {
			task.cancel(false);
		}
	}

	synchronized void tick() throws Exception {
		if (this.ended) {
			return;
		}
		this.seq++;
		this.sender.tick(this.seq);
		if (this.count > 0 && this.seq >= this.count) {
			end(false);
		}
	}

	/** Ends the stream early; {@code false} when it had already ended. */
	synchronized boolean stop() throws Exception {
		if (this.ended) {
			return false;
		}
		end(true);
		return true;
	}

	/** Ends the stream without telling the client, for a connection that is closing. */
	synchronized void cancel() {
		this.ended = true;
		if (this.task != null) {
			this.task.cancel(false);
		}
	}

	private void end(boolean stopped) throws Exception {
		cancel();
		this.sender.done(this.seq, stopped);
	}

	/** Where a stream's messages go. */
	interface Sender {

		void tick(long seq) throws Exception;

		void done(long count, boolean stopped) throws Exception;

	}

}
