package dev.wsecho.bench;

/**
 * Latencies in nanoseconds in a log-linear histogram (64 sub-buckets per power of two, so
 * a percentile is off by at most 1/64 of its value), recorded without allocating.
 */
final class LatencyHistogram {

	private static final int SUB_BITS = 6;

	private static final int SUB = 1 << SUB_BITS;

	private final long[] counts = new long[SUB * 64];

	private long total;

	private long sum;

	private long max;

	void record(long nanos) {
		long value = Math.max(0, nanos);
		this.counts[index(value)]++;
		this.total++;
		this.sum += value;
		this.max = Math.max(this.max, value);
	}

	void add(LatencyHistogram other) {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] += other.counts[i];
		}
		this.total += other.total;
		this.sum += other.sum;
		this.max = Math.max(this.max, other.max);
	}

	long count() {
		return this.total;
	}

	long maxNanos() {
		return this.max;
	}

	double meanNanos() {
		return (this.total != 0) ? (double) this.sum / this.total : 0;
	}

	/**
	 * The value at quantile {@code q} (0 &lt; q &le; 1): the midpoint of the bucket
	 * holding the ceil(q × count)-th smallest value, never above the largest value
	 * recorded; 0 when empty.
	 */
	double percentileNanos(double q) {
		if (this.total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(q * this.total));
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return Math.min(midpoint(i), this.max);
			}
		}
		return this.max;
	}

	static int index(long value) {
		if (value < 2 * SUB) {
			return (int) value;
		}
		int shift = 63 - Long.numberOfLeadingZeros(value) - SUB_BITS;
		return (shift + 1) * SUB + (int) ((value >>> shift) & (SUB - 1));
	}

	private static double midpoint(int index) {
		if (index < 2 * SUB) {
			return index;
		}
		int shift = index / SUB - 1;
		long low = ((long) (SUB + index % SUB)) << shift;
		return low + (double) (1L << shift) / 2;
	}

}
