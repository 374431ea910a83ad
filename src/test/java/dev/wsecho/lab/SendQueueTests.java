package dev.wsecho.lab;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SendQueueTests {

	private final SendQueue queue = new SendQueue();

	private final List<String> sent = new CopyOnWriteArrayList<>();

	@Test
	void sendsInTheOrderAdded() throws Exception {
		this.queue.add(() -> this.sent.add("a"));
		this.queue.add(() -> this.sent.add("b"));

		this.queue.flush();

		assertThat(this.sent).containsExactly("a", "b");
	}

	@Test
	void aFlushWhileAnotherThreadSendsLeavesItsSendsToThatThreadInsteadOfWaiting() throws Exception {
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		this.queue.add(() -> {
			sending.countDown();
			assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
			this.sent.add("a");
		});
		Thread other = new Thread(() -> {
			try {
				this.queue.flush();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "send-queue-test-sender");
		other.setDaemon(true);
		other.start();
		assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

		this.queue.add(() -> this.sent.add("b"));
		this.queue.flush();
		assertThat(this.sent).as("left to the sending thread").isEmpty();

		release.countDown();
		other.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(other.isAlive()).isFalse();
		assertThat(failure.get()).isNull();
		assertThat(this.sent).containsExactly("a", "b");
	}

	@Test
	void keepsWhatASendThatFailedLeftForTheNextFlush() throws Exception {
		this.queue.add(() -> {
			throw new IllegalStateException("closed");
		});
		this.queue.add(() -> this.sent.add("b"));

		assertThatIllegalStateException().isThrownBy(this.queue::flush);
		this.queue.flush();

		assertThat(this.sent).containsExactly("b");
	}

	@Test
	void forgetsWhatIsClearedBeforeAFlush() throws Exception {
		this.queue.add(() -> this.sent.add("a"));

		this.queue.clear();
		this.queue.flush();

		assertThat(this.sent).isEmpty();
	}

}
