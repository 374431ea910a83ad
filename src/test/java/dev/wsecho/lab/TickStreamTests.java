package dev.wsecho.lab;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class TickStreamTests {

	private final List<String> sent = new ArrayList<>();

	private final LockingSession locked = new LockingSession();

	/** The timer task of the stream under test, as its scheduler would hand it over. */
	private final CompletableFuture<Void> task = new CompletableFuture<>();

	private final TickStream.Sender sender = new TickStream.Sender() {

		@Override
		public void tick(long seq) {
			TickStreamTests.this.sent.add("tick " + seq);
		}

		@Override
		public void done(long count, boolean stopped) {
			TickStreamTests.this.sent.add("done " + count + (stopped ? " stopped" : ""));
		}

	};

	@Test
	void endsAfterItsCountAndCancelsItsTask() throws Exception {
		TickStream stream = scheduled(2);

		stream.tick();
		stream.tick();
		stream.tick();

		assertThat(this.sent).containsExactly("tick 1", "tick 2", "done 2");
		assertThat(this.task).isCancelled();
	}

	@Test
	void sendsNothingAfterStop() throws Exception {
		TickStream stream = scheduled(0);
		stream.tick();

		assertThat(stream.stop()).isTrue();
		stream.tick();

		assertThat(stream.stop()).as("a second stop").isFalse();
		assertThat(this.sent).containsExactly("tick 1", "done 1 stopped");
	}

	@Test
	void cancelEndsSilently() throws Exception {
		TickStream stream = scheduled(0);

		stream.cancel();
		stream.tick();

		assertThat(this.sent).isEmpty();
		assertThat(this.task).isCancelled();
	}

	@Test
	void aStopFromTheReaderHoldingTheSendLockDoesNotWaitForATickWaitingForThatLock() throws Exception {
		TickStream stream = new TickStream(0, new LockedSender());
		stream.scheduled(new CompletableFuture<>());

		readerHoldsTheSendLockWhileATickWaitsForIt(stream, () -> assertThat(stream.stop()).isTrue());

		assertThat(this.locked.sent).extracting(TextMessage.class::cast)
			.extracting(TextMessage::getPayload)
			.containsExactly("tick 1", "done 1 stopped");
	}

	@Test
	void theReaderHoldingTheSendLockSchedulesAStreamWhoseFirstTickWaitsForThatLock() throws Exception {
		TickStream stream = new TickStream(2, new LockedSender());
		CompletableFuture<Void> task = new CompletableFuture<>();

		readerHoldsTheSendLockWhileATickWaitsForIt(stream, () -> stream.scheduled(task));
		stream.tick();

		assertThat(this.locked.sent).extracting(TextMessage.class::cast)
			.extracting(TextMessage::getPayload)
			.containsExactly("tick 1", "tick 2", "done 2");
		assertThat(task).isCancelled();
	}

	/**
	 * A stream of {@code count} ticks (0: no end) to {@link #sent}, on its timer task.
	 */
	private TickStream scheduled(int count) {
		TickStream stream = new TickStream(count, this.sender);
		stream.scheduled(this.task);
		return stream;
	}

	/**
	 * Plays the connection's reader, which handles a message holding the session's send
	 * lock, and a timer whose tick sends through that session: the reader acts on the
	 * stream once the tick is waiting for the lock, then lets go. Both must finish; a
	 * deadlock fails the test.
	 */
	private void readerHoldsTheSendLockWhileATickWaitsForIt(TickStream stream, LabSession.Work reader)
			throws Exception {
		CountDownLatch readerHoldsLock = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread readerThread = thread("reader", () -> {
			this.locked.lock.lock();
			try {
				readerHoldsLock.countDown();
				assertThat(this.locked.waitingForLock.await(10, TimeUnit.SECONDS)).as("tick waits for the lock")
					.isTrue();
				reader.run();
			}
			finally {
				this.locked.lock.unlock();
			}
		}, failure);
		Thread timerThread = thread("timer", () -> {
			assertThat(readerHoldsLock.await(10, TimeUnit.SECONDS)).isTrue();
			stream.tick();
		}, failure);
		readerThread.join(TimeUnit.SECONDS.toMillis(5));
		timerThread.join(TimeUnit.SECONDS.toMillis(5));
		long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
		assertThat(deadlocked).as("deadlocked threads").isNull();
		assertThat(readerThread.isAlive()).as("reader still waiting").isFalse();
		assertThat(timerThread.isAlive()).as("timer still waiting").isFalse();
		assertThat(failure.get()).isNull();
	}

	/**
	 * A daemon thread, so that one left deadlocked by a failing test does not keep the
	 * JVM up.
	 */
	private static Thread thread(String name, LabSession.Work work, AtomicReference<Throwable> failure) {
		Thread thread = new Thread(() -> {
			try {
				work.run();
			}
			catch (Throwable ex) {
				failure.compareAndSet(null, ex);
			}
		}, "tick-stream-test-" + name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Sends a stream's messages as text through the locking session. */
	private final class LockedSender implements TickStream.Sender {

		@Override
		public void tick(long seq) throws Exception {
			TickStreamTests.this.locked.sendMessage(new TextMessage("tick " + seq));
		}

		@Override
		public void done(long count, boolean stopped) throws Exception {
			TickStreamTests.this.locked.sendMessage(new TextMessage("done " + count + (stopped ? " stopped" : "")));
		}

	}

	/**
	 * Sends holding one lock, as the server's tracked session does, and tells when a send
	 * waits for it.
	 */
	private static final class LockingSession extends RecordingWebSocketSession {

		final ReentrantLock lock = new ReentrantLock();

		final CountDownLatch waitingForLock = new CountDownLatch(1);

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
			if (!this.lock.isHeldByCurrentThread()) {
				this.waitingForLock.countDown();
			}
			this.lock.lock();
			try {
				super.sendMessage(message);
			}
			finally {
				this.lock.unlock();
			}
		}

	}

}
