package dev.wsecho.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TickStreamTests {

	private final List<String> sent = new ArrayList<>();

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
		TickStream stream = new TickStream(2, this.sender);
		CompletableFuture<Void> task = new CompletableFuture<>();
		stream.scheduled(task);

		stream.tick();
		stream.tick();
		stream.tick();

		assertThat(this.sent).containsExactly("tick 1", "tick 2", "done 2");
		assertThat(task).isCancelled();
	}

	@Test
	void sendsNothingAfterStop() throws Exception {
		TickStream stream = new TickStream(0, this.sender);
		stream.scheduled(new CompletableFuture<>());
		stream.tick();

		assertThat(stream.stop()).isTrue();
		stream.tick();

		assertThat(stream.stop()).as("a second stop").isFalse();
		assertThat(this.sent).containsExactly("tick 1", "done 1 stopped");
	}

	@Test
	void cancelEndsSilently() throws Exception {
		TickStream stream = new TickStream(0, this.sender);
		CompletableFuture<Void> task = new CompletableFuture<>();
		stream.scheduled(task);

		stream.cancel();
		stream.tick();

		assertThat(this.sent).isEmpty();
		assertThat(task).isCancelled();
	}

}
