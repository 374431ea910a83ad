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

	@AfterEach
	void closeWatches() {
		this.watches.forEach(SendTimeWatch::close);
	}

	@Test
	void callsBackOnceAConnectionWhoseSendIsOverTheLimit() {
		SendTimeWatch watch = watch(HOUR);
		StuckDecorator stuck = new StuckDecorator(HOUR.toMillis() + 1);
		List<String> calls = new ArrayList<>();
		watch.watch(stuck, calls::add);

		watch.check();
		watch.check();

		assertThat(calls).containsExactly("a send has taken 3600001 ms, over the limit of 3600000 ms");
		assertThat(watch.size()).isZero();
	}

	@Test
	void leavesAConnectionAtOrUnderTheLimit() {
		SendTimeWatch watch = watch(HOUR);
		List<String> calls = new ArrayList<>();
		watch.watch(new StuckDecorator(0), calls::add);
		watch.watch(new StuckDecorator(HOUR.toMillis()), calls::add);

		watch.check();

		assertThat(calls).isEmpty();
		assertThat(watch.size()).isEqualTo(2);
	}

	@Test
	void forgetsAConnectionOnceUnwatched() {
		SendTimeWatch watch = watch(HOUR);
		StuckDecorator stuck = new StuckDecorator(HOUR.toMillis() + 1);
		List<String> calls = new ArrayList<>();
		watch.watch(stuck, calls::add);

		watch.unwatch(stuck);
		watch.check();

		assertThat(calls).isEmpty();
		assertThat(watch.size()).isZero();
	}

	@Test
	void stillCallsBackTheOthersWhenOneCallbackFails() {
		SendTimeWatch watch = watch(HOUR);
		List<String> calls = new ArrayList<>();
		watch.watch(new StuckDecorator(HOUR.toMillis() + 1), (why) -> {
			calls.add("failing");
			throw new IllegalStateException("close failed");
		});
		watch.watch(new StuckDecorator(HOUR.toMillis() + 1), (why) -> calls.add("other"));

		watch.check();

		assertThat(calls).containsExactlyInAnyOrder("failing", "other");
	}

	@Test
	void checksByItselfWithNoOtherSend() {
		SendTimeWatch watch = watch(Duration.ofMillis(100));
		List<String> calls = new CopyOnWriteArrayList<>();
		watch.watch(new StuckDecorator(101), calls::add);

		await().atMost(Duration.ofSeconds(10)).until(() -> !calls.isEmpty());
		assertThat(calls).containsExactly("a send has taken 101 ms, over the limit of 100 ms");
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
