package dev.wsecho.slowclient;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboundSessionTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private final SendTimeWatch watch = new SendTimeWatch("test-send-watch", HOUR);

	private final StuckSession client = new StuckSession();

	@AfterEach
	void unstick() {
		this.client.unstick.countDown();
		this.watch.close();
	}

	@Test
	void sendsWhatNoLimitStops() throws Exception {
		OutboundSession out = outbound(HOUR, DataSize.ofKilobytes(1));
		this.client.unstick.countDown();

		out.sendMessage(new TextMessage("hello"));

		assertThat(this.client.sent).containsExactly(new TextMessage("hello"));
		assertThat(this.client.closes).isEmpty();
	}

	@Test
	void closesWithTooSlowOnceMoreThanTheBufferWaitsBehindAStuckSend() throws Exception {
		OutboundSession out = outbound(HOUR, DataSize.ofBytes(10));
		Thread stuck = sendOnAnotherThread(out);

		out.sendMessage(new TextMessage("x".repeat(6)));
		assertThat(this.client.closes).isEmpty();
		out.sendMessage(new TextMessage("x".repeat(6)));

		assertThat(this.client.closes).containsExactly(SlowClients.TOO_SLOW);
		out.sendMessage(new TextMessage("after the close"));
		this.client.unstick.countDown();
		stuck.join();
		assertThat(this.client.sent).containsExactly(new TextMessage("stuck"));
	}

	@Test
	void closesWithTooSlowWhenAnotherSendFindsOneStuckOverTheTimeLimit() throws Exception {
		OutboundSession out = outbound(Duration.ofMillis(1), DataSize.ofMegabytes(1));
		Thread stuck = sendOnAnotherThread(out);
		await().atMost(Duration.ofSeconds(10)).until(() -> out.getTimeSinceSendStarted() > 1);

		out.sendMessage(new TextMessage("behind the stuck one"));

		assertThat(this.client.closes).containsExactly(SlowClients.TOO_SLOW);
		this.client.unstick.countDown();
		stuck.join();
	}

	@Test
	void closesOnlyOnceHoweverManyLimitsAreReached() {
		OutboundSession out = outbound(HOUR, DataSize.ofMegabytes(1));

		out.closeTooSlow("more than 20 events waiting");
		out.closeTooSlow("a send has taken 501 ms, over the limit of 500 ms");

		assertThat(this.client.closes).containsExactly(SlowClients.TOO_SLOW);
	}

	@Test
	void isNoLongerWatchedOnceClosedOrReleased() {
		OutboundSession closed = outbound(HOUR, DataSize.ofMegabytes(1));
		OutboundSession released = outbound(HOUR, DataSize.ofMegabytes(1));
		OutboundSession open = outbound(HOUR, DataSize.ofMegabytes(1));
		this.watch.watch(closed, closed::closeTooSlow);
		this.watch.watch(released, released::closeTooSlow);
		this.watch.watch(open, open::closeTooSlow);

		closed.closeTooSlow("more than 20 events waiting");
		released.release();

		assertThat(this.watch.size()).isOne();
	}

	private OutboundSession outbound(Duration sendTimeLimit, DataSize sendBufferSize) {
		return new OutboundSession(this.client,
				new SlowClientProperties(1000, sendBufferSize, sendTimeLimit, Duration.ofSeconds(20)), this.watch);
	}

	/**
	 * Starts a send that is stuck on the client until {@link StuckSession#unstick}, and
	 * waits until it is.
	 */
	private Thread sendOnAnotherThread(OutboundSession out) throws InterruptedException {
		Thread thread = new Thread(() -> {
			try {
				out.sendMessage(new TextMessage("stuck"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		thread.start();
		assertThat(this.client.sending.await(10, TimeUnit.SECONDS)).as("the send is stuck").isTrue();
		return thread;
	}

	/**
	 * A client whose sends wait until it is unstuck, as on a socket the client no longer
	 * reads.
	 */
	private static final class StuckSession extends RecordingWebSocketSession {

		final CountDownLatch sending = new CountDownLatch(1);

		final CountDownLatch unstick = new CountDownLatch(1);

		final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();

		final List<CloseStatus> closes = new CopyOnWriteArrayList<>();

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
			this.sending.countDown();
			try {
				this.unstick.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.sent.add(message);
		}

		@Override
		public boolean isOpen() {
			return this.closes.isEmpty();
		}

		@Override
		public void close(CloseStatus status) {
			this.closes.add(status);
		}

	}

}
