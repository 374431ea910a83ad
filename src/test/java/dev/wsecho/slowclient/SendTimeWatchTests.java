package dev.wsecho.slowclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SendTimeWatchTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private final List<SendTimeWatch> watches = new ArrayList<>();

	/** What the watches called back with, from whichever thread checks. */
	private final List<String> calls = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeWatches() {
		this.watches.forEach(SendTimeWatch::close);
	}

	@Test
	void callsBackOnceAConnectionWhoseSendIsOverTheLimit() {
		SendTimeWatch watch = watch(HOUR);
		StuckDecorator stuck = new StuckDecorator(HOUR.toMillis() + 1);
		watch.watch(stuck, this.calls::add);

		watch.check();
		watch.check();

		assertThat(this.calls).containsExactly("a send has taken 3600001 ms, over the limit of 3600000 ms");
		assertThat(watch.size()).isZero();
	}

	@Test
	void leavesAConnectionAtOrUnderTheLimit() {
		SendTimeWatch watch = watch(HOUR);
		watch.watch(new StuckDecorator(0), this.calls::add);
		watch.watch(new StuckDecorator(HOUR.toMillis()), this.calls::add);

		watch.check();

		assertThat(this.calls).isEmpty();
		assertThat(watch.size()).isEqualTo(2);
	}

	@Test
	void forgetsAConnectionOnceUnwatched() {
		SendTimeWatch watch = watch(HOUR);
		StuckDecorator stuck = new StuckDecorator(HOUR.toMillis() + 1);
		watch.watch(stuck, this.calls::add);

		watch.unwatch(stuck);
		watch.check();

		assertThat(this.calls).isEmpty();
		assertThat(watch.size()).isZero();
	}

	@Test
	void stillCallsBackTheOthersWhenOneCallbackFails() {
		SendTimeWatch watch = watch(HOUR);
		watch.watch(new StuckDecorator(HOUR.toMillis() + 1), (why) -> {
			this.calls.add("failing");
			throw new IllegalStateException("close failed");
		});
		watch.watch(new StuckDecorator(HOUR.toMillis() + 1), (why) -> this.calls.add("other"));

		watch.check();

		assertThat(this.calls).containsExactlyInAnyOrder("failing", "other");
	}

	@Test
	void checksByItselfWithNoOtherSend() {
		SendTimeWatch watch = watch(Duration.ofMillis(100));
		watch.watch(new StuckDecorator(101), this.calls::add);

		await().atMost(Duration.ofSeconds(10)).until(() -> !this.calls.isEmpty());
		assertThat(this.calls).containsExactly("a send has taken 101 ms, over the limit of 100 ms");
	}

	private SendTimeWatch watch(Duration limit) {
		SendTimeWatch watch = new SendTimeWatch("test-send-watch", limit);
		this.watches.add(watch);
		return watch;
	}

	/** A decorator whose send has been under way for a fixed time. */
	private static final class StuckDecorator extends ConcurrentWebSocketSessionDecorator {

		private final long millis;

		StuckDecorator(long millis) {
			super(new RecordingWebSocketSession(), 1000, 1024);
			this.millis = millis;
		}

		@Override
		public long getTimeSinceSendStarted() {
			return this.millis;
		}

	}

}
