package dev.wsecho.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class LatencyHistogramTests {

	@Test
	void givesPercentilesWithinTheBucketErrorOfTheExactOnes() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (long micros = 1; micros <= 10_000; micros++) {
			histogram.record(micros * 1_000);
		}

		assertThat(histogram.percentileNanos(0.50)).isCloseTo(5_000_000, withinPercentage(1.6));
		assertThat(histogram.percentileNanos(0.99)).isCloseTo(9_900_000, withinPercentage(1.6));
		assertThat(histogram.percentileNanos(0.999)).isCloseTo(9_990_000, withinPercentage(1.6));
		assertThat(histogram.count()).isEqualTo(10_000);
		assertThat(histogram.maxNanos()).isEqualTo(10_000_000);
		assertThat(histogram.meanNanos()).isCloseTo(5_000_500, within(0.5));
	}

	@Test
	void findsARareSlowTailAtP99ButNotAtP50() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < 980; i++) {
			histogram.record(100_000);
		}
		for (int i = 0; i < 20; i++) {
			histogram.record(50_000_000);
		}

		assertThat(histogram.percentileNanos(0.50)).isCloseTo(100_000, withinPercentage(1.6));
		assertThat(histogram.percentileNanos(0.99)).isCloseTo(50_000_000, withinPercentage(1.6));
	}

	@Test
	void keepsSmallValuesExact() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(7);
		histogram.record(-3);

		assertThat(histogram.percentileNanos(1.0)).isEqualTo(7);
		assertThat(histogram.percentileNanos(0.5)).isEqualTo(0);
	}

	@Test
	void addsUpHistogramsOfSeveralLoops() {
		LatencyHistogram first = new LatencyHistogram();
		LatencyHistogram second = new LatencyHistogram();
		first.record(1_000);
		second.record(3_000_000);

		first.add(second);

		assertThat(first.count()).isEqualTo(2);
		assertThat(first.maxNanos()).isEqualTo(3_000_000);
		assertThat(first.percentileNanos(1.0)).isCloseTo(3_000_000, withinPercentage(1.6));
	}

	@Test
	void reportsZeroWhenEmpty() {
		LatencyHistogram histogram = new LatencyHistogram();

		assertThat(histogram.percentileNanos(0.99)).isZero();
		assertThat(histogram.meanNanos()).isZero();
	}

}
