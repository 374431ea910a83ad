package dev.wsecho.chat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One configuration marked for the Redis broker is enough to see the condition match its
 * broker (in any case), refuse another, and match whatever the broker while Spring AOT
 * processes the application.
 */
class OnChatBrokerConditionTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(RedisBeans.class);

	@Test
	void skipsTheConfigurationByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("redisRoom"));
	}

	@Test
	void skipsTheConfigurationWhenAnotherBrokerIsNamed() {
		this.runner.withPropertyValues("wsecho.chat.broker=memory")
			.run((context) -> assertThat(context).doesNotHaveBean("redisRoom"));
	}

	@Test
	void appliesTheConfigurationOfTheBrokerNamedInAnyCase() {
		this.runner.withPropertyValues("wsecho.chat.broker=REDIS")
			.run((context) -> assertThat(context).hasBean("redisRoom"));
	}

	@Test
	void appliesTheConfigurationWhileSpringAotProcessesWhateverTheBroker() {
		this.runner.withPropertyValues("spring.aot.processing=true", "wsecho.chat.broker=memory")
			.run((context) -> assertThat(context).hasBean("redisRoom"));
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
