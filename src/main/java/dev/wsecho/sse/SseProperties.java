package dev.wsecho.sse;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Server-Sent Events endpoints (the ticks here, the chat's in
 * {@code dev.wsecho.chat}), bound from {@code wsecho.sse.*}.
 *
 * @param tickInterval how often {@code /sse/ticks} sends a tick
 * @param timeout how long one event stream stays open; the browser then reconnects by
 * itself
 * @param retry how long a browser waits before reconnecting (the {@code retry:} field)
 */
@ConfigurationProperties("wsecho.sse")
public record SseProperties(@DefaultValue("1s") Duration tickInterval, @DefaultValue("30m") Duration timeout,
		@DefaultValue("3s") Duration retry) {

	/** Where the tick stream is served. */
	public static final String TICKS_PATH = "/sse/ticks";

}
