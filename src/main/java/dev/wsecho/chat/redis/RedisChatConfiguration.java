package dev.wsecho.chat.redis;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.wsecho.chat.ChatProperties;
import dev.wsecho.chat.ConditionalOnChatBroker;
import dev.wsecho.chat.DeliveryThreads;
import dev.wsecho.slowclient.SlowClientProperties;

/**
 * With {@code wsecho.chat.broker=redis}: the {@link RedisChatRoom} and Redis in the
 * health report. Without it nothing here exists, so nothing reaches for Redis (its health
 * indicator is off in {@code application.properties} and only this class turns it on).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatBroker(ChatProperties.Broker.REDIS)
class RedisChatConfiguration {

	/**
	 * Under Spring AOT the memory broker's beans are defined as well: the broker
	 * configured at start keeps its own.
	 */
	@Bean
	static BrokerChoice brokerChoice(Environment environment) {
		boolean aotProcessing = Boolean.parseBoolean(environment.getProperty("spring.aot.processing"));
		return new BrokerChoice(aotProcessing ? null : ChatProperties.Broker.of(environment));
	}

	@Bean
	RedisChatRoom redisChatRoom(RedisConnectionFactory redis, DataRedisProperties redisProperties, JsonMapper json,
			DeliveryThreads threads, ChatProperties properties, SlowClientProperties slowClients) {
		Duration connectTimeout = (redisProperties.getConnectTimeout() != null) ? redisProperties.getConnectTimeout()
				: SocketOptions.DEFAULT_CONNECT_TIMEOUT_DURATION;
		return new RedisChatRoom(new StringRedisTemplate(redis), new BrokerEvents(json), threads.executor(),
				Clock.systemUTC(), properties, slowClients.maxPending(), connectTimeout);
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
