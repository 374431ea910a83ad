package dev.wsecho.lab;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the lab endpoint, bound from {@code wsecho.lab.*}: the bounds of its
 * commands (a client too slow for what it asked for is {@code wsecho.slow-clients.*}'s).
 *
 * @param maxMessageSize the largest message the lab accepts; a longer one closes with
 * 1009
 * @param maxDelay the longest {@code delay} a client may ask for
 * @param maxBurstCount the most messages one {@code burst} may ask for
 * @param maxBurstBytes the most bytes (count × size) one {@code burst} may ask for
 * @param maxPendingDelays the most {@code delay} replies one connection may have waiting
 * @param minStreamInterval the shortest {@code stream} interval
 * @param maxStreamCount the most ticks one {@code stream} may ask for
 */
@ConfigurationProperties("wsecho.lab")
public record LabProperties(@DefaultValue("1MB") DataSize maxMessageSize, @DefaultValue("60s") Duration maxDelay,
		@DefaultValue("1000") int maxPendingDelays, @DefaultValue("100000") int maxBurstCount,
		@DefaultValue("64MB") DataSize maxBurstBytes, @DefaultValue("10ms") Duration minStreamInterval,
		@DefaultValue("100000") int maxStreamCount) {

	/** Where the lab endpoint is served. */
	public static final String PATH = "/ws/lab";

}
