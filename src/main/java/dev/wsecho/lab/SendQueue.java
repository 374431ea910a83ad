package dev.wsecho.lab;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends carried out in the order they were added, by whichever thread flushes while no
 * other is sending: what to send can be decided under a lock and sent after it is
 * released, and a thread that finds another one sending leaves its sends to it instead of
 * waiting.
 */
final class SendQueue {

	private final Queue<LabSession.Work> sends = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean sending = new AtomicBoolean();

	/**
	 * Queues a send; it happens at a {@link #flush()}, after every send added before it.
	 */
	void add(LabSession.Work send) {
		this.sends.add(send);
	}

	/**
	 * Sends what is queued unless another thread is sending, which then sends it; never
	 * waits for that thread, so the connection's reader, which holds the session's send
	 * lock while it handles a message, cannot wait here for a timer that waits for that
	 * lock.
	 */
	void flush() throws Exception {
		// Checked again after letting go: a send queued while this thread was sending is
		// not left behind by its own flush, which found this one sending.
		while (!this.sends.isEmpty() && this.sending.compareAndSet(false, true)) {
			try {
				LabSession.Work send;
				while ((send = this.sends.poll()) != null) {
					send.run();
				}
			}
			finally {
				this.sending.set(false);
			}
		}
	}

	/** Forgets the sends not yet made, for a connection that is closing. */
	void clear() {
		this.sends.clear();
	}

}
