package dev.wsecho.chat.redis;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

import dev.wsecho.chat.ChatProperties;
import dev.wsecho.chat.ConditionalOnChatBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bean definitions as Spring AOT prepares them at build time: both brokers'
 * configurations, each with a bean made by it, Redis's auto-configuration, and a bean of
 * neither.
 */
class BrokerChoiceTests {

	private final DefaultListableBeanFactory registry = new DefaultListableBeanFactory();

	BrokerChoiceTests() {
		this.registry.registerBeanDefinition("memoryConfiguration", new RootBeanDefinition(MemoryBeans.class));
		this.registry.registerBeanDefinition("memoryRoom", madeBy("memoryConfiguration"));
		this.registry.registerBeanDefinition("redisConfiguration", new RootBeanDefinition(RedisBeans.class));
		this.registry.registerBeanDefinition("redisRoom", madeBy("redisConfiguration"));
		this.registry.registerBeanDefinition("redisRoomHealth", madeBy("redisRoom"));
		this.registry.registerBeanDefinition("redisProperties", new RootBeanDefinition(DataRedisProperties.class));
		this.registry.registerBeanDefinition("echo", new RootBeanDefinition(String.class));
	}

	@Test
	void withTheMemoryBrokerDropsRedisAndItsAutoConfiguration() {
		new BrokerChoice(ChatProperties.Broker.MEMORY).postProcessBeanDefinitionRegistry(this.registry);
		assertThat(this.registry.getBeanDefinitionNames()).containsExactlyInAnyOrder("memoryConfiguration",
				"memoryRoom", "echo");
	}

	@Test
	void withTheRedisBrokerDropsTheRoomInMemory() {
		new BrokerChoice(ChatProperties.Broker.REDIS).postProcessBeanDefinitionRegistry(this.registry);
		assertThat(this.registry.getBeanDefinitionNames()).containsExactlyInAnyOrder("redisConfiguration", "redisRoom",
				"redisRoomHealth", "redisProperties", "echo");
	}

	@Test
	void whileSpringAotProcessesKeepsEveryBroker() {
		new BrokerChoice(null).postProcessBeanDefinitionRegistry(this.registry);
		assertThat(this.registry.getBeanDefinitionNames()).hasSize(7);
	}

	private static RootBeanDefinition madeBy(String factory) {
		RootBeanDefinition definition = new RootBeanDefinition(Object.class);
		definition.setFactoryBeanName(factory);
		return definition;
	}

	@ConditionalOnChatBroker(ChatProperties.Broker.MEMORY)
	static class MemoryBeans {

	}

	@ConditionalOnChatBroker(ChatProperties.Broker.REDIS)
	static class RedisBeans {

	}

}
