package dev.wsecho.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the chat room and its endpoint, bound from {@code wsecho.chat.*}.
 *
 * @param historySize how many recent messages the room keeps for {@code ?since=} and
 * {@code Last-Event-ID} resume
 * @param historyReplay how many recent messages a {@code v2} client gets on a fresh connect
 * @param maxMessageSize the largest message a client may send; a longer one gets an error reply
 * @param rateLimit the messages per second a client may send on average
 * @param rateBurst the messages a client may send at once before the average applies; a client
 * over its limit is closed with 1008
 * @param maxPending how many events may wait for one slow member or SSE reader before it is
 * closed with 1013
 * @param sendTimeLimit how long one send to a member may take while others wait, before it is
 * closed with 1013
 * @param sendBufferSize how many bytes may wait for one member while a send is in progress,
 * before it is closed with 1013
 */
@ConfigurationProperties("wsecho.chat")
public record ChatProperties(@DefaultValue("1000") int historySize, @DefaultValue("50") int historyReplay,
		@DefaultValue("4KB") DataSize maxMessageSize, @DefaultValue("20") int rateLimit,
		@DefaultValue("40") int rateBurst, @DefaultValue("1000") int maxPending,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("512KB") DataSize sendBufferSize) {

	/** Where the chat endpoint is served. */
	public static final String PATH = "/ws/chat";

}
