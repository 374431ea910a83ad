package dev.wsecho.connection;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	private final RateLimiter limiter = new RateLimiter(20, 40, this.now::get);

	@Test
	void allowsTheBurstAtOnceThenRefusesTheNext() {
		for (int i = 0; i < 40; i++) {
			assertThat(this.limiter.tryAcquire()).as("message %d", i).isTrue();
		}
		assertThat(this.limiter.tryAcquire()).isFalse();
	}

	@Test
	void refillsAtTheRate() {
		for (int i = 0; i < 40; i++) {
			this.limiter.tryAcquire();
		}
		this.now.addAndGet(50_000_000L);

		assertThat(this.limiter.tryAcquire()).as("one token after 50 ms at 20/s").isTrue();
		assertThat(this.limiter.tryAcquire()).isFalse();
	}

	@Test
	void neverSavesMoreThanTheBurst() {
		this.now.addAndGet(3_600_000_000_000L);
		for (int i = 0; i < 40; i++) {
			this.limiter.tryAcquire();
		}

		assertThat(this.limiter.tryAcquire()).isFalse();
	}

}
