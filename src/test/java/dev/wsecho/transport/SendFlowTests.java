package dev.wsecho.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Each step of a connection's send flow, against a fake connection that writes only when
 * told to, a clock that moves only when a test moves it and a scheduler that runs only
 * when told to; what a real client that stops reading sees is in
 * {@link CoreWebSocketSessionIntegrationTests}.
 */
class SendFlowTests {

	private static final int QUEUE_LIMIT = 100;

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final RecordingCoreSession connection = new RecordingCoreSession();

	/** The flow's clock, in nanoseconds. */
	private final AtomicLong now = new AtomicLong();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final SendFlow flow = new SendFlow(this.connection, null, "test",
			new TransportSettings(1024, 1024, QUEUE_LIMIT), this.now::get, this.scheduler);

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	SendFlowTests() {
		this.flow.setSendTimeout(SEND_TIMEOUT);
	}

	@AfterEach
	void stopTheOtherThread() {
		this.otherThread.shutdownNow();
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

	private void send(int bytes) throws IOException {
		this.flow.sendData(OpCode.BINARY, ByteBuffer.allocate(bytes), true);
	}

	/**
	 * Sends an echo of a frame and hands the frame back, as the connection's reader does.
	 */
	private Callback.Completable echo() throws IOException {
		Callback.Completable frame = new Callback.Completable();
		send(4);
		this.flow.handled(frame, 4);
		return frame;
	}

	/**
	 * Fills the queue past its limit with writes held, then starts a send on another
	 * thread, which waits.
	 */
	private CompletableFuture<Void> aSenderWaitingBehindAFullQueue() throws Exception {
		this.connection.holdWrites();
		send(QUEUE_LIMIT + 1);
		return sendBlockedOnAnotherThread(1);
	}

	/**
	 * Sends from a thread other than the test's, and waits until that send is blocked.
	 */
	private CompletableFuture<Void> sendBlockedOnAnotherThread(int bytes) {
		AtomicReference<Thread> sender = new AtomicReference<>();
		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			sender.set(Thread.currentThread());
			try {
				send(bytes);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, this.otherThread);
		await().atMost(WAIT).until(() -> sender.get() != null && sender.get().getState() == Thread.State.TIMED_WAITING);
		return sending;
	}

	/**
	 * Waits for a send to end, and checks that it failed with an {@code IOException}
	 * saying {@code message}.
	 */
	private static void assertFailsWithIOException(CompletableFuture<Void> sending, String message) {
		await().atMost(WAIT).until(sending::isDone);
		assertThat(sending).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingRootCause()
			.isInstanceOf(IOException.class)
			.withMessageContaining(message);
	}

	@Test
	void readsTheNextFrameAtOnceWhenNothingWaitsToBeWritten() {
		Callback.Completable frame = new Callback.Completable();

		this.flow.handled(frame, 4);

		assertThat(frame).isCompleted();
		assertThat(this.connection.demands).hasValue(1);
	}

	@Test
	void readsTheNextFrameOnlyOnceWhatWasSentWhileHandlingThisOneIsWritten() throws Exception {
		this.connection.holdWrites();

		Callback.Completable frame = echo();

		assertThat(frame).as("the frame, held while its echo is unwritten").isNotDone();
		assertThat(this.connection.demands).hasValue(0);

		this.connection.writeHeldFrames();

		assertThat(frame).isCompleted();
		assertThat(this.connection.demands).hasValue(1);
	}

	@Test
	void holdsAFrameUntilTheLastFrameSentBeforeItIsWritten() throws Exception {
		this.connection.holdWrites();
		send(4);

		Callback.Completable frame = echo();
		this.connection.writeHeldFrame();

		assertThat(frame).as("one of two frames written").isNotDone();
		this.connection.writeHeldFrame();
		assertThat(frame).isCompleted();
	}

	@Test
	void sendsAMessageInPartsAsOneFrameOfItsTypeAndThenContinuations() throws Exception {
		this.flow.sendData(OpCode.TEXT, ByteBuffer.allocate(1), false);
		this.flow.sendData(OpCode.TEXT, ByteBuffer.allocate(1), false);
		this.flow.sendData(OpCode.TEXT, ByteBuffer.allocate(1), true);
		this.flow.sendData(OpCode.BINARY, ByteBuffer.allocate(1), true);

		assertThat(this.connection.sent).extracting(Frame::getOpCode)
			.containsExactly(OpCode.TEXT, OpCode.CONTINUATION, OpCode.CONTINUATION, OpCode.BINARY);
		assertThat(this.connection.sent).extracting(Frame::isFin).containsExactly(false, false, true, true);
	}

	@Test
	void refusesAMessageOfTheOtherTypeWhileOneIsSentInParts() throws Exception {
		this.flow.sendData(OpCode.TEXT, ByteBuffer.allocate(1), false);

		assertThatIllegalStateException().isThrownBy(() -> send(1))
			.withMessageContaining("A TEXT message is being sent in parts");
		assertThat(this.connection.sent).hasSize(1);
	}

	@Test
	void letsASenderOnAnotherThreadGoOnWhileNoMoreThanTheQueueLimitIsUnwritten() throws Exception {
		this.connection.holdWrites();
		send(QUEUE_LIMIT);

		send(1);

		assertThat(this.connection.sent).hasSize(2);
		assertThat(this.connection.aborts).hasValue(0);
	}

	@Test
	void makesASenderOnAnotherThreadWaitWhileMoreThanTheQueueLimitIsUnwritten() throws Exception {
		CompletableFuture<Void> sending = aSenderWaitingBehindAFullQueue();

		assertThat(sending).isNotDone();
		assertThat(this.connection.sent).as("the second frame waits before it is queued").hasSize(1);
	}

	@Test
	void wakesAWaitingSenderOnceAWriteBringsTheQueueUnderTheLimit() throws Exception {
		this.connection.holdWrites();
		send(QUEUE_LIMIT / 2);
		send(QUEUE_LIMIT);
		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		this.connection.writeHeldFrame();

		await().atMost(WAIT).until(sending::isDone);
		assertThat(sending).isCompleted();
		assertThat(this.connection.sent).hasSize(3);
	}

	@Test
	void dropsTheConnectionWhenAHeldFrameSeesNoWriteForTheSendTimeout() throws Exception {
		this.connection.holdWrites();
		echo();

		advance(SEND_TIMEOUT.minusSeconds(1));
		this.scheduler.runPending();
		assertThat(this.connection.aborts).as("19 s without a write").hasValue(0);
		assertThat(this.scheduler.pending).as("checked again later").hasSize(1);

		advance(Duration.ofSeconds(1));
		this.scheduler.runPending();
		assertThat(this.connection.aborts).as("20 s without a write").hasValue(1);
		assertThat(this.connection.closes).as("no close frame: it could not get through").isEmpty();
		assertThat(this.scheduler.pending).as("no check after the drop").isEmpty();
	}

	@Test
	void keepsAClientThatReadsSlowlyButSteadily() throws Exception {
		this.connection.holdWrites();
		send(4);
		send(4);
		echo();

		advance(Duration.ofSeconds(15));
		this.connection.writeHeldFrame();
		advance(Duration.ofSeconds(15));
		this.scheduler.runPending();

		assertThat(this.connection.aborts).as("30 s held, but a write 15 s ago").hasValue(0);
		assertThat(this.scheduler.pending).hasSize(1);
	}

	@Test
	void keepsOneStallCheckPerConnectionHoweverManyFramesAreHeld() throws Exception {
		this.connection.holdWrites();
		for (int i = 0; i < 100; i++) {
			Callback.Completable frame = echo();
			this.connection.writeHeldFrames();
			assertThat(frame).isCompleted();
		}

		assertThat(this.scheduler.pending).hasSize(1);
		this.scheduler.runPending();
		assertThat(this.scheduler.pending).as("nothing held: the check ends").isEmpty();
		assertThat(this.connection.aborts).hasValue(0);
	}

	@Test
	void doesNotDropAConnectionThatWasIdleLongerThanTheSendTimeoutWithNothingQueued() throws Exception {
		this.connection.holdWrites();
		Callback.Completable first = echo();
		this.connection.writeHeldFrames();
		assertThat(first).isCompleted();

		advance(Duration.ofMinutes(5));
		Callback.Completable second = echo();
		this.scheduler.runPending();

		assertThat(this.connection.aborts).as("held for no time, after 5 idle minutes").hasValue(0);
		assertThat(second).isNotDone();
		assertThat(this.scheduler.pending).as("the held frame is watched on").hasSize(1);
	}

	@Test
	void givesASenderTheWholeSendTimeoutOnAConnectionThatWasIdleForLonger() throws Exception {
		advance(Duration.ofMinutes(5));
		CompletableFuture<Void> sending = aSenderWaitingBehindAFullQueue();

		assertThat(this.connection.aborts).as("dropped at once, as if the idle minutes had been a stall").hasValue(0);
		this.connection.writeHeldFrames();
		await().atMost(WAIT).until(sending::isDone);
		assertThat(sending).isCompleted();
	}

	@Test
	void dropsTheConnectionWhenASenderWaitsLongerThanTheSendTimeout() throws Exception {
		this.flow.setSendTimeout(Duration.ofMillis(200));
		CompletableFuture<Void> sending = aSenderWaitingBehindAFullQueue();

		advance(Duration.ofMillis(201));

		assertFailsWithIOException(sending, "the client read nothing for 200 ms; connection dropped");
		assertThat(this.connection.aborts).hasValue(1);
		assertThat(this.connection.closes).as("no close frame: it could not get through").isEmpty();
	}

	@Test
	void dropsOnceWhenTheStallCheckFindsASenderWaitingToo() throws Exception {
		this.connection.holdWrites();
		send(QUEUE_LIMIT + 1);
		this.flow.handled(new Callback.Completable(), 4);
		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		advance(SEND_TIMEOUT);
		this.scheduler.runPending();

		assertFailsWithIOException(sending, "closed while a send waited");
		assertThat(this.connection.aborts).hasValue(1);
	}

	@Test
	void dropsOnceWhenAWaitingSenderGivesUpBeforeTheStallCheck() throws Exception {
		this.flow.setSendTimeout(Duration.ofMillis(200));
		this.connection.holdWrites();
		send(QUEUE_LIMIT + 1);
		this.flow.handled(new Callback.Completable(), 4);
		CompletableFuture<Void> sending = sendBlockedOnAnotherThread(1);

		advance(Duration.ofMillis(201));
		assertFailsWithIOException(sending, "connection dropped");
		this.scheduler.runPending();

		assertThat(this.connection.aborts).hasValue(1);
		assertThat(this.scheduler.pending).as("no check after the drop").isEmpty();
	}

	@Test
	void failsAWaitingSenderWhenTheConnectionIsDropped() throws Exception {
		CompletableFuture<Void> sending = aSenderWaitingBehindAFullQueue();

		assertThat(this.flow.drop()).isTrue();

		assertFailsWithIOException(sending, "closed while a send waited");
		assertThat(this.flow.drop()).as("dropped already").isFalse();
		assertThat(this.connection.aborts).hasValue(1);
	}

	@Test
	void failsAWaitingSenderWhenTheConnectionCloses() throws Exception {
		CompletableFuture<Void> sending = aSenderWaitingBehindAFullQueue();

		this.flow.closed();

		assertFailsWithIOException(sending, "closed while a send waited");
	}

	@Test
	void releasesAHeldFrameAndReadsNoMoreWhenTheConnectionClosesWithFramesQueued() throws Exception {
		this.connection.holdWrites();
		Callback.Completable frame = echo();

		this.flow.closed();

		assertThat(frame).as("released: the connection needs it no more").isCompleted();
		this.connection.writeHeldFrames();
		assertThat(this.connection.demands).as("no read after the close").hasValue(0);
		assertThat(this.flow.isOpen()).isFalse();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(1)).withMessageContaining("is closed");
		assertThat(this.flow.drop()).as("nothing to drop").isFalse();
		assertThat(this.connection.aborts).hasValue(0);
	}

}
