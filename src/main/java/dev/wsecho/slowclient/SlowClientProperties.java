package dev.wsecho.slowclient;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How far a client may fall behind what the server sends it, bound from
 * {@code wsecho.slow-clients.*}. The first three close the connection with
 * {@link SlowClients#TOO_SLOW} (1013) and then drop it; the last is the transport's own
 * backstop.
 *
 * @param maxPending how many chat events may wait for one member (or SSE reader) before
 * it is closed; this fires first, as soon as the event past the limit arrives
 * @param sendBufferSize how many bytes may wait for a {@code /ws/lab} or {@code /ws/chat}
 * client while a send to it is stuck, before it is closed; fires on the send that goes
 * over it
 * @param sendTimeLimit how long one send to a {@code /ws/lab} or {@code /ws/chat} client
 * may take before it is closed; a watch checks every half limit, so the close comes
 * between one and one and a half limits after the send began
 * @param transportSendTimeout how long a send on any endpoint may wait for a client that
 * does not read before the transport drops the connection without a close frame (1006);
 * the only limit for {@code /ws/echo}, and for the others a backstop behind
 * {@code send-time-limit}, so it should be longer than one and a half of it
 */
@ConfigurationProperties("wsecho.slow-clients")
public record SlowClientProperties(@DefaultValue("1000") int maxPending, @DefaultValue("1MB") DataSize sendBufferSize,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("20s") Duration transportSendTimeout) {

	/** The settings a user has not changed. */
	public static SlowClientProperties defaults() {
		return new SlowClientProperties(1000, DataSize.ofMegabytes(1), Duration.ofSeconds(10), Duration.ofSeconds(20));
	}

}
