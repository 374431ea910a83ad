package dev.wsecho.chat;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link ConditionalOnChatBroker}'s test: the configured broker is the annotated one, or
 * Spring AOT is processing the application ({@code spring.aot.processing}, set by its
 * processor), which then keeps every broker.
 */
class OnChatBrokerCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (Boolean.parseBoolean(context.getEnvironment().getProperty("spring.aot.processing"))) {
			return true;
		}
		Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnChatBroker.class.getName());
		return attributes != null && ChatProperties.Broker.of(context.getEnvironment()) == attributes.get("value");
	}

}
