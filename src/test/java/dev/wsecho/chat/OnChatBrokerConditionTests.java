package dev.wsecho.chat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class OnChatBrokerConditionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(MemoryBeans.class, RedisBeans.class);

	@Test
	void appliesTheMemoryBrokersConfigurationByDefault() {
		this.runner.run((context) -> assertThat(context).hasBean("memoryRoom").doesNotHaveBean("redisRoom"));
	}

	@Test
	void appliesTheConfigurationOfTheBrokerNamedInAnyCase() {
		this.runner.withPropertyValues("wsecho.chat.broker=REDIS")
			.run((context) -> assertThat(context).hasBean("redisRoom").doesNotHaveBean("memoryRoom"));
	}

	@Test
	void appliesEveryBrokersConfigurationWhileSpringAotProcesses() {
		this.runner.withPropertyValues("spring.aot.processing=true", "wsecho.chat.broker=redis")
			.run((context) -> assertThat(context).hasBean("redisRoom").hasBean("memoryRoom"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnChatBroker(ChatProperties.Broker.MEMORY)
	static class MemoryBeans {

		@Bean
		String memoryRoom() {
			return "memory";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnChatBroker(ChatProperties.Broker.REDIS)
	static class RedisBeans {

		@Bean
		String redisRoom() {
			return "redis";
		}

	}

}
