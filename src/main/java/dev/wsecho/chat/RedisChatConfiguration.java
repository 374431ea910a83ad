package dev.wsecho.chat;

import java.time.Clock;

import io.lettuce.core.ClientOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.wsecho.slowclient.SlowClientProperties;

/**
 * With {@code wsecho.chat.broker=redis}: the {@link RedisChatRoom}, its subscription to the room's
 * channel, and Redis in the health report. Without it nothing here exists, so nothing reaches for
 * Redis (its health indicator is off in {@code application.properties} and only this class turns
 * it on).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wsecho.chat.broker", havingValue = "redis")
class RedisChatConfiguration {

	/** How long the subscription waits before trying again when Redis cannot be reached. */
	private static final long RECOVERY_INTERVAL_MILLIS = 1000;

	@Bean
	DeliveryThreads chatDeliveryThreads() {
		return new DeliveryThreads();
	}

	@Bean
	RedisChatRoom chatRoom(RedisConnectionFactory redis, JsonMapper json, DeliveryThreads threads,
			ChatProperties properties, SlowClientProperties slowClients) {
		return new RedisChatRoom(new StringRedisTemplate(redis), new BrokerEvents(json), threads.executor(),
				Clock.systemUTC(), properties, slowClients.maxPending());
	}

	@Bean
	RedisMessageListenerContainer chatSubscription(RedisConnectionFactory redis, RedisChatRoom room) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(redis);
		container.setTaskExecutor(room.dispatcher());
		container.setRecoveryInterval(RECOVERY_INTERVAL_MILLIS);
		container.addMessageListener(room, new ChannelTopic(room.channel()));
		return container;
	}

	/** Shows {@code redis} in {@code /actuator/health}: the chat needs it. */
	@Bean
	DataRedisHealthIndicator redisHealthIndicator(RedisConnectionFactory redis) {
		return new DataRedisHealthIndicator(redis);
	}

	/**
	 * Commands fail at once while Redis is away, rather than queueing until their timeout: a
	 * member then hears at once that the chat is unavailable, and its thread is not held.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer chatRejectsCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
