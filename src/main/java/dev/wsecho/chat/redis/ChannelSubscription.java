package dev.wsecho.chat.redis;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * This instance's subscription to the room's channel, started by the room rather than as
 * a bean of its own, so that the room is connected before the web server takes
 * connections, and so that a Redis that is not there yet at start-up delays the chat
 * instead of failing the application. Once it has started, the container re-subscribes by
 * itself whenever the connection drops.
 */
final class ChannelSubscription {

	private static final Log logger = LogFactory.getLog(ChannelSubscription.class);

	/**
	 * How long the subscription waits before trying again when Redis cannot be reached.
	 */
	private static final long RECOVERY_INTERVAL_MILLIS = 1000;

	/** Hands channel messages over one at a time, in the order they arrived. */
	private final ThreadPoolTaskExecutor dispatcher = new ThreadPoolTaskExecutor();

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private volatile boolean started;

	ChannelSubscription(RedisConnectionFactory redis, String channel, MessageListener listener,
			Duration connectTimeout) {
		this.dispatcher.setCorePoolSize(1);
		this.dispatcher.setMaxPoolSize(1);
		this.dispatcher.setThreadNamePrefix("chat-broker-");
		this.dispatcher.initialize();
		this.container.setConnectionFactory(redis);
		this.container.setTaskExecutor(this.dispatcher);
		this.container.setRecoveryInterval(RECOVERY_INTERVAL_MILLIS);
		this.container.setMaxSubscriptionRegistrationWaitingTime(connectTimeout.toMillis());
		this.container.addMessageListener(listener, new ChannelTopic(channel));
		this.container.afterPropertiesSet();
	}

	/**
	 * Subscribes unless it already has, waiting at most the connect timeout.
	 * @return whether the subscription has started
	 */
	synchronized boolean start() {
		if (this.started) {
			return true;
		}
		try {
			this.container.start();
			this.started = true;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not subscribe to the chat channel yet: " + ex);
			// The container counts itself started even when its first subscription
			// failed.
			this.container.stop();
		}
		return this.started;
	}

	synchronized void stop() {
		this.started = false;
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Could not end the chat subscription: " + ex);
		}
		this.dispatcher.shutdown();
	}

}
