package dev.wsecho.chat.redis;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import dev.wsecho.chat.ChatProperties;

/**
 * Leaves out the auto-configuration that Redis brings to the classpath (Redis and
 * Lettuce, Spring Data, Netty, transactions) unless {@code wsecho.chat.broker=redis}:
 * with the chat in memory none of it is used, and creating it costs start-up time and
 * threads. Spring AOT's processing at build time keeps it, for a start with
 * {@code -Dspring.aot.enabled=true} to choose either broker ({@link BrokerChoice}).
 */
class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String[] BROUGHT_BY_REDIS = { "org.springframework.boot.data.",
			"org.springframework.boot.netty.", "org.springframework.boot.transaction.",
			"org.springframework.boot.persistence." };

	private boolean redis;

	@Override
	public void setEnvironment(Environment environment) {
		this.redis = ChatProperties.Broker.of(environment) == ChatProperties.Broker.REDIS
				|| Boolean.parseBoolean(environment.getProperty("spring.aot.processing"));
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = this.redis || autoConfigurationClasses[i] == null
					|| !broughtByRedis(autoConfigurationClasses[i]);
		}
		return matches;
	}

	static boolean broughtByRedis(String autoConfiguration) {
		for (String prefix : BROUGHT_BY_REDIS) {
			if (autoConfiguration.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
