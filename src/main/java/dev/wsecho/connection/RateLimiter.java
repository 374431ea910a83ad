package dev.wsecho.connection;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code perSecond}; one per
 * client, used from that client's receiving thread only.
 */
final class RateLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final double perNano;

	private final double burst;

	private final LongSupplier nanoTime;

	private double tokens;

	private long last;

	RateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
		this.perNano = (double) perSecond / NANOS_PER_SECOND;
		this.burst = burst;
		this.nanoTime = nanoTime;
		this.tokens = burst;
		this.last = nanoTime.getAsLong();
	}

	/** Takes one token; {@code false} when the client is over its limit. */
	boolean tryAcquire() {
		long now = this.nanoTime.getAsLong();
		this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perNano);
		this.last = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
