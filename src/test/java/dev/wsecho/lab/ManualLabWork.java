package dev.wsecho.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.util.unit.DataSize;

/**
 * The lab's work on timers and burst threads that a test runs by hand, at a fixed
 * instant, with limits small enough to reach in a test.
 */
final class ManualLabWork {

	static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123Z");

	/**
	 * 1000-byte messages, two pending delays, bursts of ten messages and 100 bytes, five
	 * ticks.
	 */
	static final LabProperties PROPERTIES = new LabProperties(DataSize.ofBytes(1000), Duration.ofSeconds(60), 2, 10,
			DataSize.ofBytes(100), Duration.ofMillis(10), 5);

	final ManualTaskScheduler timers = new ManualTaskScheduler();

	final ManualTaskExecutor bursts = new ManualTaskExecutor();

	final LabWork work = new LabWork(PROPERTIES, this.timers, this.bursts, Clock.fixed(NOW, ZoneOffset.UTC));

}
