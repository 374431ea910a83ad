package dev.wsecho.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wsecho.slowclient.SlowClientProperties;
import dev.wsecho.slowclient.SlowClients;
import dev.wsecho.testsupport.RecordingWebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class LabSessionTests {

	private final ManualLabWork work = new ManualLabWork();

	private final SlowClients slowClients = new SlowClients(SlowClientProperties.defaults());

	private final RecordingWebSocketSession client = new RecordingWebSocketSession();

	private final LabSession lab = new LabSession(this.client, this.slowClients.outbound(this.client), this.work.work);

	private final List<String> done = new ArrayList<>();

	@AfterEach
	void stopWatch() {
		this.slowClients.destroy();
	}

	@Test
	void countsItsDelaysUntilTheyRunAndRefusesOneOverMaxPendingDelays() {
		assertThat(this.lab.delay(Duration.ofSeconds(1), () -> this.done.add("first"))).isTrue();
		assertThat(this.lab.delay(Duration.ofSeconds(2), () -> this.done.add("second"))).isTrue();

		assertThat(this.lab.delay(Duration.ofSeconds(3), () -> this.done.add("third"))).isFalse();
		assertThat(this.lab.pendingDelays()).isEqualTo(2);
		assertThat(this.work.timers.scheduled).extracting((task) -> task.startTime)
			.containsExactly(ManualLabWork.NOW.plusSeconds(1), ManualLabWork.NOW.plusSeconds(2));

		this.work.timers.scheduled.get(0).run();

		assertThat(this.done).containsExactly("first");
		assertThat(this.lab.pendingDelays()).isEqualTo(1);
		assertThat(this.lab.delay(Duration.ofSeconds(3), () -> this.done.add("third"))).isTrue();
	}

	@Test
	void cancelsItsDelaysBurstsAndStreamWhenClosed() throws Exception {
		this.lab.delay(Duration.ofSeconds(1), () -> this.done.add("delay"));
		this.lab.burst(() -> this.done.add("burst"));
		this.lab.stream(new TickStream(0, new RecordingSender()), Duration.ofMillis(10));
		assertThat(this.lab.runningBursts()).isEqualTo(1);

		this.lab.closed();

		assertThat(this.work.timers.scheduled).hasSize(2).allMatch(ManualTaskScheduler.Task::isCancelled);
		this.work.timers.scheduled.forEach(ManualTaskScheduler.Task::run);
		this.work.bursts.runPending();
		assertThat(this.done).isEmpty();
		assertThat(this.lab.pendingDelays()).isZero();
		assertThat(this.lab.runningBursts()).isZero();
		assertThat(this.lab.stopStream()).as("a stream to stop").isFalse();
	}

	@Test
	void cancelsWorkStartedAfterItClosed() throws Exception {
		this.lab.closed();

		this.lab.delay(Duration.ofSeconds(1), () -> this.done.add("delay"));
		this.lab.burst(() -> this.done.add("burst"));
		this.lab.stream(new TickStream(0, new RecordingSender()), Duration.ofMillis(10));

		assertThat(this.work.timers.scheduled).hasSize(2).allMatch(ManualTaskScheduler.Task::isCancelled);
		this.work.bursts.runPending();
		assertThat(this.done).isEmpty();
	}

	@Test
	void stopsTheRunningStreamWhenAnotherStarts() throws Exception {
		RecordingSender first = new RecordingSender();
		this.lab.stream(new TickStream(0, first), Duration.ofMillis(10));
		this.work.timers.scheduled.get(0).run();

		this.lab.stream(new TickStream(0, new RecordingSender()), Duration.ofMillis(20));

		assertThat(first.sent).containsExactly("tick 1", "done 1 stopped");
		assertThat(this.work.timers.scheduled.get(0).isCancelled()).isTrue();
		assertThat(this.work.timers.pending()).singleElement()
			.satisfies((task) -> assertThat(task.period).isEqualTo(Duration.ofMillis(20)));
	}

	private static final class RecordingSender implements TickStream.Sender {

		private final List<String> sent = new ArrayList<>();

		@Override
		public void tick(long seq) {
			this.sent.add("tick " + seq);
		}

		@Override
		public void done(long count, boolean stopped) {
			this.sent.add("done " + count + (stopped ? " stopped" : ""));
		}

	}

}
