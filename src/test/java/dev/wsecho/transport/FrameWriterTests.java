package dev.wsecho.transport;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What reaches the wire, in which order, when small messages are gathered by the reading
 * thread and other frames go through Jetty's queue: against an in-memory end-point and a
 * fake of Jetty's queue that, as Jetty's flusher, writes control frames and unbatched
 * frames at once and batched data frames at the next flush, and refuses frames after a
 * close frame.
 */
class FrameWriterTests {

	private static final int BUFFER_SIZE = 1024;

	private static final ByteBufferPool POOL = new ArrayByteBufferPool();

	private final ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 64 * 1024);

	private final FakeJetty jetty = new FakeJetty(this.endPoint);

	private final FrameWriter writer = new FrameWriter(this.endPoint, this.jetty);

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopTheOtherThread() {
		this.otherThread.shutdownNow();
	}

	private static ByteBuffer utf8(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	private static OutgoingEntry entry(Frame frame, boolean batch) {
		return new OutgoingEntry.Builder(frame, Callback.NOOP).batch(batch).build();
	}

	private static OutgoingEntry entry(Frame frame, Callback callback) {
		return new OutgoingEntry.Builder(frame, callback).build();
	}

	private static Frame text(String text) {
		return new Frame(OpCode.TEXT, true, utf8(text));
	}

	private static Frame pong(String payload) {
		return new Frame(OpCode.PONG, true, utf8(payload));
	}

	private List<String> wire() {
		return wire(this.endPoint.takeOutput());
	}

	/** The frames in {@code output}, each as "OPCODE payload" ("CLOSE code"). */
	private static List<String> wire(ByteBuffer output) {
		List<String> frames = new ArrayList<>();
		while (output.hasRemaining()) {
			int first = output.get() & 0xFF;
			int length = output.get() & 0x7F;
			if (length == 126) {
				length = output.getShort() & 0xFFFF;
			}
			byte[] payload = new byte[length];
			output.get(payload);
			byte opcode = (byte) (first & 0x0F);
			String fin = ((first & 0x80) != 0) ? "" : " (not fin)";
			String content = (opcode == OpCode.CLOSE) ? String.valueOf(ByteBuffer.wrap(payload).getShort())
					: new String(payload, StandardCharsets.UTF_8);
			frames.add(OpCode.name(opcode) + fin + " " + content);
		}
		return frames;
	}

	@Test
	void gathersSmallWholeMessagesAndWritesThemWhenTheReadEnds() {
		String medium = "m".repeat(200);
		assertThat(this.writer.gather(OpCode.TEXT, utf8("one"))).isTrue();
		assertThat(this.writer.gather(OpCode.BINARY, utf8(medium))).isTrue();
		assertThat(this.writer.gather(OpCode.TEXT, utf8(""))).isTrue();
		assertThat(this.endPoint.getOutput().remaining()).as("nothing written during the read").isZero();

		this.writer.endOfRead();

		assertThat(wire()).containsExactly("TEXT one", "BINARY " + medium, "TEXT ");
		assertThat(this.jetty.given).isEmpty();
	}

	@Test
	void leavesTheCallersPayloadAsItWas() {
		ByteBuffer payload = utf8("as it was");
		this.writer.gather(OpCode.TEXT, payload);
		assertThat(payload.remaining()).isEqualTo(9);
	}

	@Test
	void leavesMessagesOfAQuarterOfTheBufferOrMoreToJetty() {
		assertThat(this.writer.gather(OpCode.BINARY, ByteBuffer.allocate(BUFFER_SIZE / 4 - 1))).isTrue();
		assertThat(this.writer.gather(OpCode.BINARY, ByteBuffer.allocate(BUFFER_SIZE / 4))).isFalse();
	}

	@Test
	void writesAFullBufferDuringTheReadAndGathersOn() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String message = i + " " + "x".repeat(200);
			assertThat(this.writer.gather(OpCode.TEXT, utf8(message))).isTrue();
			expected.add("TEXT " + message);
		}
		assertThat(this.endPoint.getOutput().remaining()).as("full buffers written during the read").isPositive();

		this.writer.endOfRead();

		assertThat(wire()).containsExactlyElementsOf(expected);
	}

	@Test
	void writesAFrameForJettyAfterTheMessagesGatheredBeforeIt() {
		this.writer.gather(OpCode.TEXT, utf8("echo 1"));
		// A pong answering a ping that came after the first message, then its echo.
		this.writer.send(entry(pong("ping"), true));
		assertThat(this.jetty.given).as("the pong waits for the gathered write").isEmpty();
		assertThat(this.writer.gather(OpCode.TEXT, utf8("echo 2"))).as("not ahead of the pong").isFalse();
		this.writer.send(entry(text("echo 2"), true));
		this.writer.endOfRead();
		this.writer.flush(Callback.NOOP);

		assertThat(wire()).containsExactly("TEXT echo 1", "PONG ping", "TEXT echo 2");
	}

	@Test
	void writesAFrameAnotherThreadSendsAfterTheMessagesGatheredBeforeIt() throws Exception {
		this.writer.gather(OpCode.TEXT, utf8("echo 1"));
		this.otherThread.submit(() -> this.writer.send(entry(text("late"), false))).get(5, TimeUnit.SECONDS);
		assertThat(this.writer.gather(OpCode.TEXT, utf8("echo 2"))).isFalse();
		this.writer.send(entry(text("echo 2"), true));
		this.writer.endOfRead();
		this.writer.flush(Callback.NOOP);

		assertThat(wire()).containsExactly("TEXT echo 1", "TEXT late", "TEXT echo 2");
	}

	@Test
	void gathersNothingWhileAFrameGivenToJettyIsUnwritten() {
		this.jetty.holdWrites = true;
		this.writer.send(entry(pong("first"), false));
		assertThat(this.jetty.given).hasSize(1);

		assertThat(this.writer.gather(OpCode.TEXT, utf8("second"))).isFalse();
		this.jetty.writeHeld();
		assertThat(this.writer.gather(OpCode.TEXT, utf8("second"))).isTrue();
		this.writer.endOfRead();

		assertThat(wire()).containsExactly("PONG first", "TEXT second");
	}

	@Test
	void gathersNothingAfterABatchedFrameUntilAFlushHasWrittenIt() {
		this.writer.send(entry(text("batched"), true));
		assertThat(this.jetty.given).as("given to Jetty, which completed it into its batch").hasSize(1);

		assertThat(this.writer.gather(OpCode.TEXT, utf8("next"))).isFalse();
		this.writer.flush(Callback.NOOP);
		assertThat(this.writer.gather(OpCode.TEXT, utf8("next"))).isTrue();
		this.writer.endOfRead();

		assertThat(wire()).containsExactly("TEXT batched", "TEXT next");
	}

	@Test
	void sendsTheCloseFrameAfterTheMessagesGatheredBeforeItAndNothingAfter() throws Exception {
		this.writer.gather(OpCode.TEXT, utf8("before"));
		Callback.Completable closeSent = new Callback.Completable();
		this.otherThread.submit(() -> this.writer.send(entry(new CloseStatus(1000, "bye").toFrame(), closeSent)))
			.get(5, TimeUnit.SECONDS);
		assertThat(this.writer.isClosing()).isTrue();
		assertThat(closeSent).as("the close waits for the gathered write").isNotDone();

		assertThat(this.writer.gather(OpCode.TEXT, utf8("after"))).isFalse();
		Callback.Completable after = new Callback.Completable();
		this.writer.send(entry(text("after"), after));
		this.writer.endOfRead();

		assertThat(closeSent).isCompleted();
		assertThatExceptionOfType(ExecutionException.class).as("failed by Jetty, as any send after the close")
			.isThrownBy(after::get)
			.withCauseInstanceOf(ClosedChannelException.class);
		assertThat(wire()).containsExactly("TEXT before", "CLOSE 1000");
	}

	@Test
	void holdsJettysFramesWhileAGatheredWriteIsInFlight() throws Exception {
		// A client that takes 16 bytes at a time.
		ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 16);
		FakeJetty jetty = new FakeJetty(endPoint);
		FrameWriter writer = new FrameWriter(endPoint, jetty);
		String message = "a message longer than the client takes at once";
		writer.gather(OpCode.TEXT, utf8(message));
		writer.endOfRead();

		writer.send(entry(pong("pong"), false));
		assertThat(jetty.given).as("no second write while one is in flight").isEmpty();
		assertThat(writer.gather(OpCode.TEXT, utf8("next"))).isFalse();

		ByteBuffer received = ByteBuffer.allocate(256);
		for (int reads = 0; reads < 10 && jetty.given.isEmpty(); reads++) {
			received.put(endPoint.takeOutput());
		}
		assertThat(jetty.given).as("given to Jetty once the gathered write is done").hasSize(1);
		for (int reads = 0; reads < 10 && (reads == 0 || endPoint.getOutput().hasRemaining()); reads++) {
			received.put(endPoint.takeOutput());
		}
		assertThat(wire(received.flip())).containsExactly("TEXT " + message, "PONG pong");
	}

	@Test
	void failsTheSessionAndLetsWaitingFramesGoWhenAGatheredWriteFails() {
		this.writer.gather(OpCode.TEXT, utf8("lost"));
		this.writer.send(entry(pong("waiting"), false));
		this.endPoint.close();

		this.writer.endOfRead();

		assertThat(this.jetty.failure).isNotNull();
		assertThat(this.writer.isClosing()).isTrue();
		assertThat(this.jetty.given).as("the waiting frame given to Jetty, to fail there").hasSize(1);
		assertThat(this.writer.gather(OpCode.TEXT, utf8("more"))).isFalse();
	}

	@Test
	void neverWritesAMessageAfterACloseFrameSentFromAnotherThread() throws Exception {
		for (int round = 0; round < 200; round++) {
			ByteArrayEndPoint endPoint = new ByteArrayEndPoint(new byte[0], 64 * 1024);
			FakeJetty jetty = new FakeJetty(endPoint);
			FrameWriter writer = new FrameWriter(endPoint, jetty);
			CountDownLatch started = new CountDownLatch(1);
			CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
				started.countDown();
				for (int i = 0; i < 200; i++) {
					if (!writer.gather(OpCode.TEXT, utf8("m" + i))) {
						writer.send(entry(text("m" + i), true));
					}
					if (i % 20 == 19) {
						writer.endOfRead();
						writer.flush(Callback.NOOP);
					}
				}
				writer.endOfRead();
				writer.flush(Callback.NOOP);
			});
			started.await();
			writer.send(entry(new CloseStatus(1000, "").toFrame(), false));
			reader.get(5, TimeUnit.SECONDS);

			List<String> wire = wire(endPoint.takeOutput());
			assertThat(wire).last().asString().startsWith("CLOSE");
			for (int i = 0; i < wire.size() - 1; i++) {
				assertThat(wire.get(i)).isEqualTo("TEXT m" + i);
			}
		}
	}

	/**
	 * Jetty's queue as far as order goes: frames given are written in order, control and
	 * unbatched frames at once, batched data frames completed at once and written at the
	 * next flush or unbatched frame; frames after a close frame fail.
	 */
	static final class FakeJetty implements FrameWriter.JettyQueue {

		final List<OutgoingEntry> given = new ArrayList<>();

		volatile boolean holdWrites;

		volatile @Nullable Throwable failure;

		private final ByteArrayEndPoint endPoint;

		private final ByteBuffer batch = ByteBuffer.allocate(64 * 1024);

		private final List<OutgoingEntry> held = new ArrayList<>();

		private boolean closed;

		FakeJetty(ByteArrayEndPoint endPoint) {
			this.endPoint = endPoint;
		}

		@Override
		public ByteBufferPool getByteBufferPool() {
			return POOL;
		}

		@Override
		public int getOutputBufferSize() {
			return BUFFER_SIZE;
		}

		@Override
		public boolean isUseOutputDirectByteBuffers() {
			return false;
		}

		@Override
		public synchronized void sendQueued(OutgoingEntry entry) {
			this.given.add(entry);
			Frame frame = entry.getFrame();
			if (this.closed) {
				entry.getCallback().failed(new ClosedChannelException());
				return;
			}
			this.closed = frame.getOpCode() == OpCode.CLOSE;
			if (entry.isBatch() && frame.isDataFrame()) {
				encode(frame);
				entry.getCallback().succeeded();
				return;
			}
			encode(frame);
			if (this.holdWrites) {
				this.held.add(entry);
				return;
			}
			write(entry.getCallback());
		}

		@Override
		public synchronized void flushQueued(Callback callback) {
			write(callback);
		}

		@Override
		public void writeFailed(Throwable cause) {
			this.failure = cause;
		}

		synchronized void writeHeld() {
			List<OutgoingEntry> held = List.copyOf(this.held);
			this.held.clear();
			write(Callback.from(() -> held.forEach((entry) -> entry.getCallback().succeeded())));
		}

		private void encode(Frame frame) {
			ByteBuffer payload = frame.getPayload();
			int length = (payload != null) ? payload.remaining() : 0;
			this.batch.put((byte) ((frame.isFin() ? 0x80 : 0) | frame.getOpCode()));
			if (length < 126) {
				this.batch.put((byte) length);
			}
			else {
				this.batch.put((byte) 126).putShort((short) length);
			}
			if (payload != null) {
				this.batch.put(payload.duplicate());
			}
		}

		private void write(Callback callback) {
			this.batch.flip();
			ByteBuffer bytes = BufferUtil.copy(this.batch);
			this.batch.clear();
			this.endPoint.write(callback, bytes);
		}

	}

}
