package dev.wsecho.transport;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control between a session's sends and its reads, against a fake connection that writes
 * only when told to; what a real client that stops reading sees is in
 * {@link CoreWebSocketSessionIntegrationTests}.
 */
class CoreWebSocketSessionTests {

	private static final int QUEUE_LIMIT = 100;

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final RecordingCoreSession connection = new RecordingCoreSession();

	/** The session's clock, in nanoseconds; it moves only when a test moves it. */
	private final AtomicLong now = new AtomicLong();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final CoreWebSocketSession session = new CoreWebSocketSession(URI.create("ws://localhost/ws/test"),
			new HttpHeaders(), null, null, new TransportSettings(64 * 1024, 64 * 1024, QUEUE_LIMIT), this.now::get,
			this.scheduler);

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	CoreWebSocketSessionTests() {
		this.session.opened(this.connection);
	}

	@AfterEach
	void stopTheOtherThread() {
		this.otherThread.shutdownNow();
	}

	/** Sends from a thread other than the test's, and waits until that send is blocked. */
	private CompletableFuture<Void> sendBlockedOnAnotherThread(int bytes) {
		AtomicReference<Thread> sender = new AtomicReference<>();
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			sender.set(Thread.currentThread());
			try {
				this.session.sendMessage(new BinaryMessage(new byte[bytes]));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, this.otherThread);
		await().atMost(WAIT)
			.until(() -> sender.get() != null && sender.get().getState() == Thread.State.TIMED_WAITING);
		return sending;
	}

	/** Waits for a send to end, and checks that it failed with an {@code IOException} saying {@code message}. */
	private static void assertFailsWithIOException(CompletableFuture<Void> sending, String message) {
		await().atMost(WAIT).until(sending::isDone);
		assertThat(sending).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingRootCause()
			.isInstanceOf(IOException.class)
			.withMessageContaining(message);
	}

	@Test
	void readsTheNextFrameOnlyOnceWhatWasSentWhileHandlingThisOneIsWritten() throws Exception {
		this.connection.holdWrites();
		Callback.Completable frame = new Callback.Completable();

		this.session.sendMessage(new TextMessage("echo"));
		this.session.handled(frame, 4);

		assertThat(frame).as("the frame, held while its echo is unwritten").isNotDone();
		assertThat(this.connection.demands).hasValue(0);

		this.connection.writeHeldFrames();

		assertThat(frame).isCompleted();
		assertThat(this.connection.demands).hasValue(1);
	}

	@Test
	void dropsTheConnectionWhenAHeldFrameSeesNoWriteForTheSendTimeout() throws Exception {
		this.session.setSendTimeout(Duration.ofSeconds(20));
		this.connection.holdWrites();
		this.session.sendMessage(new TextMessage("echo"));
		this.session.handled(new Callback.Completable(), 4);

		this.now.addAndGet(Duration.ofSeconds(19).toNanos());
		this.scheduler.runPending();
		assertThat(this.connection.aborted).as("19 s without a write").isFalse();
		assertThat(this.scheduler.pending).as("checked again later").hasSize(1);

		this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		this.scheduler.runPending();
		assertThat(this.connection.aborted).as("20 s without a write").isTrue();
	}

	@Test
	void keepsOneStallCheckPerConnectionHoweverManyFramesAreHeld() throws Exception {
		this.connection.holdWrites();
		for (int i = 0; i < 100; i++) {
			Callback.Completable frame = new Callback.Completable();
			this.session.sendMessage(new TextMessage("echo " + i));
			this.session.handled(frame, 4);
			this.connection.writeHeldFrames();
			assertThat(frame).isCompleted();
		}

		assertThat(this.scheduler.pending).hasSize(1);
		this.scheduler.runPending();
		assertThat(this.scheduler.pending).as("nothing held: the check ends").isEmpty();
		assertThat(this.connection.aborted).isFalse();
	}

	@Test
	void readsTheNextFrameAtOnceWhenNothingWaitsToBeWritten() {
		Callback.Completable frame = new Callback.Completable();

		this.session.handled(frame, 4);

		assertThat(frame).isCompleted();
		assertThat(this.connection.demands).hasValue(1);
	}

	@Test
	void letsASenderOnAnotherThreadGoOnWhileNoMoreThanTheQueueLimitIsUnwritten() throws Exception {
		this.connection.holdWrites();
		this.session.setSendTimeout(Duration.ofMillis(100));

		this.session.sendMessage(new BinaryMessage(new byte[QUEUE_LIMIT]));

		assertThat(this.connection.sent).hasSize(1);
		assertThat(this.connection.aborted).isFalse();
	}

	@Test
	void makesASenderOnAnotherThreadWaitWhileMoreThanTheQueueLimitIsUnwritten() throws Exception {
		this.connection.holdWrites();
		this.session.sendMessage(new BinaryMessage(new byte[QUEUE_LIMIT + 1]));

		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		assertThat(sending).isNotDone();
		assertThat(this.connection.sent).as("the second frame waits before it is queued").hasSize(1);
		this.connection.writeHeldFrames();
		await().atMost(WAIT).until(sending::isDone);
		assertThat(sending).isCompleted();
		assertThat(this.connection.sent).hasSize(2);
	}

	@Test
	void givesASenderTheWholeSendTimeoutOnAConnectionThatWasIdleForLonger() throws Exception {
		this.session.setSendTimeout(Duration.ofSeconds(20));
		this.now.addAndGet(Duration.ofMinutes(5).toNanos());
		this.connection.holdWrites();
		this.session.sendMessage(new BinaryMessage(new byte[QUEUE_LIMIT + 1]));

		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		assertThat(this.connection.aborted).as("dropped at once, as if the idle minutes had been a stall").isFalse();
		this.connection.writeHeldFrames();
		await().atMost(WAIT).until(sending::isDone);
		assertThat(sending).isCompleted();
	}

	@Test
	void dropsTheConnectionWhenASenderWaitsLongerThanTheSendTimeout() throws Exception {
		this.connection.holdWrites();
		this.session.setSendTimeout(Duration.ofMillis(200));
		this.session.sendMessage(new BinaryMessage(new byte[QUEUE_LIMIT + 1]));
		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		this.now.addAndGet(Duration.ofMillis(201).toNanos());

		assertFailsWithIOException(sending, "the client read nothing for 200 ms; connection dropped");
		assertThat(this.connection.aborted).isTrue();
		assertThat(this.connection.closes).as("no close frame: it could not get through").isEmpty();
	}

	@Test
	void failsAWaitingSenderWhenTheConnectionCloses() throws Exception {
		this.connection.holdWrites();
		this.session.sendMessage(new BinaryMessage(new byte[QUEUE_LIMIT + 1]));
		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		this.session.closed();

		assertFailsWithIOException(sending, "closed while a send waited");
	}

}
