package dev.wsecho.chat.redis;

import java.time.Duration;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerAvailabilityTests {

	private static final Duration INTERVAL = Duration.ofSeconds(3);

	private final FakeBroker broker = new FakeBroker();

	private final ManualScheduler scheduler = new ManualScheduler();

	private int losses;

	private BrokerAvailability availability(Duration connectTimeout) {
		BrokerAvailability availability = new BrokerAvailability(this.broker, () -> this.losses++, this.scheduler,
				INTERVAL, connectTimeout);
		this.broker.availability = availability;
		return availability;
	}

	@Test
	void startChecksAtOnceAndReturnsAvailableWhenTheProbeComesBack() {
		BrokerAvailability availability = availability(Duration.ofMinutes(1));

		availability.start();

		assertThat(this.scheduler.period).isEqualTo(INTERVAL);
		assertThat(this.broker.calls).containsExactly("subscribe", "renew", "probe");
		assertThat(availability.isAvailable()).isTrue();
		assertThat(availability.hasBeenAvailable()).isTrue();
		assertThat(availability.isRunning()).isTrue();
	}

	@Test
	void startGivesUpAfterTheConnectTimeoutAndTheInstanceIsNotReadyUntilAProbeComesBack() {
		this.broker.echoProbes = false;
		BrokerAvailability availability = availability(Duration.ZERO);

		availability.start();

		assertThat(availability.isRunning()).isTrue();
		assertThat(availability.isAvailable()).isFalse();
		assertThat(availability.hasBeenAvailable()).isFalse();

		availability.probeReturned();

		assertThat(availability.isAvailable()).isTrue();
		assertThat(availability.hasBeenAvailable()).isTrue();
	}

	@Test
	void whileAvailableACheckRenewsThePresenceWithoutProbing() {
		BrokerAvailability availability = availability(Duration.ofMinutes(1));
		availability.start();
		this.broker.calls.clear();

		this.scheduler.tick();

		assertThat(this.broker.calls).containsExactly("subscribe", "renew");
	}

	@Test
	void noCheckWhileTheSubscriptionCannotStart() {
		this.broker.subscribes = false;
		BrokerAvailability availability = availability(Duration.ZERO);

		availability.start();
		this.scheduler.tick();

		assertThat(this.broker.calls).containsExactly("subscribe", "subscribe");
		assertThat(availability.hasBeenAvailable()).isFalse();
	}

	@Test
	void aLossTellsTheRoomOnceAndAReturnedProbeMakesTheChatAvailableAgain() {
		BrokerAvailability availability = availability(Duration.ofMinutes(1));
		availability.start();
		this.broker.failure = new RedisConnectionFailureException("down");

		this.scheduler.tick();
		this.scheduler.tick();
		availability.lost(new RedisConnectionFailureException("down"));

		assertThat(availability.isAvailable()).isFalse();
		assertThat(availability.hasBeenAvailable()).as("readiness, once reached, stays").isTrue();
		assertThat(this.losses).isEqualTo(1);

		this.broker.failure = null;
		this.broker.calls.clear();
		this.scheduler.tick();

		assertThat(this.broker.calls).containsExactly("subscribe", "renew", "probe");
		assertThat(availability.isAvailable()).isTrue();
		assertThat(this.losses).isEqualTo(1);
	}

	/**
	 * Redis answered (with an error), or the check itself failed: neither loses Redis.
	 */
	static Stream<RuntimeException> errorsThatAreNoLoss() {
		return Stream.of(new RedisSystemException("script", new RedisCommandExecutionException("ERR something")),
				new IllegalStateException("bug"));
	}

	@ParameterizedTest
	@MethodSource("errorsThatAreNoLoss")
	void anErrorThatIsNotAConnectionFailureIsNoLoss(RuntimeException error) {
		BrokerAvailability availability = availability(Duration.ofMinutes(1));
		availability.start();
		this.broker.failure = error;

		this.scheduler.tick();

		assertThat(availability.isAvailable()).isTrue();
		assertThat(this.losses).isZero();
	}

	@Test
	void stopEndsTheChecks() {
		BrokerAvailability availability = availability(Duration.ofMinutes(1));
		availability.start();

		availability.stop();

		assertThat(this.scheduler.cancelled).isTrue();
		assertThat(availability.isRunning()).isFalse();
	}

	/** Redis as the checks see it; a probe comes back at once unless told otherwise. */
	private static final class FakeBroker implements BrokerAvailability.Broker {

		private final List<String> calls = new ArrayList<>();

		private @Nullable BrokerAvailability availability;

		private boolean subscribes = true;

		private boolean echoProbes = true;

		private @Nullable RuntimeException failure;

		@Override
		public boolean subscribe() {
			this.calls.add("subscribe");
			return this.subscribes;
		}

		@Override
		public void renew() {
			this.calls.add("renew");
			RuntimeException failure = this.failure;
			if (failure != null) {
				throw failure;
			}
		}

		@Override
		public void probe() {
			this.calls.add("probe");
			BrokerAvailability availability = this.availability;
			if (this.echoProbes && availability != null) {
				availability.probeReturned();
			}
		}

	}

	/** Runs the task once when scheduled (as the real one does) and then on each tick. */
	private static final class ManualScheduler implements BrokerAvailability.Scheduler {

		private @Nullable Runnable task;

		private @Nullable Duration period;

		private boolean cancelled;

		@Override
		public Runnable every(Duration period, Runnable task) {
			this.period = period;
			this.task = task;
			task.run();
			return () -> this.cancelled = true;
		}

		void tick() {
			Runnable task = this.task;
			if (task != null && !this.cancelled) {
				task.run();
			}
		}

	}

}
