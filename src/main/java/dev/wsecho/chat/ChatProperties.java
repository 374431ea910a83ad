package dev.wsecho.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the chat room and its endpoint, bound from {@code wsecho.chat.*} (how far a
 * member may fall behind is {@code wsecho.slow-clients.*}'s).
 *
 * @param historySize how many recent messages the room keeps for {@code ?since=} and
 * {@code Last-Event-ID} resume
 * @param historyReplay how many recent messages a {@code v2} client gets on a fresh
 * connect
 * @param maxMessageSize the largest message a client may send; a longer one gets an error
 * reply
 * @param rateLimit the messages per second a client may send on average
 * @param rateBurst the messages a client may send at once before the average applies; a
 * client over its limit is closed with 1008 (the chat's own rate, in place of
 * {@code wsecho.limits.message-rate}); zero {@code rateLimit} turns the limit off
 * @param broker where the room lives: {@code memory} (this instance alone) or
 * {@code redis} (every instance sharing one Redis, {@code spring.data.redis.*})
 * @param brokerCheckInterval with {@code redis}: how often each instance checks that
 * Redis answers and renews its members' presence
 * @param presenceTimeout with {@code redis}: how long the members of an instance that
 * stopped renewing (it crashed) stay listed
 * @param redisKeyPrefix with {@code redis}: the prefix of every key and channel the room
 * uses, so that several rooms can share one Redis
 */
@ConfigurationProperties("wsecho.chat")
public record ChatProperties(@DefaultValue("1000") int historySize, @DefaultValue("50") int historyReplay,
		@DefaultValue("4KB") DataSize maxMessageSize, @DefaultValue("20") int rateLimit,
		@DefaultValue("40") int rateBurst, @DefaultValue("memory") Broker broker,
		@DefaultValue("1s") Duration brokerCheckInterval, @DefaultValue("10s") Duration presenceTimeout,
		@DefaultValue("wsecho:chat:") String redisKeyPrefix) {

	/** Where the chat endpoint is served. */
	public static final String PATH = "/ws/chat";

	/** Where the room's messages are served as Server-Sent Events. */
	public static final String SSE_PATH = "/sse/chat";

	/** Where the room's messages, history and members live. */
	public enum Broker {

		/** In this process: one instance, nothing to install. */
		MEMORY,

		/** In Redis: any number of instances share the room. */
		REDIS;

		/**
		 * The broker {@code wsecho.chat.broker} names in {@code environment}, bound as
		 * the properties are (any case), {@link #MEMORY} when unset: for the choices made
		 * before the properties exist as a bean.
		 */
		public static Broker of(Environment environment) {
			return Binder.get(environment).bind("wsecho.chat.broker", Broker.class).orElse(MEMORY);
		}

	}

}
