package dev.wsecho.chat.redis;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.wsecho.chat.ChatProperties;
import dev.wsecho.chat.DeliveryThreads;
import dev.wsecho.slowclient.SlowClientProperties;

/**
 * With {@code wsecho.chat.broker=redis}: the {@link RedisChatRoom}, Redis in the health
 * report, and readiness that waits for the room. Without it nothing here exists, so
 * nothing reaches for Redis (its health indicator is off in
 * {@code application.properties} and only this class turns it on).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wsecho.chat.broker", havingValue = "redis")
class RedisChatConfiguration {

	@Bean
	RedisChatRoom chatRoom(RedisConnectionFactory redis, DataRedisProperties redisProperties, JsonMapper json,
			DeliveryThreads threads, ChatProperties properties, SlowClientProperties slowClients) {
		Duration connectTimeout = (redisProperties.getConnectTimeout() != null) ? redisProperties.getConnectTimeout()
				: SocketOptions.DEFAULT_CONNECT_TIMEOUT_DURATION;
		return new RedisChatRoom(new StringRedisTemplate(redis), new BrokerEvents(json), threads.executor(),
				Clock.systemUTC(), properties, slowClients.maxPending(), connectTimeout);
	}

	/**
	 * {@code /actuator/health/readiness} is {@code OUT_OF_SERVICE} until the room has
	 * reached Redis for the first time, so that a load balancer sends no member to an
	 * instance that would refuse it. When Redis goes away later, the instance stays
	 * ready: every instance shares the one Redis, so taking them all out would cut off
	 * the echo and the lab as well, while the chat tells its own clients (1013,
	 * {@code unavailable}) and {@code redis} shows DOWN in {@code /actuator/health}.
	 */
	@Bean
	ReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability,
			RedisChatRoom room) {
		return new ReadinessStateHealthIndicator(availability) {

			@Override
			protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
				return room.hasBeenAvailable() ? super.getState(applicationAvailability)
						: ReadinessState.REFUSING_TRAFFIC;
			}

		};
	}

	/** Shows {@code redis} in {@code /actuator/health}: the chat needs it. */
	@Bean
	DataRedisHealthIndicator redisHealthIndicator(RedisConnectionFactory redis) {
		return new DataRedisHealthIndicator(redis);
	}

	/**
	 * Commands fail at once while Redis is away, rather than queueing until their
	 * timeout: a member then hears at once that the chat is unavailable, and its thread
	 * is not held.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer chatRejectsCommandsWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
