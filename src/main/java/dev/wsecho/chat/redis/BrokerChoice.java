package dev.wsecho.chat.redis;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.wsecho.chat.ChatProperties;
import dev.wsecho.chat.ConditionalOnChatBroker;

/**
 * Makes {@code wsecho.chat.broker} a choice of the start under Spring AOT: the bean
 * definitions prepared at build time hold both brokers ({@link ConditionalOnChatBroker}),
 * and this drops the beans of the broker not chosen (with {@code memory}, Redis's
 * auto-configuration too) before any is created. On a regular start the conditions have
 * already left them out and nothing is dropped.
 */
final class BrokerChoice implements BeanDefinitionRegistryPostProcessor {

	private final ChatProperties.@Nullable Broker chosen;

	/**
	 * @param chosen the broker whose beans stay; {@code null} while Spring AOT processes
	 * the application, which keeps every broker's
	 */
	BrokerChoice(ChatProperties.@Nullable Broker chosen) {
		this.chosen = chosen;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (this.chosen == null) {
			return;
		}
		Set<String> dropped = new HashSet<>();
		for (String name : registry.getBeanDefinitionNames()) {
			if (ofOtherBroker(registry.getBeanDefinition(name).getResolvableType().resolve())) {
				dropped.add(name);
			}
		}
		// The beans that the dropped configurations make go with them.
		boolean more = true;
		while (more) {
			more = false;
			for (String name : registry.getBeanDefinitionNames()) {
				String factory = registry.getBeanDefinition(name).getFactoryBeanName();
				if (factory != null && dropped.contains(factory) && dropped.add(name)) {
					more = true;
				}
			}
		}
		dropped.forEach(registry::removeBeanDefinition);
	}

	private boolean ofOtherBroker(@Nullable Class<?> type) {
		if (type == null || type == BrokerChoice.class) {
			return false;
		}
		ConditionalOnChatBroker broker = AnnotatedElementUtils.findMergedAnnotation(type,
				ConditionalOnChatBroker.class);
		if (broker != null) {
			return broker.value() != this.chosen;
		}
		return this.chosen != ChatProperties.Broker.REDIS
				&& RedisAutoConfigurationFilter.broughtByRedis(type.getName());
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
